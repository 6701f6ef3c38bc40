package org.hashfed.protocol.pdq;

/**
 * The Jarosz filter (two passes of box filters along rows then columns, approximating a tent) and
 * the decimation to 64x64, computed row by row as the image streams in.
 *
 * <p>Every output has exactly the float operations, in the same order, as the references'
 * whole-image formulation (add the entering sample, subtract the leaving one, divide by the number
 * of samples in the window), so the results agree with theirs to the last bit. What changes is what
 * is kept: the first pass never holds more than {@code window + 1} rows, and the second pass divides
 * only at the 64 columns and keeps only the 64 rows that decimation samples. The working set stays
 * in the CPU caches instead of streaming several full-size float images through memory.
 *
 * <p>An instance keeps its buffers between images and is not thread-safe.
 */
final class JaroszFilter {

  /** Source rows read and row-filtered per step. */
  private static final int GROUP = 2 * RowSums.LANES;

  private final ColumnSums firstColumns = new ColumnSums();
  private final ColumnSums secondColumns = new ColumnSums();
  /** GROUP source rows. */
  private float[] luma = new float[0];
  /** GROUP rows of the first pass's running sums along rows. */
  private float[] sums = new float[0];
  /** GROUP rows of the second pass's running sums along rows. */
  private float[] secondSums = new float[0];
  /** The first pass's row means, the last {@code window + 1} rows, row {@code r} in slot {@code r % ringRows}. */
  private float[] ring = new float[0];
  /** Up to GROUP rows of the first pass's output, awaiting the second pass. */
  private float[] firstPass = new float[0];
  /** The second pass's row means at the 64 sampled columns, for every row. */
  private float[] sampled = new float[0];
  private final int[] sampledColumns = new int[Dct.N];
  private final int[] sampledRows = new int[Dct.N];

  private BoxWindow across;
  private BoxWindow down;
  private int pending;

  /** Filters the {@code width x height} luminance that {@code source} yields and writes the 64x64 decimation to {@code out}. */
  void filter(LumaRows source, int width, int height, float[] out) {
    across = BoxWindow.forLength(width);
    down = BoxWindow.forLength(height);
    for (int i = 0; i < Dct.N; i++) {
      sampledColumns[i] = across.sampled(i);
      sampledRows[i] = down.sampled(i);
    }
    int ringRows = down.window + 1;
    luma = atLeast(luma, GROUP * width);
    sums = atLeast(sums, GROUP * width);
    secondSums = atLeast(secondSums, GROUP * width);
    ring = atLeast(ring, ringRows * width);
    firstPass = atLeast(firstPass, GROUP * width);
    sampled = atLeast(sampled, height * Dct.N);

    firstColumns.start(width);
    pending = 0;
    for (int y = 0; y < height; y += GROUP) {
      int count = Math.min(GROUP, height - y);
      source.read(y, count, luma);
      RowSums.sum(luma, 0, sums, 0, count, across);
      for (int k = 0; k < count; k++) {
        int r = y + k;
        int slot = (r % ringRows) * width;
        divide(sums, k * width, across.counts, ring, slot, width);
        if (r < down.window) {
          firstColumns.add(ring, slot);
        } else {
          firstColumns.slide(ring, slot, ((r - down.window) % ringRows) * width);
        }
        if (r >= down.lead) {
          firstPassRow(r - down.lead);
        }
      }
    }
    for (int r = height; r < height + down.lead; r++) {
      firstColumns.remove(ring, ((r - down.window) % ringRows) * width);
      firstPassRow(r - down.lead);
    }
    secondPass(height - pending, pending);
    secondPassColumns(height, out);
  }

  /** Row {@code o} of the first pass is complete in {@link #firstColumns}; second passes run a group at a time. */
  private void firstPassRow(int o) {
    firstColumns.means(down.counts[o], firstPass, pending * across.length);
    pending++;
    if (pending == GROUP) {
      secondPass(o + 1 - GROUP, GROUP);
    }
  }

  /** The second pass along rows {@code first ..} of the first pass's output, divided only at the sampled columns. */
  private void secondPass(int first, int count) {
    int width = across.length;
    RowSums.sum(firstPass, 0, secondSums, 0, count, across);
    for (int k = 0; k < count; k++) {
      int in = k * width;
      int o = (first + k) * Dct.N;
      for (int j = 0; j < Dct.N; j++) {
        int c = sampledColumns[j];
        sampled[o + j] = secondSums[in + c] / across.counts[c];
      }
    }
    pending = 0;
  }

  /** The second pass down the 64 sampled columns, keeping the sampled rows. */
  private void secondPassColumns(int height, float[] out) {
    secondColumns.start(Dct.N);
    int next = 0;
    for (int r = 0; r < height + down.lead; r++) {
      if (r < down.window) {
        secondColumns.add(sampled, r * Dct.N);
      } else if (r < height) {
        secondColumns.slide(sampled, r * Dct.N, (r - down.window) * Dct.N);
      } else {
        secondColumns.remove(sampled, (r - down.window) * Dct.N);
      }
      int o = r - down.lead;
      while (next < Dct.N && sampledRows[next] == o) {
        secondColumns.means(down.counts[o], out, next * Dct.N);
        next++;
      }
    }
  }

  private static void divide(float[] in, int inAt, float[] counts, float[] out, int outAt, int n) {
    for (int j = 0; j < n; j++) {
      out[outAt + j] = in[inAt + j] / counts[j];
    }
  }

  private static float[] atLeast(float[] buffer, int length) {
    return buffer.length >= length ? buffer : new float[length];
  }
}
