package org.hashfed.protocol.pdq;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Luminance {@code 0.299 R + 0.587 G + 0.114 B} in float, 0..255, from a decoded image.
 *
 * <p>The colours are those {@link BufferedImage#getRGB} gives, as in the Java reference hasher:
 * alpha is ignored (colour samples are used unpremultiplied, as stored), and anything that is not
 * sRGB is converted to sRGB by the JDK's colour management (grey images included: the JDK treats
 * grey as linear, so their luminance is the sRGB-encoded grey). 16-bit sRGB samples are scaled to
 * 0..255 by dividing by 257, keeping their precision. Interleaved sRGB bytes or shorts and packed
 * RGB ints are read straight from the data buffer, giving getRGB's values (16-bit ones unrounded).
 */
final class Luminance {

  static final float R = 0.299f;
  static final float G = 0.587f;
  static final float B = 0.114f;

  private static final float USHORT_TO_BYTE = 1f / 257f;

  private Luminance() {}

  /**
   * Fills {@code luma} with an {@code outWidth x outHeight} nearest-neighbour resampling of the
   * image (the image itself at its own size): output pixel (x, y) is source pixel
   * {@code (floor(x W / outWidth), floor(y H / outHeight))}, as the C++ reference's resize picks it.
   */
  static void fill(BufferedImage image, float[] luma, int outWidth, int outHeight) {
    int[] xs = sourceIndices(image.getWidth(), outWidth);
    int[] ys = sourceIndices(image.getHeight(), outHeight);
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    SampleModel sm = raster.getSampleModel();
    DataBuffer db = raster.getDataBuffer();
    if (cm instanceof ComponentColorModel && sm instanceof PixelInterleavedSampleModel && db.getNumBanks() == 1) {
      ColorSpace cs = cm.getColorSpace();
      int colours = cm.getNumColorComponents();
      if (cs.isCS_sRGB() && colours == 3
          && fillInterleaved(raster, (PixelInterleavedSampleModel) sm, db, luma, xs, ys)) {
        return;
      }
    }
    int type = image.getType();
    if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
        && sm instanceof SinglePixelPackedSampleModel && db instanceof DataBufferInt) {
      fillPackedInt(raster, (SinglePixelPackedSampleModel) sm, (DataBufferInt) db, luma, xs, ys);
      return;
    }
    fillViaGetRgb(image, luma, xs, ys);
  }

  private static int[] sourceIndices(int in, int out) {
    int[] idx = new int[out];
    for (int i = 0; i < out; i++) {
      idx[i] = (int) ((long) i * in / out);
    }
    return idx;
  }

  private static boolean fillInterleaved(
      Raster raster, PixelInterleavedSampleModel sm, DataBuffer db, float[] luma, int[] xs, int[] ys) {
    int w = xs.length;
    int h = ys.length;
    int pixelStride = sm.getPixelStride();
    int scanline = sm.getScanlineStride();
    int[] bandOffsets = sm.getBandOffsets();
    int base = db.getOffset()
        + (-raster.getSampleModelTranslateY()) * scanline
        + (-raster.getSampleModelTranslateX()) * pixelStride;
    if (db instanceof DataBufferByte) {
      byte[] data = ((DataBufferByte) db).getData();
      int ro = bandOffsets[0];
      int go = bandOffsets[1];
      int bo = bandOffsets[2];
      boolean identity = xs.length == raster.getWidth();
      for (int y = 0; y < h; y++) {
        int row = base + ys[y] * scanline;
        int o = y * w;
        if (identity) {
          // The common case, kept free of the index table so the loop streams through memory.
          for (int x = 0, p = row; x < w; x++, p += pixelStride) {
            luma[o + x] = R * (data[p + ro] & 0xFF) + G * (data[p + go] & 0xFF) + B * (data[p + bo] & 0xFF);
          }
        } else {
          for (int x = 0; x < w; x++) {
            int p = row + xs[x] * pixelStride;
            luma[o + x] = R * (data[p + ro] & 0xFF) + G * (data[p + go] & 0xFF) + B * (data[p + bo] & 0xFF);
          }
        }
      }
      return true;
    }
    if (db instanceof DataBufferUShort) {
      short[] data = ((DataBufferUShort) db).getData();
      for (int y = 0; y < h; y++) {
        int row = base + ys[y] * scanline;
        int o = y * w;
        for (int x = 0; x < w; x++) {
          int p = row + xs[x] * pixelStride;
          float r = (data[p + bandOffsets[0]] & 0xFFFF) * USHORT_TO_BYTE;
          float g = (data[p + bandOffsets[1]] & 0xFFFF) * USHORT_TO_BYTE;
          float b = (data[p + bandOffsets[2]] & 0xFFFF) * USHORT_TO_BYTE;
          luma[o + x] = R * r + G * g + B * b;
        }
      }
      return true;
    }
    return false;
  }

  private static void fillPackedInt(
      Raster raster, SinglePixelPackedSampleModel sm, DataBufferInt db, float[] luma, int[] xs, int[] ys) {
    int w = xs.length;
    int h = ys.length;
    int scanline = sm.getScanlineStride();
    int base = db.getOffset()
        + (-raster.getSampleModelTranslateY()) * scanline
        + (-raster.getSampleModelTranslateX());
    int[] data = db.getData();
    for (int y = 0; y < h; y++) {
      int row = base + ys[y] * scanline;
      int o = y * w;
      for (int x = 0; x < w; x++) {
        luma[o + x] = rgbToLuma(data[row + xs[x]]);
      }
    }
  }

  private static void fillViaGetRgb(BufferedImage image, float[] luma, int[] xs, int[] ys) {
    int width = image.getWidth();
    int w = xs.length;
    int[] row = new int[width];
    for (int y = 0; y < ys.length; y++) {
      image.getRGB(0, ys[y], width, 1, row, 0, width);
      int o = y * w;
      for (int x = 0; x < w; x++) {
        luma[o + x] = rgbToLuma(row[xs[x]]);
      }
    }
  }

  private static float rgbToLuma(int rgb) {
    return R * ((rgb >> 16) & 0xFF) + G * ((rgb >> 8) & 0xFF) + B * (rgb & 0xFF);
  }
}
