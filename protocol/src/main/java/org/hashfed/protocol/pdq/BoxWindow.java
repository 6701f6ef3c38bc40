package org.hashfed.protocol.pdq;

/**
 * The geometry of one box filter of the Jarosz filter along a line of {@code n} samples: its window,
 * how many samples it reads ahead before the first output, and the number of samples that each
 * output averages (shorter at both ends, where the window sticks out of the line).
 */
final class BoxWindow {

  final int length;
  final int window;
  /** Samples accumulated before the first output: {@code (window + 2) / 2 - 1}, as in the references. */
  final int lead;
  /** {@code counts[o]}: the divisor of output {@code o}, as a float because the references divide a float sum by it. */
  final float[] counts;

  private BoxWindow(int length, int window) {
    this.length = length;
    this.window = window;
    this.lead = (window + 2) / 2 - 1;
    this.counts = new float[length];
    // Output o averages the samples [o - (window - 1 - lead), o + lead] that lie inside the line.
    for (int o = 0; o < length; o++) {
      int first = Math.max(0, o - (window - 1 - lead));
      int last = Math.min(length - 1, o + lead);
      counts[o] = last - first + 1;
    }
  }

  /** The window for downsampling {@code length} samples to 64, about half the stride: {@code (n + 127) / 128}. */
  static BoxWindow forLength(int length) {
    return new BoxWindow(length, (length + 2 * Dct.N - 1) / (2 * Dct.N));
  }

  /** The sample that decimation keeps for output {@code i} of 64: {@code floor((i + 0.5) n / 64)}. */
  int sampled(int i) {
    return (int) (((i + 0.5) * length) / Dct.N);
  }
}
