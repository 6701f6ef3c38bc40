package org.hashfed.cli.demo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashfed.protocol.filehash.FileDigests;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;

/** An image's bytes with the hashes a member shares: MD5 and SHA-256 of the bytes, PDQ of the pixels. */
final class DemoImage {

  /** The example photo on the classpath (see NOTICE.md next to it). */
  static final String RESOURCE = "bridge.jpg";

  private final byte[] bytes;
  private final BufferedImage image;
  private final FileDigests digests;
  private final PdqResult pdq;

  private DemoImage(byte[] bytes, BufferedImage image) {
    this.bytes = bytes;
    this.image = image;
    this.digests = FileDigests.of(bytes);
    this.pdq = new PdqHasher().hash(image);
  }

  /** The example photo shipped in the jar. */
  static DemoImage example() throws IOException, ImageDecodeException {
    try (InputStream in = DemoImage.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the example image " + RESOURCE + " is missing from the jar");
      }
      return of(in.readAllBytes());
    }
  }

  static DemoImage of(byte[] bytes) throws ImageDecodeException {
    return new DemoImage(bytes.clone(), ImageLoader.read(bytes));
  }

  /**
   * A copy scaled to {@code scale} of the size and re-encoded as JPEG at {@code quality} (0..1):
   * what happens to an image re-uploaded elsewhere; its bytes differ, its PDQ stays close.
   */
  DemoImage resizedAndReencoded(double scale, float quality) throws IOException, ImageDecodeException {
    int w = Math.max(PdqHasher.MIN_DIMENSION, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(PdqHasher.MIN_DIMENSION, (int) Math.round(image.getHeight() * scale));
    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return of(jpeg(small, quality));
  }

  private static byte[] jpeg(BufferedImage img, float quality) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IOException("no JPEG writer in this Java runtime");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(img, null, null), p);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  byte[] bytes() {
    return bytes.clone();
  }

  int width() {
    return image.getWidth();
  }

  int height() {
    return image.getHeight();
  }

  FileDigests digests() {
    return digests;
  }

  PdqResult pdq() {
    return pdq;
  }
}
