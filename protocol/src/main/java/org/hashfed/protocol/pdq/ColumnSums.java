package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * The running sums of a box filter down every column at once, fed one row at a time: each column
 * sees exactly the float operations of a one-column box filter, while memory is read contiguously
 * and the loops vectorise.
 */
final class ColumnSums {

  private float[] sums = new float[0];
  private int width;

  /** Clears the sums for rows of {@code width} samples. */
  void start(int width) {
    if (sums.length < width) {
      sums = new float[width];
    }
    this.width = width;
    Arrays.fill(sums, 0, width, 0f);
  }

  /** Adds the row at {@code in[at]}: a row entering the window while none leaves it. */
  void add(float[] in, int at) {
    float[] s = sums;
    for (int j = 0; j < width; j++) {
      s[j] += in[at + j];
    }
  }

  /** Adds the row at {@code in[enter]}, then subtracts the one at {@code in[leave]}, in that order. */
  void slide(float[] in, int enter, int leave) {
    float[] s = sums;
    for (int j = 0; j < width; j++) {
      float v = s[j] + in[enter + j];
      s[j] = v - in[leave + j];
    }
  }

  /** Subtracts the row at {@code in[at]}: a row leaving the window at the end. */
  void remove(float[] in, int at) {
    float[] s = sums;
    for (int j = 0; j < width; j++) {
      s[j] -= in[at + j];
    }
  }

  /** Writes the means, the sums divided by {@code count}, to {@code out[at ..)}. */
  void means(float count, float[] out, int at) {
    float[] s = sums;
    for (int j = 0; j < width; j++) {
      out[at + j] = s[j] / count;
    }
  }
}
