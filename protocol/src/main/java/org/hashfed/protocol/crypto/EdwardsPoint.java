package org.hashfed.protocol.crypto;

import java.math.BigInteger;

/**
 * A mutable point of the Ed25519 curve -x^2 + y^2 = 1 + d x^2 y^2 in extended coordinates
 * (x = X/Z, y = Y/Z, xy = T/Z), with the doubling and addition formulas of Hisil, Wong, Carter
 * and Dawson (2008), which are complete on this curve. Variable time: verification only.
 */
final class EdwardsPoint {

  static final long[] D = Field25519.of(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(Field25519.P)));
  static final long[] D2 = Field25519.of(Field25519.toBigInteger(D).shiftLeft(1));
  static final long[] SQRT_M1 = Field25519.of(
      BigInteger.TWO.modPow(Field25519.P.subtract(BigInteger.ONE).shiftRight(2), Field25519.P));

  /** Field elements of an affine point in the form additions use: y + x, y - x and 2dxy. */
  static final int NIELS_LONGS = 3 * Field25519.LIMBS;

  final long[] x = Field25519.create();
  final long[] y = Field25519.create();
  final long[] z = Field25519.create();
  final long[] t = Field25519.create();

  // scratch of the formulas, so that the verification loop allocates nothing
  private final long[] a = Field25519.create();
  private final long[] b = Field25519.create();
  private final long[] c = Field25519.create();
  private final long[] d = Field25519.create();
  private final long[] e = Field25519.create();
  private final long[] f = Field25519.create();
  private final long[] g = Field25519.create();
  private final long[] h = Field25519.create();

  void setNeutral() {
    Field25519.zero(x);
    Field25519.one(y);
    Field25519.one(z);
    Field25519.zero(t);
  }

  void set(EdwardsPoint p) {
    Field25519.copy(p.x, x);
    Field25519.copy(p.y, y);
    Field25519.copy(p.z, z);
    Field25519.copy(p.t, t);
  }

  /**
   * Decodes a 32-byte RFC 8032 encoding whose y is known to be below p (callers check that).
   *
   * @return false when no point has that encoding: y gives no x, or x = 0 with the sign bit set
   */
  boolean decode(byte[] in, int off) {
    Field25519.decode(in, off, y);
    boolean xOdd = (in[off + 31] & 0x80) != 0;
    // x^2 = u / v with u = y^2 - 1, v = d y^2 + 1; candidate x = u v^3 (u v^7)^((p-5)/8)
    long[] u = a;
    long[] v = b;
    Field25519.sqr(y, u);
    Field25519.mul(u, D, v);
    Field25519.one(c);
    Field25519.sub(u, c, u);
    Field25519.add(v, c, v);
    Field25519.sqr(v, d);
    Field25519.mul(d, v, d);                 // v^3
    Field25519.sqr(d, e);
    Field25519.mul(e, v, e);                 // v^7
    Field25519.mul(e, u, e);                 // u v^7
    Field25519.pow22523(e, e);
    Field25519.mul(e, d, e);
    Field25519.mul(e, u, x);                 // candidate
    Field25519.sqr(x, f);
    Field25519.mul(f, v, f);                 // v x^2
    if (!Field25519.equal(f, u)) {
      Field25519.negate(u, g);
      if (!Field25519.equal(f, g)) {
        return false;
      }
      Field25519.mul(x, SQRT_M1, x);
    }
    boolean xZero = Field25519.isZero(x);
    if (xOdd && xZero) {
      return false;
    }
    if (Field25519.isOdd(x) != xOdd) {
      Field25519.negate(x, x);
    }
    Field25519.one(z);
    Field25519.mul(x, y, t);
    return true;
  }

  /** this = 2 * this (dbl-2008-hwcd with a = -1). */
  void twice() {
    // With a = -1 the formula's E, F, G and H are computed negated, -E = A + B - (X + Y)^2,
    // -F = A - B + 2Z^2, -G = A - B, -H = A + B, and multiplied in pairs whose signs cancel.
    Field25519.sqr(x, a);                    // A = X^2
    Field25519.sqr(y, b);                    // B = Y^2
    Field25519.sqr(z, c);
    Field25519.add(c, c, c);                 // C = 2 Z^2
    Field25519.add(x, y, e);
    Field25519.sqr(e, e);
    Field25519.add(a, b, h);                 // -H
    Field25519.sub(h, e, e);                 // -E
    Field25519.sub(a, b, g);                 // -G
    Field25519.add(g, c, f);                 // -F
    Field25519.mul(e, f, x);                 // X3 = E F
    Field25519.mul(g, h, y);                 // Y3 = G H
    Field25519.mul(e, h, t);                 // T3 = E H
    Field25519.mul(f, g, z);                 // Z3 = F G
  }

  /** this += the affine point in the table at index, or -= it when negate. */
  void addNiels(long[] table, int index, boolean negate) {
    int off = index * NIELS_LONGS;
    System.arraycopy(table, off, e, 0, Field25519.LIMBS);                            // y + x
    System.arraycopy(table, off + Field25519.LIMBS, f, 0, Field25519.LIMBS);         // y - x
    System.arraycopy(table, off + 2 * Field25519.LIMBS, g, 0, Field25519.LIMBS);     // 2dxy
    // -P swaps y + x with y - x and negates 2dxy
    long[] ypx = negate ? f : e;
    long[] ymx = negate ? e : f;
    Field25519.sub(y, x, a);
    Field25519.mul(a, ymx, a);               // A = (Y - X)(y - x)
    Field25519.add(y, x, b);
    Field25519.mul(b, ypx, b);               // B = (Y + X)(y + x)
    Field25519.mul(t, g, c);                 // C = T 2dxy, negated for -P below
    Field25519.add(z, z, d);                 // D = 2Z
    Field25519.sub(b, a, e);                 // E = B - A
    Field25519.add(b, a, h);                 // H = B + A
    if (negate) {
      Field25519.add(d, c, f);               // F = D - (-C)
      Field25519.sub(d, c, g);               // G = D + (-C)
    } else {
      Field25519.sub(d, c, f);
      Field25519.add(d, c, g);
    }
    Field25519.mul(e, f, x);
    Field25519.mul(g, h, y);
    Field25519.mul(e, h, t);
    Field25519.mul(f, g, z);
  }

  /** this += q for a point q in extended coordinates (add-2008-hwcd-3), for precomputation. */
  void add(EdwardsPoint q) {
    Field25519.sub(y, x, a);
    Field25519.sub(q.y, q.x, e);
    Field25519.mul(a, e, a);
    Field25519.add(y, x, b);
    Field25519.add(q.y, q.x, e);
    Field25519.mul(b, e, b);
    Field25519.mul(t, q.t, c);
    Field25519.mul(c, D2, c);
    Field25519.mul(z, q.z, d);
    Field25519.add(d, d, d);
    Field25519.sub(b, a, e);
    Field25519.sub(d, c, f);
    Field25519.add(d, c, g);
    Field25519.add(b, a, h);
    Field25519.mul(e, f, x);
    Field25519.mul(g, h, y);
    Field25519.mul(e, h, t);
    Field25519.mul(f, g, z);
  }

  /** Whether this is the neutral element (0, 1). */
  boolean isNeutral() {
    return Field25519.isZero(x) && Field25519.equal(y, z);
  }

  /**
   * The affine forms of the points, one inversion for all (Montgomery's trick), as a table that
   * {@link #addNiels} reads.
   */
  static long[] nielsTable(EdwardsPoint[] points) {
    int n = points.length;
    long[][] prefix = new long[n][];
    long[] acc = Field25519.create();
    Field25519.one(acc);
    for (int i = 0; i < n; i++) {
      Field25519.mul(acc, points[i].z, acc);
      prefix[i] = acc.clone();
    }
    long[] inv = Field25519.create();
    Field25519.invert(acc, inv);
    long[] table = new long[n * NIELS_LONGS];
    long[] zInv = Field25519.create();
    long[] ax = Field25519.create();
    long[] ay = Field25519.create();
    long[] s = Field25519.create();
    for (int i = n - 1; i >= 0; i--) {
      if (i > 0) {
        Field25519.mul(inv, prefix[i - 1], zInv);
        Field25519.mul(inv, points[i].z, inv);
      } else {
        Field25519.copy(inv, zInv);
      }
      Field25519.mul(points[i].x, zInv, ax);
      Field25519.mul(points[i].y, zInv, ay);
      int off = i * NIELS_LONGS;
      Field25519.add(ay, ax, s);
      System.arraycopy(s, 0, table, off, Field25519.LIMBS);
      Field25519.sub(ay, ax, s);
      System.arraycopy(s, 0, table, off + Field25519.LIMBS, Field25519.LIMBS);
      Field25519.mul(ax, ay, s);
      Field25519.mul(s, D2, s);
      System.arraycopy(s, 0, table, off + 2 * Field25519.LIMBS, Field25519.LIMBS);
    }
    return table;
  }

  /** The odd multiples P, 3P, 5P, ..., (2 count - 1) P of p, as extended points. */
  static EdwardsPoint[] oddMultiples(EdwardsPoint p, int count) {
    EdwardsPoint[] out = new EdwardsPoint[count];
    EdwardsPoint twiceP = new EdwardsPoint();
    twiceP.set(p);
    twiceP.twice();
    out[0] = new EdwardsPoint();
    out[0].set(p);
    for (int i = 1; i < count; i++) {
      out[i] = new EdwardsPoint();
      out[i].set(out[i - 1]);
      out[i].add(twiceP);
    }
    return out;
  }
}
