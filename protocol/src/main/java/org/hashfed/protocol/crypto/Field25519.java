package org.hashfed.protocol.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo p = 2^255 - 19 on five 51-bit limbs in a {@code long[5]}, little-endian, for
 * signature verification only: it is variable time and must never touch secret values.
 *
 * <p>Every operation leaves its result "loose": limbs below 2^52, the value below 2^256 but not
 * necessarily below p. Inputs may be loose; {@link #canonical} gives the unique representative.
 * Products of two limbs reach 2^109 and are split at bit 51 with {@link Math#multiplyHigh}, so a
 * column of five never overflows a long (Java 17 has no unsigned multiply-high; limbs stay positive).
 */
final class Field25519 {

  static final int LIMBS = 5;

  private static final long MASK = (1L << 51) - 1;

  // 4p in limbs: added before a subtraction so that no limb goes negative for loose operands
  private static final long FOUR_P0 = 4 * ((1L << 51) - 19);
  private static final long FOUR_P = 4 * ((1L << 51) - 1);

  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  private Field25519() {}

  static long[] create() {
    return new long[LIMBS];
  }

  static long[] of(BigInteger value) {
    long[] r = new long[LIMBS];
    BigInteger v = value.mod(P);
    for (int i = 0; i < LIMBS; i++) {
      r[i] = v.shiftRight(51 * i).longValue() & MASK;
    }
    return r;
  }

  static void copy(long[] a, long[] r) {
    System.arraycopy(a, 0, r, 0, LIMBS);
  }

  static void one(long[] r) {
    r[0] = 1;
    r[1] = 0;
    r[2] = 0;
    r[3] = 0;
    r[4] = 0;
  }

  static void zero(long[] r) {
    r[0] = 0;
    r[1] = 0;
    r[2] = 0;
    r[3] = 0;
    r[4] = 0;
  }

  /** The low 255 bits of 32 little-endian bytes at off (bit 255, the sign of x, is left out). */
  static void decode(byte[] in, int off, long[] r) {
    long w0 = word(in, off);
    long w1 = word(in, off + 8);
    long w2 = word(in, off + 16);
    long w3 = word(in, off + 24) & Long.MAX_VALUE;
    r[0] = w0 & MASK;
    r[1] = ((w0 >>> 51) | (w1 << 13)) & MASK;
    r[2] = ((w1 >>> 38) | (w2 << 26)) & MASK;
    r[3] = ((w2 >>> 25) | (w3 << 39)) & MASK;
    r[4] = w3 >>> 12;
  }

  private static long word(byte[] in, int off) {
    long w = 0;
    for (int i = 7; i >= 0; i--) {
      w = (w << 8) | (in[off + i] & 0xff);
    }
    return w;
  }

  static void add(long[] a, long[] b, long[] r) {
    carry(a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], r);
  }

  static void sub(long[] a, long[] b, long[] r) {
    carry(a[0] + FOUR_P0 - b[0], a[1] + FOUR_P - b[1], a[2] + FOUR_P - b[2],
        a[3] + FOUR_P - b[3], a[4] + FOUR_P - b[4], r);
  }

  static void negate(long[] a, long[] r) {
    carry(FOUR_P0 - a[0], FOUR_P - a[1], FOUR_P - a[2], FOUR_P - a[3], FOUR_P - a[4], r);
  }

  // Limbs below 2^62 in, limbs below 2^52 out.
  private static void carry(long r0, long r1, long r2, long r3, long r4, long[] r) {
    r1 += r0 >>> 51;
    r0 &= MASK;
    r2 += r1 >>> 51;
    r1 &= MASK;
    r3 += r2 >>> 51;
    r2 &= MASK;
    r4 += r3 >>> 51;
    r3 &= MASK;
    r0 += 19 * (r4 >>> 51);
    r4 &= MASK;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  // bits 51.. of a product below 2^115
  private static long hi(long a, long b) {
    return ((a * b) >>> 51) | (Math.multiplyHigh(a, b) << 13);
  }

  private static long lo(long a, long b) {
    return (a * b) & MASK;
  }

  static void mul(long[] f, long[] g, long[] h) {
    long f0 = f[0];
    long f1 = f[1];
    long f2 = f[2];
    long f3 = f[3];
    long f4 = f[4];
    long g0 = g[0];
    long g1 = g[1];
    long g2 = g[2];
    long g3 = g[3];
    long g4 = g[4];
    long g1n = 19 * g1;
    long g2n = 19 * g2;
    long g3n = 19 * g3;
    long g4n = 19 * g4;
    // column i of the schoolbook product, the terms that wrap past 2^255 times 19, each column
    // kept as its bits below 51 (lo) and from 51 up (hi)
    long l0 = lo(f0, g0) + lo(f1, g4n) + lo(f2, g3n) + lo(f3, g2n) + lo(f4, g1n);
    long h0 = hi(f0, g0) + hi(f1, g4n) + hi(f2, g3n) + hi(f3, g2n) + hi(f4, g1n);
    long l1 = lo(f0, g1) + lo(f1, g0) + lo(f2, g4n) + lo(f3, g3n) + lo(f4, g2n);
    long h1 = hi(f0, g1) + hi(f1, g0) + hi(f2, g4n) + hi(f3, g3n) + hi(f4, g2n);
    long l2 = lo(f0, g2) + lo(f1, g1) + lo(f2, g0) + lo(f3, g4n) + lo(f4, g3n);
    long h2 = hi(f0, g2) + hi(f1, g1) + hi(f2, g0) + hi(f3, g4n) + hi(f4, g3n);
    long l3 = lo(f0, g3) + lo(f1, g2) + lo(f2, g1) + lo(f3, g0) + lo(f4, g4n);
    long h3 = hi(f0, g3) + hi(f1, g2) + hi(f2, g1) + hi(f3, g0) + hi(f4, g4n);
    long l4 = lo(f0, g4) + lo(f1, g3) + lo(f2, g2) + lo(f3, g1) + lo(f4, g0);
    long h4 = hi(f0, g4) + hi(f1, g3) + hi(f2, g2) + hi(f3, g1) + hi(f4, g0);
    reduce(l0, h0, l1, h1, l2, h2, l3, h3, l4, h4, h);
  }

  static void sqr(long[] f, long[] h) {
    long f0 = f[0];
    long f1 = f[1];
    long f2 = f[2];
    long f3 = f[3];
    long f4 = f[4];
    long f0d = 2 * f0;
    long f1d = 2 * f1;
    long f2d = 2 * f2;
    long f3d = 2 * f3;
    long f3n = 19 * f3;
    long f4n = 19 * f4;
    long l0 = lo(f0, f0) + lo(f1d, f4n) + lo(f2d, f3n);
    long h0 = hi(f0, f0) + hi(f1d, f4n) + hi(f2d, f3n);
    long l1 = lo(f0d, f1) + lo(f2d, f4n) + lo(f3, f3n);
    long h1 = hi(f0d, f1) + hi(f2d, f4n) + hi(f3, f3n);
    long l2 = lo(f0d, f2) + lo(f1, f1) + lo(f3d, f4n);
    long h2 = hi(f0d, f2) + hi(f1, f1) + hi(f3d, f4n);
    long l3 = lo(f0d, f3) + lo(f1d, f2) + lo(f4, f4n);
    long h3 = hi(f0d, f3) + hi(f1d, f2) + hi(f4, f4n);
    long l4 = lo(f0d, f4) + lo(f1d, f3) + lo(f2, f2);
    long h4 = hi(f0d, f4) + hi(f1d, f3) + hi(f2, f2);
    reduce(l0, h0, l1, h1, l2, h2, l3, h3, l4, h4, h);
  }

  // Columns with l below 2^54 and h below 2^60 in, limbs below 2^52 out.
  private static void reduce(long l0, long h0, long l1, long h1, long l2, long h2, long l3,
      long h3, long l4, long h4, long[] r) {
    long c = (l0 >>> 51) + h0;
    long r0 = l0 & MASK;
    long t = l1 + c;
    long r1 = t & MASK;
    c = (t >>> 51) + h1;
    t = l2 + c;
    long r2 = t & MASK;
    c = (t >>> 51) + h2;
    t = l3 + c;
    long r3 = t & MASK;
    c = (t >>> 51) + h3;
    t = l4 + c;
    long r4 = t & MASK;
    c = (t >>> 51) + h4;
    // c * 2^255 = 19 c, split so that 19 c cannot overflow
    r0 += 19 * (c & MASK);
    r1 += 19 * (c >>> 51);
    r1 += r0 >>> 51;
    r0 &= MASK;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  static void sqrTimes(long[] a, int times, long[] r) {
    sqr(a, r);
    for (int i = 1; i < times; i++) {
      sqr(r, r);
    }
  }

  /** r = a^(2^250 - 1), and a^11 into eleven: the common prefix of inversion and square roots. */
  private static void pow2250(long[] a, long[] r, long[] eleven) {
    long[] t0 = create();
    long[] t1 = create();
    long[] t2 = create();
    sqr(a, t0);                 // 2
    sqrTimes(t0, 2, t1);        // 8
    mul(a, t1, t1);             // 9
    mul(t0, t1, eleven);        // 11
    sqr(eleven, t0);            // 22
    mul(t1, t0, t0);            // 2^5 - 1
    sqrTimes(t0, 5, t1);
    mul(t1, t0, t1);            // 2^10 - 1
    sqrTimes(t1, 10, t2);
    mul(t2, t1, t2);            // 2^20 - 1
    long[] t3 = create();
    sqrTimes(t2, 20, t3);
    mul(t3, t2, t3);            // 2^40 - 1
    sqrTimes(t3, 10, t3);
    mul(t3, t1, t1);            // 2^50 - 1
    sqrTimes(t1, 50, t2);
    mul(t2, t1, t2);            // 2^100 - 1
    sqrTimes(t2, 100, t3);
    mul(t3, t2, t3);            // 2^200 - 1
    sqrTimes(t3, 50, t3);
    mul(t3, t1, r);             // 2^250 - 1
  }

  /** r = 1/a (0 for 0), as a^(p-2). */
  static void invert(long[] a, long[] r) {
    long[] eleven = create();
    long[] t = create();
    pow2250(a, t, eleven);
    sqrTimes(t, 5, t);          // 2^255 - 32
    mul(t, eleven, r);          // 2^255 - 21 = p - 2
  }

  /** r = a^((p-5)/8) = a^(2^252 - 3), the exponent of the square root of a ratio. */
  static void pow22523(long[] a, long[] r) {
    long[] eleven = create();
    long[] t = create();
    pow2250(a, t, eleven);
    sqrTimes(t, 2, t);          // 2^252 - 4
    mul(t, a, r);               // 2^252 - 3
  }

  /** The unique representative below p, in a new array. */
  static long[] canonical(long[] a) {
    long[] r = create();
    carry(a[0], a[1], a[2], a[3], a[4], r);
    carry(r[0], r[1], r[2], r[3], r[4], r);
    // now below 2^255 + 19 * 2: subtract p once when the value is at least p
    long q = (r[0] + 19) >>> 51;
    q = (r[1] + q) >>> 51;
    q = (r[2] + q) >>> 51;
    q = (r[3] + q) >>> 51;
    q = (r[4] + q) >>> 51;
    r[0] += 19 * q;
    r[1] += r[0] >>> 51;
    r[0] &= MASK;
    r[2] += r[1] >>> 51;
    r[1] &= MASK;
    r[3] += r[2] >>> 51;
    r[2] &= MASK;
    r[4] += r[3] >>> 51;
    r[3] &= MASK;
    r[4] &= MASK;
    return r;
  }

  static boolean isZero(long[] a) {
    long[] c = canonical(a);
    return (c[0] | c[1] | c[2] | c[3] | c[4]) == 0;
  }

  static boolean equal(long[] a, long[] b) {
    long[] d = create();
    sub(a, b, d);
    return isZero(d);
  }

  /** Whether the canonical value is odd: the sign of x in a point encoding. */
  static boolean isOdd(long[] a) {
    return (canonical(a)[0] & 1) == 1;
  }

  static BigInteger toBigInteger(long[] a) {
    long[] c = canonical(a);
    BigInteger v = BigInteger.ZERO;
    for (int i = LIMBS - 1; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(c[i]));
    }
    return v;
  }
}
