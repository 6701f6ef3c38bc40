package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * The inverse DCT of an 8x8 JPEG block straight to its downscaled pixels, {@code nx x ny}
 * (each 8, 4, 2 or 1): each output is the exact mean of the {@code 8/nx x 8/ny} pixels that the full 8x8 IDCT would
 * give, computed from the coefficients in one pass (the averaging folds into the IDCT's matrix). An
 * area mean is what PDQ's box filters take anyway, and unlike a smaller IDCT of the low frequencies
 * (libjpeg's scaled decoding) it treats a block and its mirror image alike, which keeps the dihedral
 * hashes of a rotated file close to those derived from the original. At 1x1 the mean is the DC
 * coefficient alone. Float arithmetic, clamped to 0..255 and, at full size, rounded as any
 * decoder's 8-bit output; a downscaled mean keeps its fraction (as 16 bits), which keeps the hash of
 * a downscaled image close to that of the full-size one.
 */
final class JpegScaledIdct {

  private final int nx;
  private final int ny;
  /** {@code tx[x * 8 + u]}: the mean over output column {@code x}'s pixels {@code p} of {@code C(u) / 2 cos((2p + 1) u pi / 16)}. */
  private final float[] tx;
  /** The same for output rows. */
  private final float[] ty;
  private final float[] rows;
  private final float[] pixels;
  /** The coefficient rows that hold non-zero values, and their weights for the output row at hand. */
  private final int[] active = new int[8];
  private final float[] weights = new float[8];

  /** A transform to {@code nx} columns and {@code ny} rows, each 8, 4, 2 or 1. */
  JpegScaledIdct(int nx, int ny) {
    this.nx = nx;
    this.ny = ny;
    this.tx = table(nx);
    this.ty = table(ny);
    this.rows = new float[8 * nx];
    this.pixels = new float[nx * ny];
  }

  private static float[] table(int n) {
    float[] table = new float[n * 8];
    int group = 8 / n;
    for (int x = 0; x < n; x++) {
      for (int u = 0; u < 8; u++) {
        double c = u == 0 ? Math.sqrt(0.5) : 1.0;
        double sum = 0;
        for (int p = x * group; p < (x + 1) * group; p++) {
          sum += c / 2 * Math.cos((2 * p + 1) * u * Math.PI / 16);
        }
        table[x * 8 + u] = (float) (sum / group);
      }
    }
    return table;
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

  /** Whether the transform reads the coefficient at natural index {@code z} (at 1/8 by 1/8 only the DC). */
  boolean reads(int z) {
    return z == 0 || nx > 1 || ny > 1;
  }

  /**
   * Transforms the dequantised coefficients {@code f} (natural order, 64) into {@code ny} rows of
   * {@code nx} 8-bit samples at {@code out[at]}, rows {@code stride} apart; for the full size.
   *
   * @param rows bit {@code v} set when row {@code v} of {@code f} may hold a non-zero coefficient
   * @param columns bit {@code u} set when column {@code u} may
   */
  void transform(float[] f, int rows, int columns, byte[] out, int at, int stride) {
    if (transform(f, rows, columns)) {
      Arrays.fill(pixels, clamp(f[0] / 8f + 128f));
    }
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        out[at + y * stride + x] = (byte) (int) (pixels[y * nx + x] + 0.5f);
      }
    }
  }

  /** As the 8-bit transform, to 16-bit samples ({@code 257 v}, so 8-bit {@code v} maps to 16-bit as usual). */
  void transform(float[] f, int rows, int columns, short[] out, int at, int stride) {
    if (transform(f, rows, columns)) {
      short flat = (short) (int) (clamp(f[0] / 8f + 128f) * 257f + 0.5f);
      for (int y = 0; y < ny; y++) {
        Arrays.fill(out, at + y * stride, at + y * stride + nx, flat);
      }
      return;
    }
    for (int y = 0; y < ny; y++) {
      for (int x = 0; x < nx; x++) {
        out[at + y * stride + x] = (short) (int) (pixels[y * nx + x] * 257f + 0.5f);
      }
    }
  }

  /**
   * Transforms {@code f} into the {@code nx x ny} pixels of {@link #pixels}, 0..255, reading only
   * the rows and columns the masks name: most high frequencies are zero. Returns true instead, with
   * nothing written, when the block is flat: the DC alone, one value everywhere.
   */
  private boolean transform(float[] f, int rowMask, int columnMask) {
    if ((nx == 1 && ny == 1) || ((rowMask | columnMask) & ~1) == 0) {
      return true;
    }
    int columns = 32 - Integer.numberOfLeadingZeros(columnMask);
    // Mirrored outputs share their terms: the weight of frequency u at output n-1-x is (-1)^u times
    // that at x. So each pair of outputs is (even + odd, even - odd), half the multiplications.
    // Rows of coefficients with a non-zero value, even ones first, then odd ones from evens on.
    int evens = Integer.bitCount(rowMask & 0x55);
    int nextEven = 0;
    int nextOdd = evens;
    int count = Integer.bitCount(rowMask & 0xFF);
    for (int v = 0; v < 8; v++) {
      if ((rowMask & (1 << v)) == 0) {
        continue;
      }
      int slot = (v & 1) == 0 ? nextEven++ : nextOdd++;
      active[slot] = v;
      int r = v * 8;
      int o = slot * nx;
      if (nx == 1) {
        rows[o] = tx[0] * f[r];
      }
      for (int x = 0; x < nx / 2; x++) {
        float even = 0f;
        float odd = 0f;
        int t = x * 8;
        for (int u = 0; u < columns; u += 2) {
          even += tx[t + u] * f[r + u];
        }
        for (int u = 1; u < columns; u += 2) {
          odd += tx[t + u] * f[r + u];
        }
        rows[o + x] = even + odd;
        rows[o + nx - 1 - x] = even - odd;
      }
    }
    if (ny == 1) {
      for (int x = 0; x < nx; x++) {
        pixels[x] = clamp(128f + ty[0] * rows[x]);
      }
      return false;
    }
    for (int y = 0; y < ny / 2; y++) {
      int t = y * 8;
      for (int k = 0; k < count; k++) {
        weights[k] = ty[t + active[k]];
      }
      int top = y * nx;
      int bottom = (ny - 1 - y) * nx;
      for (int x = 0; x < nx; x++) {
        float even = 0f;
        float odd = 0f;
        for (int k = 0; k < evens; k++) {
          even += weights[k] * rows[k * nx + x];
        }
        for (int k = evens; k < count; k++) {
          odd += weights[k] * rows[k * nx + x];
        }
        pixels[top + x] = clamp(128f + even + odd);
        pixels[bottom + x] = clamp(128f + even - odd);
      }
    }
    return false;
  }

  private static float clamp(float v) {
    return v < 0f ? 0f : Math.min(v, 255f);
  }
}
