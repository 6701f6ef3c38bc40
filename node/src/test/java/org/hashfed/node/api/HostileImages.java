package org.hashfed.node.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.hashfed.protocol.pdq.PngChunks;

/**
 * The image rows of issue #16's attack table, made in the test (never committed): small files whose
 * headers declare what makes a decoder allocate gigabytes or run for minutes.
 */
final class HostileImages {

  private HostileImages() {}

  /** A progressive JPEG of a few KB whose frame header declares 65500x65500. */
  static byte[] hugeProgressiveJpeg() throws IOException {
    byte[] jpeg = progressiveJpeg(96, 64);
    for (int i = 2; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC2) {
        jpeg[i + 5] = (byte) 0xFF;
        jpeg[i + 6] = (byte) 0xDC;
        jpeg[i + 7] = (byte) 0xFF;
        jpeg[i + 8] = (byte) 0xDC;
        return jpeg;
      }
    }
    throw new IllegalStateException("the JPEG writer wrote no SOF2 marker");
  }

  /** A small progressive JPEG with its last scan repeated until it has {@code scans} scans. */
  static byte[] manyScanJpeg(int scans) throws IOException {
    byte[] jpeg = progressiveJpeg(16, 16);
    int last = -1;
    int count = 0;
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
        last = i;
        count++;
      }
    }
    int eoi = jpeg.length - 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, eoi);
    for (int i = count; i < scans; i++) {
      out.write(jpeg, last, eoi - last);
    }
    out.write(jpeg, eoi, 2);
    return out.toByteArray();
  }

  /** A 34-byte lossless WebP declaring 16383x16383. */
  static byte[] tinyLosslessWebp() {
    ByteBuffer b = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(26).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(14).put((byte) 0x2F);
    b.putInt(16382 | 16382 << 14);
    b.put(new byte[] {0x00, 0x07, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
    return b.array();
  }

  /** A 16-bit RGBA PNG declaring 46340x46340, whose pixel data is a few rows of zeros. */
  static byte[] hugeSixteenBitPng() {
    int width = 46340;
    byte[] rows = new byte[4 * (1 + width * 8)];
    Deflater deflater = new Deflater(9);
    deflater.setInput(rows);
    deflater.finish();
    byte[] buffer = new byte[rows.length];
    int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
    deflater.end();
    return PngChunks.declaring(width, width, 16, 6).chunk("IDAT", java.util.Arrays.copyOf(buffer, n)).bytes();
  }

  /** A real PNG of noise, for decodes that take a while. */
  static byte[] noisePng(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] progressiveJpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(11);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
