package org.hashfed.protocol.pdq;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Images made in the test, real or with headers that declare what a hostile file would. */
final class CraftedImages {

  private CraftedImages() {}

  /** A real image of noise in the given ImageIO format (png, bmp, gif, jpeg, tiff). */
  static byte[] noise(String format, int width, int height, int type) throws IOException {
    BufferedImage image = new BufferedImage(width, height, type);
    Random random = new Random(width * 31L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("no writer for " + format);
    }
    return out.toByteArray();
  }

  /** A real progressive JPEG of noise. */
  static byte[] progressiveJpeg(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
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

  /** {@code jpeg} with its last scan repeated until it has {@code scans} scans in all. */
  static byte[] withRepeatedLastScan(byte[] jpeg, int scans) {
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

  /** {@code jpeg} with the size in its frame header replaced: a small file that declares a huge image. */
  static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    for (int i = 2; i + 8 < out.length; i++) {
      int m = out[i + 1] & 0xFF;
      if ((out[i] & 0xFF) == 0xFF && m >= 0xC0 && m <= 0xC2) {
        out[i + 5] = (byte) (height >> 8);
        out[i + 6] = (byte) height;
        out[i + 7] = (byte) (width >> 8);
        out[i + 8] = (byte) width;
        return out;
      }
    }
    throw new IllegalArgumentException("no SOF0..2 marker");
  }

  /** A PNG whose IHDR declares the size, bit depth and colour type, with one empty IDAT and IEND. */
  static byte[] pngDeclaring(int width, int height, int depth, int colourType) {
    return PngChunks.declaring(width, height, depth, colourType)
        .chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
        .chunk("IEND", new byte[0]).bytes();
  }

  /** A 34-byte lossless WebP whose VP8L header declares the size (each 1..16384). */
  static byte[] losslessWebpDeclaring(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(26).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(14).put((byte) 0x2F);
    b.putInt((width - 1) | (height - 1) << 14);
    // the start of an image stream: no transform, no colour cache, one prefix code group of simple codes
    b.put(new byte[] {0x00, 0x07, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00});
    return b.array();
  }

  /** A WebP whose VP8X canvas declares the size, followed by a small real lossless image. */
  static byte[] extendedWebpDeclaring(int canvasWidth, int canvasHeight) {
    byte[] inner = losslessWebpDeclaring(16, 16);
    ByteBuffer b = ByteBuffer.allocate(12 + 18 + inner.length - 12).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
    putU24(b, canvasWidth - 1);
    putU24(b, canvasHeight - 1);
    b.put(inner, 12, inner.length - 12);
    return b.array();
  }

  private static void putU24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }

  /** A GIF whose first image descriptor declares the size (each up to 65535). */
  static byte[] gifDeclaring(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).putShort((short) 1)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
        .put((byte) 0);
    b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /** A BMP whose info header declares the size at 24 bits per pixel, with no pixel data. */
  static byte[] bmpDeclaring(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
        .putInt(2835).putInt(2835).putInt(0).putInt(0);
    return b.array();
  }
}
