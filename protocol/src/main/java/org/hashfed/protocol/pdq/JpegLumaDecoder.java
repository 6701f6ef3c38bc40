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
import java.util.Arrays;

/**
 * Decodes the Y channel of a YCbCr JPEG (baseline, extended or progressive Huffman, 8-bit) straight
 * into luma, each side scaled down by 1/2, 1/4 or 1/8 in the DCT: Y is the luminance PDQ hashes, so
 * the chroma channels are never transformed (their scans are skipped where the file allows, else
 * decoded and dropped), and a downscaled pixel, the mean of the block's pixels it stands for, is
 * computed straight from the coefficients (see {@link JpegScaledIdct}). No full-size buffer, no
 * colour conversion, no RGB. The result is a {@link BufferedImage} in {@link LumaColorSpace}: 8-bit
 * at full size, 16-bit when downscaled, which keeps the means' fractions.
 *
 * <p>Anything else (arithmetic coding, lossless or hierarchical frames, 12 bits, one or four
 * components, Y subsampled below chroma) answers null, for the general decoder. The caller has
 * checked the header against the {@link ImageLimits}; the decoder holds the frame it decodes to the
 * same pixel cap, counts scans against the scan cap, and checks the decode budget every row of blocks.
 * Corrupt or truncated data is an {@link ImageDecodeException}, never grey padding.
 */
final class JpegLumaDecoder {

  /** Natural (row-major) index of each zigzag position, padded for corrupt run lengths past 63 as libjpeg does. */
  static final int[] NATURAL = new int[80];

  static {
    int[] zigzag = {
      0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
      28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
      54, 47, 55, 62, 63
    };
    Arrays.fill(NATURAL, 63);
    System.arraycopy(zigzag, 0, NATURAL, 0, 64);
  }

  /**
   * Baseline JPEGs of at most this many pixels are decoded here even at full size: below it
   * ImageIO's fixed cost per image (reader set-up, metadata) outweighs its faster IDCT (measured
   * with hashing: 128x128 0.24 ms against 1.5, 256x256 1.1 against 2.0, 512x512 2.9 against 2.5).
   */
  static final long SMALL_BASELINE_PIXELS = 1L << 17;

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int DQT = 0xDB;
  private static final int DHT = 0xC4;
  private static final int DRI = 0xDD;

  private final byte[] data;
  private final int minSide;
  private final boolean always;
  private final ImageLimits limits;
  private final ImageDecodeBudget budget;

  private final int[][] quant = new int[4][];
  private final JpegHuffmanTable[] dcTables = new JpegHuffmanTable[4];
  private final JpegHuffmanTable[] acTables = new JpegHuffmanTable[4];
  private int restartInterval;
  private int scans;

  // The frame.
  private boolean progressive;
  private int width;
  private int height;
  private int[] ids;
  private int[] h;
  private int[] v;
  private int[] tq;
  private int hMax;
  private int vMax;
  private int mcusX;
  private int mcusY;
  private JpegScaledIdct idct;
  private int blocksX;
  private int blocksY;
  private int planeStride;
  /** The luma: 8-bit at full size, 16-bit when downscaled; the other one is null. */
  private byte[] plane;
  private short[] plane16;
  /** Progressive only: every Y block's 64 coefficients, natural order. */
  private short[] coefficients;
  /** Progressive only: the Y quantisation table as of Y's first scan, which fixes it (libjpeg does the same). */
  private int[] yQuant;

  // Per-scan state.
  /** The Y block being transformed: dequantised coefficients, natural order, all zeros between blocks. */
  private final long[] block = new long[64];
  private final int[] predictors = new int[4];
  private int eobRun;

  private JpegLumaDecoder(byte[] data, int minSide, boolean always, ImageLimits limits, ImageDecodeBudget budget) {
    this.data = data;
    this.minSide = minSide;
    this.always = always;
    this.limits = limits;
    this.budget = budget;
  }

  /**
   * The luma of the JPEG in {@code data}, each side divided by the largest of 8, 4 and 2 that keeps
   * it at least {@code minSide} long (else kept), or null when the file is outside what this
   * decoder supports or, unless {@code always}, when ImageIO decodes it faster (a baseline JPEG
   * of more than {@link #SMALL_BASELINE_PIXELS} scaled to more than a quarter of its pixels).
   *
   * @throws ImageDecodeException INVALID for corrupt or truncated data, LIMIT or CANCELLED from the budget
   */
  static BufferedImage decode(byte[] data, int minSide, boolean always, ImageLimits limits,
      ImageDecodeBudget budget) throws ImageDecodeException {
    try {
      return new JpegLumaDecoder(data, minSide, always, limits, budget).run();
    } catch (ArrayIndexOutOfBoundsException e) {
      // Every offset is checked against the data or the frame; a corrupt segment that slips past
      // is still only an invalid file.
      throw new ImageDecodeException("cannot decode JPEG image: corrupt data (" + e.getMessage() + ")", e);
    }
  }

  private BufferedImage run() throws ImageDecodeException {
    int pos = 2;
    if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
      throw invalid("no start of image marker");
    }
    while (true) {
      while (pos < data.length && (data[pos] & 0xFF) != 0xFF) {
        pos++;
      }
      while (pos + 1 < data.length && (data[pos + 1] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos + 1 >= data.length) {
        throw invalid("truncated (premature end of JPEG file)");
      }
      int marker = data[pos + 1] & 0xFF;
      pos += 2;
      if (marker == EOI) {
        break;
      }
      if (marker == 0 || marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        // Not a segment: a stuffed byte or a stray marker, which libjpeg skips too.
        continue;
      }
      int length = u16(pos) - 2;
      int start = pos + 2;
      if (length < 0 || start + length > data.length) {
        throw invalid("truncated (segment of marker 0x" + Integer.toHexString(marker) + ")");
      }
      if (marker == SOS) {
        if (idct == null) {
          throw invalid("scan before the frame header");
        }
        if (++scans > limits.maxJpegScans()) {
          throw new ImageDecodeException(ImageDecodeException.Reason.LIMIT, "JPEG image with more than "
              + limits.maxJpegScans() + " scans exceeds the limit of " + limits.maxJpegScans() + " scans");
        }
        pos = scan(start, length);
        continue;
      }
      if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC) {
        if (idct != null) {
          return null;
        }
        if (!frame(marker, start, length)) {
          return null;
        }
      } else if (marker == 0xCC) {
        return null;
      } else if (marker == DHT) {
        huffman(start, length);
      } else if (marker == DQT) {
        quantisation(start, length);
      } else if (marker == DRI) {
        if (length < 2) {
          throw invalid("restart interval segment of " + (length + 2) + " bytes");
        }
        restartInterval = u16(start);
      }
      pos = start + length;
    }
    if (idct == null) {
      throw invalid("no frame header (SOF marker)");
    }
    if (progressive) {
      transformStored();
    }
    int outW = ceilDiv(width * idct.width(), 8);
    int outH = ceilDiv(height * idct.height(), 8);
    DataBuffer buffer = plane != null ? new DataBufferByte(plane, plane.length) : new DataBufferUShort(plane16, plane16.length);
    SampleModel layout = new PixelInterleavedSampleModel(buffer.getDataType(), outW, outH, 1, planeStride, new int[] {0});
    WritableRaster raster = Raster.createWritableRaster(layout, buffer, null);
    ColorModel colours = plane != null ? LumaColorSpace.COLOR_MODEL : LumaColorSpace.COLOR_MODEL_16;
    return new BufferedImage(colours, raster, false, null);
  }

  /** Reads the frame header; false when this decoder does not handle it. */
  private boolean frame(int marker, int at, int length) throws ImageDecodeException {
    if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
      return false;
    }
    if (length < 6) {
      throw invalid("frame header of " + (length + 2) + " bytes (expected: at least 8)");
    }
    int precision = data[at] & 0xFF;
    height = u16(at + 1);
    width = u16(at + 3);
    int n = data[at + 5] & 0xFF;
    if (precision != 8 || n != 3 || height == 0) {
      return false;
    }
    if (width == 0) {
      throw invalid("invalid size " + width + "x" + height);
    }
    if (length < 6 + 3 * n) {
      throw invalid("frame header of " + (length + 2) + " bytes for " + n + " components");
    }
    limits.checkPixels("JPEG", width, height);
    progressive = marker == 0xC2;
    ids = new int[n];
    h = new int[n];
    v = new int[n];
    tq = new int[n];
    for (int c = 0; c < n; c++) {
      int p = at + 6 + 3 * c;
      ids[c] = data[p] & 0xFF;
      h[c] = (data[p + 1] & 0xFF) >> 4;
      v[c] = data[p + 1] & 0x0F;
      tq[c] = data[p + 2] & 0xFF;
      if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4 || tq[c] > 3) {
        throw invalid("component " + ids[c] + " with sampling " + h[c] + "x" + v[c] + " and table " + tq[c]);
      }
      hMax = Math.max(hMax, h[c]);
      vMax = Math.max(vMax, v[c]);
    }
    if (h[0] != hMax || v[0] != vMax) {
      // Y stored at less than full resolution: rare, and its size would not be the image's.
      return false;
    }
    int across = scaleDown(width);
    int down = scaleDown(height);
    if (!always && !progressive && across * down < 4 && (long) width * height > SMALL_BASELINE_PIXELS) {
      // Measured: libjpeg-turbo (native SIMD, through ImageIO) decodes a baseline JPEG's Y at full
      // size in about the time this decoder takes to a half-size one (1600x1004: 6-9 ms against
      // 8.5-10), so even with hashing at half size this decoder does not win there; from a quarter
      // of the pixels down, for progressive files, whose every scan libjpeg buffers and re-reads,
      // and for small files, where ImageIO's fixed cost per image dominates, it does.
      return false;
    }
    idct = new JpegScaledIdct(8 / across, 8 / down);
    mcusX = ceilDiv(width, 8 * hMax);
    mcusY = ceilDiv(height, 8 * vMax);
    blocksX = mcusX * h[0];
    blocksY = mcusY * v[0];
    planeStride = blocksX * idct.width();
    int samples = Math.multiplyExact(planeStride, blocksY * idct.height());
    if (idct.fullSize()) {
      plane = new byte[samples];
    } else {
      plane16 = new short[samples];
    }
    if (progressive) {
      coefficients = new short[Math.multiplyExact(blocksX * blocksY, 64)];
    }
    return true;
  }

  /** The largest of 8, 4 and 2 that keeps {@code side / it} at least minSide, else 1. */
  private int scaleDown(int side) {
    int d = 1;
    while (d < 8 && ceilDiv(side, d * 2) >= minSide) {
      d *= 2;
    }
    return d;
  }

  private void huffman(int at, int length) throws ImageDecodeException {
    int end = at + length;
    int p = at;
    while (p < end) {
      if (p + 17 > end) {
        throw invalid("Huffman table segment truncated");
      }
      int tc = (data[p] & 0xFF) >> 4;
      int th = data[p] & 0x0F;
      if (tc > 1 || th > 3) {
        throw invalid("Huffman table class " + tc + " id " + th + " (expected: class 0 or 1, id 0 to 3)");
      }
      int[] counts = new int[17];
      int total = 0;
      for (int i = 1; i <= 16; i++) {
        counts[i] = data[p + i] & 0xFF;
        total += counts[i];
      }
      p += 17;
      if (total > 256 || p + total > end) {
        throw invalid("Huffman table of " + total + " symbols in a segment too short or over 256");
      }
      int[] symbols = new int[total];
      for (int i = 0; i < total; i++) {
        symbols[i] = data[p + i] & 0xFF;
      }
      p += total;
      JpegHuffmanTable table = JpegHuffmanTable.of(counts, symbols);
      if (tc == 0) {
        dcTables[th] = table;
      } else {
        acTables[th] = table;
      }
    }
  }

  private void quantisation(int at, int length) throws ImageDecodeException {
    int end = at + length;
    int p = at;
    while (p < end) {
      int pq = (data[p] & 0xFF) >> 4;
      int t = data[p] & 0x0F;
      int bytes = pq == 0 ? 64 : 128;
      if (pq > 1 || t > 3 || p + 1 + bytes > end) {
        throw invalid("quantisation table precision " + pq + " id " + t + " in a segment of " + (length + 2) + " bytes");
      }
      int[] table = new int[64];
      for (int k = 0; k < 64; k++) {
        table[NATURAL[k]] = pq == 0 ? data[p + 1 + k] & 0xFF : u16(p + 1 + 2 * k);
      }
      quant[t] = table;
      p += 1 + bytes;
    }
  }

  /** Decodes one scan whose header is at {@code at}; returns the position of the marker after its data. */
  private int scan(int at, int length) throws ImageDecodeException {
    int n = data[at] & 0xFF;
    if (n < 1 || n > 4 || length < 4 + 2 * n) {
      throw invalid("scan header of " + (length + 2) + " bytes for " + n + " components");
    }
    int[] comps = new int[n];
    int[] td = new int[n];
    int[] ta = new int[n];
    boolean hasY = false;
    for (int i = 0; i < n; i++) {
      int id = data[at + 1 + 2 * i] & 0xFF;
      comps[i] = -1;
      for (int c = 0; c < ids.length; c++) {
        if (ids[c] == id) {
          comps[i] = c;
        }
      }
      if (comps[i] < 0) {
        throw invalid("scan of component " + id + ", which the frame does not have");
      }
      hasY |= comps[i] == 0;
      td[i] = (data[at + 2 + 2 * i] & 0xFF) >> 4;
      ta[i] = data[at + 2 + 2 * i] & 0x0F;
      if (td[i] > 3 || ta[i] > 3) {
        throw invalid("scan Huffman table ids " + td[i] + "/" + ta[i] + " (expected: 0 to 3)");
      }
    }
    int p = at + 1 + 2 * n;
    int ss = data[p] & 0xFF;
    int se = data[p + 1] & 0xFF;
    int ah = (data[p + 2] & 0xFF) >> 4;
    int al = data[p + 2] & 0x0F;
    int dataStart = at + length;
    JpegBits bits = new JpegBits(data, dataStart, data.length);
    if (!hasY) {
      // No Y in it: nothing to decode.
      return bits.markerPosition();
    }
    if (progressive) {
      if (ss > se || se > 63 || (ss == 0 && se != 0) || (ss > 0 && n != 1) || al > 13) {
        throw invalid("progressive scan with spectral selection " + ss + ".." + se + " and " + n + " components");
      }
    } else if (ss != 0 || se != 63 || ah != 0 || al != 0) {
      throw invalid("sequential scan with spectral selection " + ss + ".." + se);
    }
    int[] multipliers = null;
    if (!progressive || yQuant == null) {
      int[] quantY = quant[tq[0]];
      if (quantY == null) {
        throw invalid("quantisation table " + tq[0] + " is not defined");
      }
      if (progressive) {
        yQuant = quantY.clone();
      } else {
        multipliers = idct.multipliers(quantY);
      }
    }
    JpegHuffmanTable[] dc = new JpegHuffmanTable[n];
    JpegHuffmanTable[] ac = new JpegHuffmanTable[n];
    for (int i = 0; i < n; i++) {
      boolean needsDc = ss == 0 && ah == 0;
      boolean needsAc = se > 0;
      dc[i] = dcTables[td[i]];
      ac[i] = acTables[ta[i]];
      if ((needsDc && dc[i] == null) || (needsAc && ac[i] == null)) {
        throw invalid("scan uses Huffman table " + (needsDc && dc[i] == null ? "DC " + td[i] : "AC " + ta[i])
            + ", which is not defined");
      }
    }
    Arrays.fill(predictors, 0);
    eobRun = 0;
    JpegScanUnit unit = new JpegScanUnit(this, bits, ss, se, ah, al, comps, dc, ac, multipliers);
    int units;
    int unitsPerRow;
    if (n == 1) {
      int c = comps[0];
      unitsPerRow = ceilDiv(ceilDiv(width * h[c], hMax), 8);
      units = unitsPerRow * ceilDiv(ceilDiv(height * v[c], vMax), 8);
    } else {
      unitsPerRow = mcusX;
      units = mcusX * mcusY;
    }
    int restarts = 0;
    for (int u = 0; u < units; u++) {
      if (restartInterval > 0 && u > 0 && u % restartInterval == 0) {
        bits.restart(restarts++);
        Arrays.fill(predictors, 0);
        eobRun = 0;
      }
      int row = u / unitsPerRow;
      int col = u % unitsPerRow;
      if (n == 1) {
        unit.block(comps[0], 0, row, col);
      } else {
        unit.mcu(row, col);
      }
      if (col == unitsPerRow - 1) {
        bits.checkNotPastEnd();
        budget.check();
      }
    }
    bits.checkNotPastEnd();
    return bits.markerPosition();
  }

  /** Progressive: the stored Y coefficients, dequantised and transformed, once all scans are in. */
  private void transformStored() throws ImageDecodeException {
    if (yQuant == null) {
      throw invalid("no scan of the Y component");
    }
    int[] multipliers = idct.multipliers(yQuant);
    boolean readsAc = idct.readsAc();
    for (int by = 0; by < blocksY; by++) {
      for (int bx = 0; bx < blocksX; bx++) {
        int base = (by * blocksX + bx) * 64;
        block[0] = (long) coefficients[base] * multipliers[0];
        int last = 0;
        for (int k = 1; readsAc && k < 64; k++) {
          int z = NATURAL[k];
          short c = coefficients[base + z];
          if (c != 0) {
            block[z] = (long) c * multipliers[z];
            last = k;
          }
        }
        output(bx, by, last);
      }
      budget.check();
    }
  }

  // Accessors for JpegScanUnit, which decodes blocks into this frame.

  int[] predictors() {
    return predictors;
  }

  int eobRun() {
    return eobRun;
  }

  void eobRun(int run) {
    eobRun = run;
  }

  boolean progressive() {
    return progressive;
  }

  int h(int c) {
    return h[c];
  }

  int v(int c) {
    return v[c];
  }

  int blocksX() {
    return blocksX;
  }

  int blocksY() {
    return blocksY;
  }

  short[] coefficients() {
    return coefficients;
  }

  long[] block() {
    return block;
  }

  /**
   * Transforms Y's block {@code (bx, by)}, held dequantised in {@link #block()}, into the plane, and
   * zeroes the block for the next one; {@code last} is the zigzag index of its last non-zero
   * coefficient (0: the DC alone).
   */
  void output(int bx, int by, int last) {
    int at = by * idct.height() * planeStride + bx * idct.width();
    if (plane != null) {
      idct.transform(block, last, plane, at, planeStride);
    } else {
      idct.transform(block, last, plane16, at, planeStride);
    }
  }

  /** Whether the scaled IDCT reads AC coefficients (at 1/8 by 1/8 only the DC counts). */
  boolean readsAc() {
    return idct.readsAc();
  }

  private int u16(int at) {
    return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  static ImageDecodeException invalid(String what) {
    return new ImageDecodeException("cannot decode JPEG image: " + what);
  }
}
