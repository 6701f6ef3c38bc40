package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * The inverse DCT of an 8x8 JPEG block straight to its downscaled pixels, {@code nx x ny} (each 8,
 * 4, 2 or 1): each output is the mean of the {@code 8/nx x 8/ny} pixels that the full 8x8 IDCT
 * gives. An area mean is what PDQ's box filters take anyway, and unlike a smaller IDCT of the low
 * frequencies (libjpeg's scaled decoding) it treats a block and its mirror image alike, which keeps
 * the dihedral hashes of a rotated file close to those derived from the original.
 *
 * <p>The transform is the Arai-Agui-Nakajima factorisation (five multiplications per 8 points) in
 * fixed point: the quantisation table is premultiplied by AAN's per-frequency scale factors
 * ({@link #multipliers}), so dequantising is the only multiplication per coefficient. Sums in a
 * group are linear, so they are taken inside the transform: the first pass runs along the axis
 * that is scaled less and leaves its outputs already summed in groups, and the second pass runs
 * only over those sums. A downscaled mean is clamped to 0..255 after the averaging and kept at 16
 * bits ({@code 257 v}), which keeps its fraction; the full-size output is rounded to 8 bits like
 * any decoder's.
 */
final class JpegScaledIdct {

  /** Fraction bits of the {@link #multipliers}: a dequantised coefficient is {@code F 2^10} times its AAN scale. */
  static final int QUANT_BITS = 10;
  /** The 2-D transform of such coefficients is eight times the pixel, so pixels carry this many fraction bits. */
  private static final int PIXEL_BITS = QUANT_BITS + 3;
  private static final int CONST_BITS = 13;
  /** 2 cos(pi/4). */
  private static final long C4 = fix(2 * Math.cos(Math.PI / 4));
  /** 2 cos(pi/8). */
  private static final long C2 = fix(2 * Math.cos(Math.PI / 8));
  /** 2 (cos(pi/8) - cos(3pi/8)). */
  private static final long C2_MINUS_C6 = fix(2 * (Math.cos(Math.PI / 8) - Math.cos(3 * Math.PI / 8)));
  /** 2 (cos(pi/8) + cos(3pi/8)). */
  private static final long C2_PLUS_C6 = fix(2 * (Math.cos(Math.PI / 8) + Math.cos(3 * Math.PI / 8)));

  /** The highest row and column among zigzag positions 0..k: where a block whose last coefficient is k ends. */
  private static final int[] LAST_ROW = new int[64];
  private static final int[] LAST_COLUMN = new int[64];

  static {
    for (int k = 0; k < 64; k++) {
      int z = JpegLumaDecoder.NATURAL[k];
      LAST_ROW[k] = Math.max(k == 0 ? 0 : LAST_ROW[k - 1], z >> 3);
      LAST_COLUMN[k] = Math.max(k == 0 ? 0 : LAST_COLUMN[k - 1], z & 7);
    }
  }

  private final int nx;
  private final int ny;
  /**
   * The first pass runs along axis A, the one scaled more (along rows when columns are scaled at
   * least as much as rows), over all eight lines; its outputs are summed in groups along A, and the
   * second pass runs along the other axis, B, only over those sums.
   */
  private final boolean rowsFirst;
  /** Step between neighbours along A and along B in the block (1 along a row, 8 down a column). */
  private final int stepA;
  private final int stepB;
  /** Outputs along A and B, and log2 of the pixels each stands for along A and along B. */
  private final int outA;
  private final int outB;
  private final int groupBitsA;
  private final int groupBitsB;
  /** log2 of the pixels per output. */
  private final int groupBits;
  /** Step between neighbouring outputs along A and along B in {@link #sums}, which is row-major. */
  private final int sumStepA;
  private final int sumStepB;
  /** The sums over each output's pixels, row-major ({@code ny x nx}). */
  private final long[] sums = new long[64];
  /** The first pass's outputs summed in groups along A: group {@code a} of line {@code l} at {@code a * 8 + l}. */
  private final long[] partial = new long[64];

  /** A transform to {@code nx} columns and {@code ny} rows, each 8, 4, 2 or 1. */
  JpegScaledIdct(int nx, int ny) {
    if (Integer.bitCount(nx) != 1 || nx > 8 || Integer.bitCount(ny) != 1 || ny > 8) {
      throw new IllegalArgumentException("output " + nx + "x" + ny + " (expected: 8, 4, 2 or 1 each)");
    }
    this.nx = nx;
    this.ny = ny;
    this.rowsFirst = nx <= ny;
    this.stepA = rowsFirst ? 1 : 8;
    this.stepB = rowsFirst ? 8 : 1;
    this.outA = rowsFirst ? nx : ny;
    this.outB = rowsFirst ? ny : nx;
    this.groupBitsA = 3 - Integer.numberOfTrailingZeros(outA);
    this.groupBitsB = 3 - Integer.numberOfTrailingZeros(outB);
    this.groupBits = groupBitsA + groupBitsB;
    this.sumStepA = rowsFirst ? 1 : nx;
    this.sumStepB = rowsFirst ? nx : 1;
  }

  private static long fix(double v) {
    return Math.round(v * (1 << CONST_BITS));
  }

  /**
   * The dequantisation multipliers of a quantisation table (natural order) for this transform:
   * entry {@code z} is {@code q[z]} times AAN's scale factors for the coefficient's two
   * frequencies, in fixed point; for 16-bit output also times 257/256, so that a pixel's transform
   * is its 16-bit value ({@code 257 v}) and the output a shift.
   */
  int[] multipliers(int[] quant) {
    int[] m = new int[64];
    double output = fullSize() ? 1.0 : 257.0 / 256.0;
    for (int z = 0; z < 64; z++) {
      double scale = aanScale(z >> 3) * aanScale(z & 7) * (1 << QUANT_BITS) * output;
      m[z] = (int) Math.min(Integer.MAX_VALUE, Math.round(quant[z] * scale));
    }
    return m;
  }

  /** 1 for the DC, {@code sqrt(2) cos(k pi / 16)} for frequency k: what AAN's flow graph leaves out. */
  private static double aanScale(int k) {
    return k == 0 ? 1.0 : Math.sqrt(2) * Math.cos(k * Math.PI / 16);
  }

  /** Output columns per block. */
  int width() {
    return nx;
  }

  /** Output rows per block. */
  int height() {
    return ny;
  }

  /** Whether the output is the full 8x8 block, which is rounded to 8 bits. */
  boolean fullSize() {
    return nx == 8 && ny == 8;
  }

  /** Whether the transform reads any AC coefficient: at 1/8 by 1/8 the mean is the DC alone. */
  boolean readsAc() {
    return nx > 1 || ny > 1;
  }

  /**
   * Transforms the dequantised coefficients {@code block} (natural order, 64, scaled by
   * {@link #multipliers}) into {@code ny} rows of {@code nx} 8-bit samples at {@code out[at]}, rows
   * {@code stride} apart; for the full size. The block is left all zeros.
   *
   * @param last the zigzag index of the block's last non-zero coefficient, 0 when it has the DC alone
   */
  void transform(long[] block, int last, byte[] out, int at, int stride) {
    // The level shift and the rounding reach every pixel through the DC alone.
    block[0] += (128L << PIXEL_BITS) + (1L << (PIXEL_BITS - 1));
    if (last == 0 || !readsAc()) {
      byte flat = (byte) level8(block[0]);
      clear(block, last);
      for (int y = 0; y < ny; y++) {
        Arrays.fill(out, at + y * stride, at + y * stride + nx, flat);
      }
      return;
    }
    passes(block, last);
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        out[at + y * stride + x] = (byte) level8(sums[y * nx + x]);
      }
    }
  }

  /** As the 8-bit transform, to 16-bit samples ({@code 257 v}, so 8-bit {@code v} maps to 16-bit as usual). */
  void transform(long[] block, int last, short[] out, int at, int stride) {
    // A group's sum carries PIXEL_BITS + groupBits fraction bits of a 16-bit value over 256; the
    // level shift (128 257/256 per pixel) and the group's rounding reach every pixel through the DC.
    int shift = PIXEL_BITS + groupBits - 8;
    block[0] += (257L << (PIXEL_BITS - 1)) + (1L << (shift - 1 - groupBits));
    if (last == 0 || !readsAc()) {
      short flat = (short) level16(block[0] << groupBits, shift);
      clear(block, last);
      for (int y = 0; y < ny; y++) {
        int row = at + y * stride;
        for (int x = 0; x < nx; x++) {
          out[row + x] = flat;
        }
      }
      return;
    }
    passes(block, last);
    for (int y = 0; y < ny; y++) {
      int row = at + y * stride;
      int from = y * nx;
      for (int x = 0; x < nx; x++) {
        out[row + x] = (short) level16(sums[from + x], shift);
      }
    }
  }

  /** Zeroes a block whose last non-zero coefficient is at zigzag index {@code last}. */
  private static void clear(long[] block, int last) {
    if (last == 0) {
      block[0] = 0;
    } else {
      Arrays.fill(block, 0);
    }
  }

  /** A full-size pixel from its transform, level shift and rounding included: clamped to 0..255. */
  private static int level8(long sum) {
    return (int) Math.max(0, Math.min(255, sum >> PIXEL_BITS));
  }

  /** A 16-bit mean from its group's sum, level shift and rounding included: clamped to 0..65535. */
  private static int level16(long sum, int shift) {
    return (int) Math.max(0, Math.min(65535, sum >> shift));
  }

  /**
   * Both passes: the first from the block into {@link #partial}, its outputs already summed in
   * groups along A, the second from those sums into {@link #sums}, its own outputs summed in groups
   * along B. Lines of the first pass after the block's last non-zero line are zeros and are
   * skipped; the lines it reads are cleared as it goes, which leaves the block all zeros. The
   * butterfly is written out in both passes: as one method it is too large for HotSpot to inline,
   * and the calls took a fifth of the time.
   */
  private void passes(long[] block, int last) {
    int sa = stepA;
    int sb = stepB;
    int bitsA = groupBitsA;
    int lines = 1 + (rowsFirst ? LAST_ROW[last] : LAST_COLUMN[last]);
    long[] part = partial;
    for (int line = 0; line < lines; line++) {
      int at = line * sb;
      long i0 = block[at];
      long i1 = block[at + sa];
      long i2 = block[at + 2 * sa];
      long i3 = block[at + 3 * sa];
      long i4 = block[at + 4 * sa];
      long i5 = block[at + 5 * sa];
      long i6 = block[at + 6 * sa];
      long i7 = block[at + 7 * sa];
      block[at] = 0;
      if ((i1 | i2 | i3 | i4 | i5 | i6 | i7) == 0) {
        // The line's DC alone: its outputs are all the same.
        long g = i0 << bitsA;
        for (int a = 0; a < outA; a++) {
          part[a * 8 + line] = g;
        }
        continue;
      }
      for (int k = 1; k < 8; k++) {
        block[at + k * sa] = 0;
      }
      // Summed in groups, the butterfly's outputs need only part of it: i4 and the odd half's
      // o7 and o11 cancel in pairs, and a group of four is the DC and two terms (exactly, as
      // these are the same integer operations regrouped).
      long x = (i2 - i6) * C4 >> CONST_BITS;
      long z10 = i5 - i3;
      long z12 = i1 - i7;
      long z5 = (z10 + z12) * C2 >> CONST_BITS;
      long o10 = z5 - (z12 * C2_MINUS_C6 >> CONST_BITS);
      long o12 = z5 - (z10 * C2_PLUS_C6 >> CONST_BITS);
      if (bitsA == 1) {
        long even = 2 * i0 + x;
        long odd = 2 * i0 - x;
        part[line] = even + o12;
        part[8 + line] = odd + o10;
        part[16 + line] = odd - o10;
        part[24 + line] = even - o12;
        continue;
      }
      if (bitsA == 2) {
        part[line] = 4 * i0 + o12 + o10;
        part[8 + line] = 4 * i0 - o12 - o10;
        continue;
      }
      if (bitsA == 3) {
        part[line] = 8 * i0;
        continue;
      }
      long e10 = i0 + i4;
      long e11 = i0 - i4;
      long e13 = i2 + i6;
      long e12 = x - e13;
      long e0 = e10 + e13;
      long e3 = e10 - e13;
      long e1 = e11 + e12;
      long e2 = e11 - e12;
      long z13 = i5 + i3;
      long z11 = i1 + i7;
      long o7 = z11 + z13;
      long o11 = (z11 - z13) * C4 >> CONST_BITS;
      long o6 = o12 - o7;
      long o5 = o11 - o6;
      long o4 = o10 - o5;
      part[line] = e0 + o7;
      part[8 + line] = e1 + o6;
      part[16 + line] = e2 + o5;
      part[24 + line] = e3 + o4;
      part[32 + line] = e3 - o4;
      part[40 + line] = e2 - o5;
      part[48 + line] = e1 - o6;
      part[56 + line] = e0 - o7;
    }
    for (int line = lines; line < 8; line++) {
      for (int a = 0; a < outA; a++) {
        part[a * 8 + line] = 0;
      }
    }
    int bitsB = groupBitsB;
    for (int a = 0; a < outA; a++) {
      int from = a * 8;
      long i0 = part[from];
      long i1 = part[from + 1];
      long i2 = part[from + 2];
      long i3 = part[from + 3];
      long i4 = part[from + 4];
      long i5 = part[from + 5];
      long i6 = part[from + 6];
      long i7 = part[from + 7];
      long e10 = i0 + i4;
      long e11 = i0 - i4;
      long e13 = i2 + i6;
      long e12 = ((i2 - i6) * C4 >> CONST_BITS) - e13;
      long e0 = e10 + e13;
      long e3 = e10 - e13;
      long e1 = e11 + e12;
      long e2 = e11 - e12;
      long z13 = i5 + i3;
      long z10 = i5 - i3;
      long z11 = i1 + i7;
      long z12 = i1 - i7;
      long o7 = z11 + z13;
      long o11 = (z11 - z13) * C4 >> CONST_BITS;
      long z5 = (z10 + z12) * C2 >> CONST_BITS;
      long o10 = z5 - (z12 * C2_MINUS_C6 >> CONST_BITS);
      long o12 = z5 - (z10 * C2_PLUS_C6 >> CONST_BITS);
      long o6 = o12 - o7;
      long o5 = o11 - o6;
      long o4 = o10 - o5;
      long p0 = e0 + o7;
      long p1 = e1 + o6;
      long p2 = e2 + o5;
      long p3 = e3 + o4;
      long p4 = e3 - o4;
      long p5 = e2 - o5;
      long p6 = e1 - o6;
      long p7 = e0 - o7;
      int o = a * sumStepA;
      int ob = sumStepB;
      switch (bitsB) {
        case 0 -> {
          sums[o] = p0;
          sums[o + ob] = p1;
          sums[o + 2 * ob] = p2;
          sums[o + 3 * ob] = p3;
          sums[o + 4 * ob] = p4;
          sums[o + 5 * ob] = p5;
          sums[o + 6 * ob] = p6;
          sums[o + 7 * ob] = p7;
        }
        case 1 -> {
          sums[o] = p0 + p1;
          sums[o + ob] = p2 + p3;
          sums[o + 2 * ob] = p4 + p5;
          sums[o + 3 * ob] = p6 + p7;
        }
        case 2 -> {
          sums[o] = p0 + p1 + p2 + p3;
          sums[o + ob] = p4 + p5 + p6 + p7;
        }
        default -> sums[o] = p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7;
      }
    }
  }
}
