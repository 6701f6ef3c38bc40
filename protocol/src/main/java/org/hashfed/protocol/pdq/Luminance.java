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
 * Luminance {@code 0.299 R + 0.587 G + 0.114 B} in float, 0..255, from a decoded image, as
 * {@link LumaRows}.
 *
 * <p>The colours are those {@link BufferedImage#getRGB} gives, as in the Java reference hasher:
 * alpha is ignored (colour samples are used unpremultiplied, as stored), and anything that is not
 * sRGB is converted to sRGB by the JDK's colour management (grey images included: the JDK treats
 * grey as linear, so their luminance is the sRGB-encoded grey). 16-bit sRGB samples are scaled to
 * 0..255 by dividing by 257, keeping their precision. Interleaved sRGB bytes or shorts, packed RGB
 * ints and {@link LumaColorSpace} planes are read straight from the data buffer, giving getRGB's
 * values (16-bit ones unrounded).
 */
final class Luminance {

  static final float R = 0.299f;
  static final float G = 0.587f;
  static final float B = 0.114f;

  private static final float USHORT_TO_BYTE = 1f / 257f;

  /**
   * {@code R v}, {@code G v}, {@code B v} for every byte {@code v}: the same float products as the
   * formula, looked up instead of converted and multiplied, which is most of the per-pixel work.
   */
  private static final float[] RV = new float[256];
  private static final float[] GV = new float[256];
  private static final float[] BV = new float[256];
  /** The luminance of grey {@code v}, {@code R v + G v + B v} as getRGB's (v, v, v) would give it. */
  private static final float[] GREY = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      RV[v] = R * v;
      GV[v] = G * v;
      BV[v] = B * v;
      GREY[v] = R * v + G * v + B * v;
    }
  }

  private Luminance() {}

  /** The image's luminance, read straight from its raster where its layout allows, else through getRGB. */
  static LumaRows of(BufferedImage image) {
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    SampleModel sm = raster.getSampleModel();
    DataBuffer db = raster.getDataBuffer();
    int width = image.getWidth();
    if (cm instanceof ComponentColorModel && sm instanceof PixelInterleavedSampleModel && db.getNumBanks() == 1) {
      ColorSpace cs = cm.getColorSpace();
      PixelInterleavedSampleModel pism = (PixelInterleavedSampleModel) sm;
      if (cs instanceof LumaColorSpace && db instanceof DataBufferByte) {
        return new GreyBytes(raster, pism, ((DataBufferByte) db).getData(), width);
      }
      if (cs instanceof LumaColorSpace && db instanceof DataBufferUShort) {
        return new GreyShorts(raster, pism, ((DataBufferUShort) db).getData(), width);
      }
      if (cs.isCS_sRGB() && cm.getNumColorComponents() == 3) {
        if (db instanceof DataBufferByte) {
          return new RgbBytes(raster, pism, ((DataBufferByte) db).getData(), width);
        }
        if (db instanceof DataBufferUShort) {
          return new RgbShorts(raster, pism, ((DataBufferUShort) db).getData(), width);
        }
      }
    }
    int type = image.getType();
    if ((type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
        && sm instanceof SinglePixelPackedSampleModel && db instanceof DataBufferInt) {
      return new PackedInts(raster, (SinglePixelPackedSampleModel) sm, ((DataBufferInt) db).getData(), width);
    }
    return new ViaGetRgb(image);
  }

  /** Rows of a {@code width}-wide row-major float buffer, copied as they are. */
  static LumaRows of(float[] luma, int width) {
    return (y, count, out) -> System.arraycopy(luma, y * width, out, 0, count * width);
  }

  /**
   * Rows of packed RGB24 bytes ({@code width * 3} per row, no padding), as decoded video frames come:
   * the same float products and sums as every other path, so a frame hashes as its image would.
   */
  static LumaRows ofRgb24(byte[] rgb, int width) {
    return (y, count, out) -> {
      int rowBytes = width * 3;
      for (int k = 0; k < count; k++) {
        int p = (y + k) * rowBytes;
        int o = k * width;
        for (int x = 0; x < width; x++, p += 3) {
          out[o + x] = RV[rgb[p] & 0xFF] + GV[rgb[p + 1] & 0xFF] + BV[rgb[p + 2] & 0xFF];
        }
      }
    };
  }

  static float rgbToLuma(int rgb) {
    return RV[(rgb >> 16) & 0xFF] + GV[(rgb >> 8) & 0xFF] + BV[rgb & 0xFF];
  }

  /** The luminance of 16-bit sRGB samples, each scaled to 0..255 by dividing by 257. */
  static float rgb16ToLuma(int r, int g, int b) {
    return R * (r * USHORT_TO_BYTE) + G * (g * USHORT_TO_BYTE) + B * (b * USHORT_TO_BYTE);
  }

  /** The index in the data buffer of sample (0, 0), whatever the raster's translation. */
  private static int origin(Raster raster, int scanline, int pixelStride, int bufferOffset) {
    return bufferOffset
        + (-raster.getSampleModelTranslateY()) * scanline
        + (-raster.getSampleModelTranslateX()) * pixelStride;
  }

  /**
   * Rows read straight from a raster's data buffer: the row loop is here, the per-pixel conversion
   * in {@link #row}, called once a row.
   */
  private abstract static class Direct implements LumaRows {
    final int width;
    final int base;
    final int scanline;
    final int stride;

    Direct(Raster raster, int scanline, int stride, int band, int width) {
      this.width = width;
      this.scanline = scanline;
      this.stride = stride;
      this.base = origin(raster, scanline, stride, raster.getDataBuffer().getOffset()) + band;
    }

    @Override
    public final void read(int y, int count, float[] out) {
      for (int k = 0; k < count; k++) {
        row(base + (y + k) * scanline, out, k * width);
      }
    }

    /** Converts the row whose first pixel is at {@code p} into {@code out[o .. o + width)}. */
    abstract void row(int p, float[] out, int o);
  }

  private static final class RgbBytes extends Direct {
    private final byte[] data;
    private final int go;
    private final int bo;

    RgbBytes(Raster raster, PixelInterleavedSampleModel sm, byte[] data, int width) {
      super(raster, sm.getScanlineStride(), sm.getPixelStride(), sm.getBandOffsets()[0], width);
      this.data = data;
      int[] bands = sm.getBandOffsets();
      this.go = bands[1] - bands[0];
      this.bo = bands[2] - bands[0];
    }

    @Override
    void row(int p, float[] out, int o) {
      for (int x = 0; x < width; x++, p += stride) {
        out[o + x] = RV[data[p] & 0xFF] + GV[data[p + go] & 0xFF] + BV[data[p + bo] & 0xFF];
      }
    }
  }

  private static final class RgbShorts extends Direct {
    private final short[] data;
    private final int go;
    private final int bo;

    RgbShorts(Raster raster, PixelInterleavedSampleModel sm, short[] data, int width) {
      super(raster, sm.getScanlineStride(), sm.getPixelStride(), sm.getBandOffsets()[0], width);
      this.data = data;
      int[] bands = sm.getBandOffsets();
      this.go = bands[1] - bands[0];
      this.bo = bands[2] - bands[0];
    }

    @Override
    void row(int p, float[] out, int o) {
      for (int x = 0; x < width; x++, p += stride) {
        out[o + x] = rgb16ToLuma(data[p] & 0xFFFF, data[p + go] & 0xFFFF, data[p + bo] & 0xFFFF);
      }
    }
  }

  private static final class GreyBytes extends Direct {
    private final byte[] data;

    GreyBytes(Raster raster, PixelInterleavedSampleModel sm, byte[] data, int width) {
      super(raster, sm.getScanlineStride(), sm.getPixelStride(), sm.getBandOffsets()[0], width);
      this.data = data;
    }

    @Override
    void row(int p, float[] out, int o) {
      for (int x = 0; x < width; x++, p += stride) {
        out[o + x] = GREY[data[p] & 0xFF];
      }
    }
  }

  /** 16-bit luma, {@code 257 v} for luminance {@code v}, as a downscaled JPEG's Y plane and a colour PNG's luma come. */
  private static final class GreyShorts extends Direct {
    private final short[] data;

    GreyShorts(Raster raster, PixelInterleavedSampleModel sm, short[] data, int width) {
      super(raster, sm.getScanlineStride(), sm.getPixelStride(), sm.getBandOffsets()[0], width);
      this.data = data;
    }

    @Override
    void row(int p, float[] out, int o) {
      for (int x = 0; x < width; x++, p += stride) {
        out[o + x] = (data[p] & 0xFFFF) * USHORT_TO_BYTE;
      }
    }
  }

  private static final class PackedInts extends Direct {
    private final int[] data;

    PackedInts(Raster raster, SinglePixelPackedSampleModel sm, int[] data, int width) {
      super(raster, sm.getScanlineStride(), 1, 0, width);
      this.data = data;
    }

    @Override
    void row(int p, float[] out, int o) {
      for (int x = 0; x < width; x++) {
        out[o + x] = rgbToLuma(data[p + x]);
      }
    }
  }

  private static final class ViaGetRgb implements LumaRows {
    private final BufferedImage image;
    private final int[] row;

    ViaGetRgb(BufferedImage image) {
      this.image = image;
      this.row = new int[image.getWidth()];
    }

    @Override
    public void read(int y, int count, float[] out) {
      int width = row.length;
      for (int k = 0; k < count; k++) {
        image.getRGB(0, y + k, width, 1, row, 0, width);
        int o = k * width;
        for (int x = 0; x < width; x++) {
          out[o + x] = rgbToLuma(row[x]);
        }
      }
    }
  }
}
