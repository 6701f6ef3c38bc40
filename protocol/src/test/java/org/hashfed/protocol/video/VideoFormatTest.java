package org.hashfed.protocol.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

public class VideoFormatTest {

  private static Optional<VideoFormat> sniff(byte[] data) {
    return VideoFormat.sniff(data, data.length);
  }

  private static byte[] header(String ascii, int size) {
    return Arrays.copyOf(ascii.getBytes(StandardCharsets.ISO_8859_1), size);
  }

  @Test
  void mp4_fromARealFile() throws Exception {
    Path mp4 = Path.of(getClass().getResource("/vpdq/videos/test-padded-dimensions.mp4").toURI());
    byte[] head = Arrays.copyOf(Files.readAllBytes(mp4), VideoFormat.HEADER_BYTES);
    assertEquals(Optional.of(VideoFormat.MP4), sniff(head));
  }

  @Test
  void containers_byMagicBytes() {
    assertEquals(Optional.of(VideoFormat.MP4), sniff(header("\0\0\0\u0014ftypqt  ", 20)));
    assertEquals(Optional.of(VideoFormat.MATROSKA), sniff(header("\u001a\u0045\u00df\u00a3webm", 12)));
    assertEquals(Optional.of(VideoFormat.AVI), sniff(header("RIFF\u0010\0\0\0AVI LIST", 16)));
    assertEquals(Optional.of(VideoFormat.FLV), sniff(header("FLV\u0001", 9)));
    byte[] ts = new byte[VideoFormat.HEADER_BYTES];
    ts[0] = 0x47;
    ts[188] = 0x47;
    assertEquals(Optional.of(VideoFormat.MPEG_TS), sniff(ts));
  }

  @Test
  void notVideos_areEmpty() {
    assertEquals(Optional.empty(), sniff(header("RIFF\u0010\0\0\0WEBPVP8 ", 16)), "a WebP image");
    assertEquals(Optional.empty(), sniff(header("\0\0\0\u0018ftypheic", 24)), "a HEIF still");
    assertEquals(Optional.empty(), sniff(header("\u0047abc", 100)), "one TS sync byte is not enough");
    assertEquals(Optional.empty(), sniff(header("hello, world", 12)));
    assertEquals(Optional.empty(), sniff(new byte[0]));
  }

  @Test
  void gif_isAVideoOnlyWithMoreThanOneImage() throws Exception {
    assertEquals(Optional.empty(), sniff(gif(1)));
    assertEquals(Optional.of(VideoFormat.ANIMATED_GIF), sniff(gif(3)));
  }

  @Test
  void truncatedAnimatedGif_withOneImageLeft_isNotAVideo() throws Exception {
    byte[] animated = gif(2);
    assertEquals(Optional.empty(), VideoFormat.sniff(animated, 40));
  }

  /** A GIF of {@code frames} 16x16 images. */
  public static byte[] gif(int frames) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames; i++) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        img.setRGB(i, i, 0xffffff);
        writer.writeToSequence(new IIOImage(img, null, delay(writer, img)), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  // A tenth of a second per image, as animated GIFs declare it.
  private static IIOMetadata delay(ImageWriter writer, BufferedImage img) throws Exception {
    IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
    String format = meta.getNativeMetadataFormatName();
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
    IIOMetadataNode gce = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
    gce.setAttribute("delayTime", "10");
    meta.setFromTree(format, root);
    return meta;
  }
}
