package org.hashfed.protocol.pdq;

/**
 * The running sums of a box filter along rows: {@code out[o]} is the sum that the references divide
 * by {@link BoxWindow#counts}{@code [o]} to get output {@code o}, accumulated in their order (add the
 * entering sample, then subtract the leaving one).
 *
 * <p>Each row's sums form one chain of dependent float additions, which the CPU cannot overlap; so
 * rows are summed {@value #LANES} at a time, in lockstep, to keep that many chains in flight. The
 * division is left to the caller, where it runs over whole rows and vectorises.
 */
final class RowSums {

  /** Rows summed in lockstep. */
  static final int LANES = 4;

  private RowSums() {}

  /**
   * Sums {@code rows} consecutive rows of {@code box.length} samples starting at {@code in[inOff]}
   * into the same layout at {@code out[outOff]}.
   */
  static void sum(float[] in, int inOff, float[] out, int outOff, int rows, BoxWindow box) {
    int n = box.length;
    int r = 0;
    for (; r + LANES <= rows; r += LANES) {
      sumFour(in, inOff + r * n, out, outOff + r * n, box);
    }
    for (; r < rows; r++) {
      sumOne(in, inOff + r * n, out, outOff + r * n, box);
    }
  }

  private static void sumOne(float[] in, int inOff, float[] out, int outOff, BoxWindow box) {
    int n = box.length;
    int w = box.window;
    int lead = box.lead;
    float s = 0f;
    int ri = 0;
    for (; ri < lead; ri++) {
      s += in[inOff + ri];
    }
    for (; ri < w; ri++) {
      s += in[inOff + ri];
      out[outOff + ri - lead] = s;
    }
    for (; ri < n; ri++) {
      s += in[inOff + ri];
      s -= in[inOff + ri - w];
      out[outOff + ri - lead] = s;
    }
    for (; ri < n + lead; ri++) {
      s -= in[inOff + ri - w];
      out[outOff + ri - lead] = s;
    }
  }

  private static void sumFour(float[] in, int inOff, float[] out, int outOff, BoxWindow box) {
    int n = box.length;
    int w = box.window;
    int lead = box.lead;
    int a = inOff;
    int b = a + n;
    int c = b + n;
    int d = c + n;
    int oa = outOff - lead;
    int ob = oa + n;
    int oc = ob + n;
    int od = oc + n;
    float sa = 0f;
    float sb = 0f;
    float sc = 0f;
    float sd = 0f;
    int ri = 0;
    for (; ri < lead; ri++) {
      sa += in[a + ri];
      sb += in[b + ri];
      sc += in[c + ri];
      sd += in[d + ri];
    }
    for (; ri < w; ri++) {
      sa += in[a + ri];
      sb += in[b + ri];
      sc += in[c + ri];
      sd += in[d + ri];
      out[oa + ri] = sa;
      out[ob + ri] = sb;
      out[oc + ri] = sc;
      out[od + ri] = sd;
    }
    for (; ri < n; ri++) {
      int li = ri - w;
      sa += in[a + ri];
      sb += in[b + ri];
      sc += in[c + ri];
      sd += in[d + ri];
      sa -= in[a + li];
      sb -= in[b + li];
      sc -= in[c + li];
      sd -= in[d + li];
      out[oa + ri] = sa;
      out[ob + ri] = sb;
      out[oc + ri] = sc;
      out[od + ri] = sd;
    }
    for (; ri < n + lead; ri++) {
      int li = ri - w;
      sa -= in[a + li];
      sb -= in[b + li];
      sc -= in[c + li];
      sd -= in[d + li];
      out[oa + ri] = sa;
      out[ob + ri] = sb;
      out[oc + ri] = sc;
      out[od + ri] = sd;
    }
  }
}
