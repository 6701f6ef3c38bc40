package org.hashfed.protocol.pdq;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a non-interlaced PNG (every colour type and depth) straight into luma rows: IDAT inflated
 * a row at a time, unfiltered, and each pixel turned into the luminance the general path
 * (ImageIO, then {@link Luminance}) gives it, without an RGB image in between. Grey images (which
 * the JDK reads as linear grey and converts to sRGB) come out as 8-bit {@link LumaColorSpace}
 * samples through tables computed by the JDK itself, so they hash exactly as before; colour
 * images (RGB, RGBA, palette) as 16-bit luma ({@code 257 Y}), within 1/514 of a level of it.
 *
 * <p>An interlaced image or one with an ICC profile answers null, for ImageIO. The caller has
 * checked the header against the {@link ImageLimits}; the decoder holds the image to the pixel cap
 * again, never inflates more than the rows it declares, and checks the decode budget every row.
 * Truncated or corrupt data is an {@link ImageDecodeException}, never padding. Chunk CRCs are not
 * checked, as ImageIO does not.
 */
final class PngLumaDecoder {

  private static final long SIGNATURE = 0x89504E470D0A1A0AL;
  private static final int IHDR = 0x49484452;
  private static final int PLTE = 0x504C5445;
  private static final int IDAT = 0x49444154;
  private static final int ICCP = 0x69434350;
  private static final int IEND = 0x49454E44;

  private final byte[] data;
  private final ImageLimits limits;
  private final ImageDecodeBudget budget;
  private int width;
  private int height;
  private int depth;
  private int colourType;
  /** Samples per pixel. */
  private int channels;
  /** Each palette entry's luma as 16 bits; entries past the palette are black. */
  private final short[] palette = new short[256];
  private boolean hasPalette;
  /** Where the next IDAT chunk search starts, once the current chunk's data is fed. */
  private int next;

  private PngLumaDecoder(byte[] data, ImageLimits limits, ImageDecodeBudget budget) {
    this.data = data;
    this.limits = limits;
    this.budget = budget;
  }

  /**
   * The luma of the PNG in {@code data}, or null when it is interlaced or carries an ICC profile.
   *
   * @throws ImageDecodeException INVALID for corrupt or truncated data, LIMIT or CANCELLED from the budget
   */
  static BufferedImage decode(byte[] data, ImageLimits limits, ImageDecodeBudget budget) throws ImageDecodeException {
    return new PngLumaDecoder(data, limits, budget).run();
  }

  private BufferedImage run() throws ImageDecodeException {
    if (data.length < 33 || u64(0) != SIGNATURE || u32(12) != IHDR || u32(8) < 13) {
      throw invalid("no PNG signature and IHDR chunk");
    }
    width = u32(16);
    height = u32(20);
    depth = data[24] & 0xFF;
    colourType = data[25] & 0xFF;
    int interlace = data[28] & 0xFF;
    channels = switch (colourType) {
      case 0, 3 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> throw invalid("colour type " + colourType + " (expected: 0, 2, 3, 4 or 6)");
    };
    boolean depthOk = switch (colourType) {
      case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
      case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
      default -> depth == 8 || depth == 16;
    };
    if (!depthOk) {
      throw invalid("bit depth " + depth + " for colour type " + colourType);
    }
    if (width <= 0 || height <= 0) {
      throw invalid("invalid size " + Integer.toUnsignedString(width) + "x" + Integer.toUnsignedString(height));
    }
    if ((data[26] | data[27]) != 0 || interlace > 1) {
      throw invalid("compression " + data[26] + ", filter " + data[27] + " or interlace " + interlace + " method");
    }
    limits.checkPixels("PNG", width, height);
    if (interlace == 1) {
      return null;
    }
    int at = 33;
    while (true) {
      if (at + 8 > data.length) {
        throw invalid("truncated (no image data)");
      }
      int length = u32(at);
      int type = u32(at + 4);
      if (length < 0 || at + 12L + length > data.length) {
        throw invalid("truncated (chunk of " + Integer.toUnsignedString(length) + " bytes)");
      }
      if (type == ICCP) {
        return null;
      }
      if (type == PLTE) {
        palette(at + 8, length);
      } else if (type == IDAT) {
        return pixels(at);
      } else if (type == IEND) {
        throw invalid("no image data (IDAT chunk)");
      }
      at += 12 + length;
    }
  }

  private void palette(int at, int length) throws ImageDecodeException {
    if (length % 3 != 0 || length > 768) {
      throw invalid("palette of " + length + " bytes (expected: a multiple of 3, at most 768)");
    }
    for (int i = 0; i < length / 3; i++) {
      int p = at + 3 * i;
      float luma = Luminance.rgbToLuma(((data[p] & 0xFF) << 16) | ((data[p + 1] & 0xFF) << 8) | (data[p + 2] & 0xFF));
      palette[i] = (short) Math.round(luma * 257f);
    }
    hasPalette = true;
  }

  /** Inflates and converts the rows, from the first IDAT chunk at {@code at}. */
  private BufferedImage pixels(int at) throws ImageDecodeException {
    if (colourType == 3 && !hasPalette) {
      throw invalid("palette image without a palette (PLTE chunk)");
    }
    long rowBits = (long) width * channels * depth;
    int rowBytes = (int) ((rowBits + 7) / 8);
    int bytesPerPixel = Math.max(1, channels * depth / 8);
    boolean grey = colourType == 0 || colourType == 4;
    byte[] plane8 = grey ? new byte[Math.multiplyExact(width, height)] : null;
    short[] plane16 = grey ? null : new short[Math.multiplyExact(width, height)];
    byte[] prior = new byte[rowBytes];
    byte[] current = new byte[rowBytes];
    byte[] row = new byte[rowBytes + 1];
    byte[] greyTable = grey ? (depth == 16 ? PngGreyLevels.sixteen(colourType == 4) : PngGreyLevels.eight(depth, colourType == 4)) : null;
    Inflater inflater = new Inflater();
    try {
      feed(inflater, at);
      for (int y = 0; y < height; y++) {
        inflate(inflater, row);
        unfilter(row, prior, current, bytesPerPixel);
        if (grey) {
          greyRow(current, plane8, y * width, greyTable);
        } else {
          colourRow(current, plane16, y * width);
        }
        byte[] swap = prior;
        prior = current;
        current = swap;
        budget.check();
      }
    } finally {
      inflater.end();
    }
    DataBuffer buffer = grey ? new DataBufferByte(plane8, plane8.length) : new DataBufferUShort(plane16, plane16.length);
    SampleModel layout = new PixelInterleavedSampleModel(buffer.getDataType(), width, height, 1, width, new int[] {0});
    WritableRaster raster = Raster.createWritableRaster(layout, buffer, null);
    ColorModel colours = grey ? LumaColorSpace.COLOR_MODEL : LumaColorSpace.COLOR_MODEL_16;
    return new BufferedImage(colours, raster, false, null);
  }

  /** Gives the inflater the IDAT chunk at {@code at}; the next one is looked for from after it. */
  private void feed(Inflater inflater, int at) {
    int length = u32(at);
    inflater.setInput(data, at + 8, length);
    next = at + 12 + length;
  }

  /** Fills {@code row} (filter byte and row bytes) from the image data: never more than the rows declared. */
  private void inflate(Inflater inflater, byte[] row) throws ImageDecodeException {
    int filled = 0;
    try {
      while (filled < row.length) {
        int n = inflater.inflate(row, filled, row.length - filled);
        filled += n;
        if (n > 0) {
          continue;
        }
        if (inflater.finished()) {
          throw invalid("truncated (image data ends before the last row)");
        }
        if (inflater.needsDictionary()) {
          throw invalid("corrupt data (a preset dictionary)");
        }
        if (inflater.needsInput() && !nextIdat(inflater)) {
          throw invalid("truncated (image data ends before the last row)");
        }
      }
    } catch (DataFormatException e) {
      throw new ImageDecodeException("cannot decode PNG image: corrupt data (" + e.getMessage() + ")", e);
    }
  }

  /** Feeds the next IDAT chunk, if the image data goes on; false at its end. */
  private boolean nextIdat(Inflater inflater) throws ImageDecodeException {
    int at = next;
    if (at + 8 > data.length) {
      return false;
    }
    int length = u32(at);
    if (u32(at + 4) != IDAT) {
      return false;
    }
    if (length < 0 || at + 12L + length > data.length) {
      throw invalid("truncated (chunk of " + Integer.toUnsignedString(length) + " bytes)");
    }
    feed(inflater, at);
    return true;
  }

  /** Undoes the row's filter (PNG 9.2) into {@code current}, from the row above in {@code prior} (zeros for the first). */
  private static void unfilter(byte[] row, byte[] prior, byte[] current, int bpp) throws ImageDecodeException {
    int filter = row[0] & 0xFF;
    int n = current.length;
    switch (filter) {
      case 0 -> System.arraycopy(row, 1, current, 0, n);
      case 1 -> {
        System.arraycopy(row, 1, current, 0, Math.min(bpp, n));
        for (int i = bpp; i < n; i++) {
          current[i] = (byte) (row[i + 1] + current[i - bpp]);
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          current[i] = (byte) (row[i + 1] + prior[i]);
        }
      }
      case 3 -> {
        int first = Math.min(bpp, n);
        for (int i = 0; i < first; i++) {
          current[i] = (byte) (row[i + 1] + ((prior[i] & 0xFF) >> 1));
        }
        for (int i = first; i < n; i++) {
          current[i] = (byte) (row[i + 1] + (((current[i - bpp] & 0xFF) + (prior[i] & 0xFF)) >> 1));
        }
      }
      case 4 -> {
        if (bpp == 1) {
          // One chain through the whole row: the left and upper-left bytes stay in registers
          // instead of being reloaded from the row just written.
          int a = 0;
          int c = 0;
          for (int i = 0; i < n; i++) {
            int b = prior[i] & 0xFF;
            a = (row[i + 1] + paeth(a, b, c)) & 0xFF;
            current[i] = (byte) a;
            c = b;
          }
          return;
        }
        int first = Math.min(bpp, n);
        for (int i = 0; i < first; i++) {
          current[i] = (byte) (row[i + 1] + prior[i]);
        }
        for (int i = first; i < n; i++) {
          current[i] = (byte) (row[i + 1] + paeth(current[i - bpp] & 0xFF, prior[i] & 0xFF, prior[i - bpp] & 0xFF));
        }
      }
      default -> throw invalid("corrupt data (row filter " + filter + ")");
    }
  }

  /** PNG's Paeth predictor, without branches on the data: the nearest of a, b, c to a + b - c, ties to a, then b. */
  private static int paeth(int a, int b, int c) {
    int pa = Math.abs(b - c);
    int pb = Math.abs(a - c);
    int pc = Math.abs(a + b - 2 * c);
    int best = pb < pa ? b : a;
    int distance = Math.min(pa, pb);
    return pc < distance ? c : best;
  }

  /** A grey row (with or without alpha, any depth) to 8-bit luma through the table of its sample values. */
  private void greyRow(byte[] in, byte[] out, int at, byte[] table) {
    if (depth == 16) {
      int step = 2 * channels;
      for (int x = 0, p = 0; x < width; x++, p += step) {
        out[at + x] = table[((in[p] & 0xFF) << 8) | (in[p + 1] & 0xFF)];
      }
    } else if (depth == 8) {
      for (int x = 0, p = 0; x < width; x++, p += channels) {
        out[at + x] = table[in[p] & 0xFF];
      }
    } else {
      int perByte = 8 / depth;
      int mask = (1 << depth) - 1;
      for (int x = 0; x < width; x++) {
        int shift = 8 - depth * (x % perByte + 1);
        out[at + x] = table[(in[x / perByte] >> shift) & mask];
      }
    }
  }

  /** An RGB, RGBA or palette row to 16-bit luma, as {@link Luminance} computes it from the decoded image. */
  private void colourRow(byte[] in, short[] out, int at) {
    if (colourType == 3) {
      int perByte = 8 / depth;
      int mask = (1 << depth) - 1;
      for (int x = 0; x < width; x++) {
        int index = depth == 8 ? in[x] & 0xFF : (in[x / perByte] >> (8 - depth * (x % perByte + 1))) & mask;
        out[at + x] = palette[index];
      }
    } else if (depth == 8) {
      for (int x = 0, p = 0; x < width; x++, p += channels) {
        float luma = Luminance.rgbToLuma(((in[p] & 0xFF) << 16) | ((in[p + 1] & 0xFF) << 8) | (in[p + 2] & 0xFF));
        out[at + x] = (short) (int) (luma * 257f + 0.5f);
      }
    } else {
      int step = 2 * channels;
      for (int x = 0, p = 0; x < width; x++, p += step) {
        float luma = Luminance.rgb16ToLuma(u16(in, p), u16(in, p + 2), u16(in, p + 4));
        out[at + x] = (short) (int) (luma * 257f + 0.5f);
      }
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private int u32(int at) {
    return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
  }

  private long u64(int at) {
    return ((long) u32(at) << 32) | (u32(at + 4) & 0xFFFFFFFFL);
  }

  private static ImageDecodeException invalid(String what) {
    return new ImageDecodeException("cannot decode PNG image: " + what);
  }
}
