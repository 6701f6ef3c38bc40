package org.hashfed.protocol.vpdq;

import java.util.Arrays;

/**
 * For each line (row or column) of a frame size, over every sampled frame: the largest spread of
 * the line's pixels (the highest channel standard deviation seen in any frame) and the range of the
 * line's mean colour across frames. A border line is flat in every frame and keeps its colour.
 */
final class LineStatistics {

  private final int lines;
  private final double[] maxSpread;
  private final double[] meanMin;
  private final double[] meanMax;

  LineStatistics(int lines) {
    this.lines = lines;
    this.maxSpread = new double[lines];
    this.meanMin = new double[lines * 3];
    this.meanMax = new double[lines * 3];
    Arrays.fill(meanMin, Double.MAX_VALUE);
    Arrays.fill(meanMax, -Double.MAX_VALUE);
  }

  /**
   * Merges one frame's sums for every line: {@code sum} and {@code sumSquares} hold three channels
   * per line, each over {@code count} pixels.
   */
  void merge(long[] sum, long[] sumSquares, int count) {
    for (int line = 0; line < lines; line++) {
      double spread = 0;
      for (int c = 0; c < 3; c++) {
        int i = line * 3 + c;
        double mean = sum[i] / (double) count;
        double variance = Math.max(0, sumSquares[i] / (double) count - mean * mean);
        spread = Math.max(spread, Math.sqrt(variance));
        meanMin[i] = Math.min(meanMin[i], mean);
        meanMax[i] = Math.max(meanMax[i], mean);
      }
      maxSpread[line] = Math.max(maxSpread[line], spread);
    }
  }

  /**
   * How many lines from one end ({@code fromStart}: line 0 upwards, else the last line downwards)
   * are border: flat within {@code maxSpread} in every frame, their mean steady within
   * {@code maxDrift} across frames, and within {@code maxColourDistance} of the outermost line's
   * colour, so one border is one colour.
   */
  int border(boolean fromStart, double maxSpread, double maxDrift, double maxColourDistance) {
    int edge = fromStart ? 0 : lines - 1;
    int n = 0;
    while (n < lines) {
      int line = fromStart ? n : lines - 1 - n;
      if (this.maxSpread[line] > maxSpread) {
        break;
      }
      boolean ok = true;
      for (int c = 0; c < 3 && ok; c++) {
        int i = line * 3 + c;
        double colour = (meanMin[i] + meanMax[i]) / 2;
        double edgeColour = (meanMin[edge * 3 + c] + meanMax[edge * 3 + c]) / 2;
        ok = meanMax[i] - meanMin[i] <= maxDrift && Math.abs(colour - edgeColour) <= maxColourDistance;
      }
      if (!ok) {
        break;
      }
      n++;
    }
    return n;
  }
}
