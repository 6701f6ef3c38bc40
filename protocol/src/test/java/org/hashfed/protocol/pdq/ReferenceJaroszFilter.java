package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * The Jarosz filter as the references write it, over whole-image buffers: the oracle that the
 * streaming {@link JaroszFilter} must reproduce bit for bit.
 *
 * <p>The box filter is a running mean whose float operations happen in the same order as in the
 * references (add the entering sample, subtract the leaving one, divide by the current window
 * length), so the results agree with theirs to the last bit.
 */
final class ReferenceJaroszFilter {

  /** Passes of (rows, then columns) box filtering. */
  static final int PASSES = 2;

  private ReferenceJaroszFilter() {}

  /** The box window for downsampling {@code oldDim} samples to {@code newDim}: about half the stride. */
  static int windowSize(int oldDim, int newDim) {
    return (oldDim + 2 * newDim - 1) / (2 * newDim);
  }

  /**
   * Filters {@code buf1} (rows x cols, row-major) in place, using {@code buf2} as scratch of the
   * same size.
   */
  static void filter(float[] buf1, float[] buf2, int rows, int cols, int windowAlongRows, int windowAlongCols) {
    float[] colSums = new float[cols];
    for (int p = 0; p < PASSES; p++) {
      for (int r = 0; r < rows; r++) {
        boxRow(buf1, buf2, r * cols, cols, windowAlongRows);
      }
      boxColumns(buf2, buf1, rows, cols, windowAlongCols, colSums);
    }
  }

  /** One running mean along a contiguous row. */
  private static void boxRow(float[] in, float[] out, int start, int length, int window) {
    int half = (window + 2) / 2;
    int phase1 = half - 1;
    int phase2 = window - half + 1;
    int phase3 = length - window;
    int phase4 = half - 1;
    int li = start;
    int ri = start;
    int oi = start;
    float sum = 0f;
    int current = 0;
    for (int i = 0; i < phase1; i++) {
      sum += in[ri++];
      current++;
    }
    for (int i = 0; i < phase2; i++) {
      sum += in[ri++];
      current++;
      out[oi++] = sum / current;
    }
    for (int i = 0; i < phase3; i++) {
      sum += in[ri++];
      sum -= in[li++];
      out[oi++] = sum / current;
    }
    for (int i = 0; i < phase4; i++) {
      sum -= in[li++];
      current--;
      out[oi++] = sum / current;
    }
  }

  /**
   * The running mean down every column at once, walking the rows: each column sees exactly the
   * operations of a one-column box filter, but memory is read contiguously and the inner loop
   * vectorises.
   */
  private static void boxColumns(float[] in, float[] out, int rows, int cols, int window, float[] sums) {
    int half = (window + 2) / 2;
    int phase1 = half - 1;
    int phase2 = window - half + 1;
    int phase3 = rows - window;
    int phase4 = half - 1;
    Arrays.fill(sums, 0f);
    int ri = 0;
    int li = 0;
    int oi = 0;
    int current = 0;
    for (int i = 0; i < phase1; i++, ri++) {
      add(sums, in, ri * cols, cols);
      current++;
    }
    for (int i = 0; i < phase2; i++, ri++, oi++) {
      add(sums, in, ri * cols, cols);
      current++;
      divide(sums, out, oi * cols, cols, current);
    }
    for (int i = 0; i < phase3; i++, ri++, li++, oi++) {
      int r = ri * cols;
      int l = li * cols;
      int o = oi * cols;
      for (int j = 0; j < cols; j++) {
        float s = sums[j] + in[r + j];
        s -= in[l + j];
        sums[j] = s;
        out[o + j] = s / current;
      }
    }
    for (int i = 0; i < phase4; i++, li++, oi++) {
      int l = li * cols;
      current--;
      for (int j = 0; j < cols; j++) {
        sums[j] -= in[l + j];
      }
      divide(sums, out, oi * cols, cols, current);
    }
  }

  private static void add(float[] sums, float[] in, int offset, int cols) {
    for (int j = 0; j < cols; j++) {
      sums[j] += in[offset + j];
    }
  }

  private static void divide(float[] sums, float[] out, int offset, int cols, int count) {
    for (int j = 0; j < cols; j++) {
      out[offset + j] = sums[j] / count;
    }
  }

  /** Samples the filtered image at {@code floor((i + 0.5) n / 64)} in each dimension, into 64x64. */
  static void decimate(float[] in, int rows, int cols, float[] out) {
    for (int i = 0; i < Dct.N; i++) {
      int ini = (int) (((i + 0.5) * rows) / Dct.N);
      for (int j = 0; j < Dct.N; j++) {
        int inj = (int) (((j + 0.5) * cols) / Dct.N);
        out[i * Dct.N + j] = in[ini * cols + inj];
      }
    }
  }
}
