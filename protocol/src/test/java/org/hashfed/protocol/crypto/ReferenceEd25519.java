package org.hashfed.protocol.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ed25519 in plain {@link BigInteger} affine arithmetic, slow and obvious, after RFC 8032 section
 * 5.1: the reference the fast verification's tests build hostile points and signatures with.
 */
final class ReferenceEd25519 {

  static final BigInteger P = Field25519.P;
  static final BigInteger L = Ed25519PublicKey.L;
  static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** An affine point (x, y). */
  record Point(BigInteger x, BigInteger y) {}

  static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
  static final Point BASE = decode(java.util.HexFormat.of().parseHex(
      "5866666666666666666666666666666666666666666666666666666666666666"));
  /** A point of order 8: its multiples are the eight small-order points. */
  static final Point TORSION_8 = findOrder8();

  private ReferenceEd25519() {}

  static Point add(Point a, Point b) {
    BigInteger xx = a.x.multiply(b.x);
    BigInteger yy = a.y.multiply(b.y);
    BigInteger dxy = D.multiply(xx).multiply(yy).mod(P);
    BigInteger x = a.x.multiply(b.y).add(a.y.multiply(b.x))
        .multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P);
    BigInteger y = yy.add(xx)
        .multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P)).mod(P);
    return new Point(x, y);
  }

  static Point negate(Point a) {
    return new Point(a.x.negate().mod(P), a.y);
  }

  static Point multiply(BigInteger n, Point a) {
    Point r = IDENTITY;
    for (int i = n.bitLength() - 1; i >= 0; i--) {
      r = add(r, r);
      if (n.testBit(i)) {
        r = add(r, a);
      }
    }
    return r;
  }

  static byte[] encode(Point a) {
    byte[] out = littleEndian(a.y);
    if (a.x.testBit(0)) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  /** The point of a canonical encoding, or null when there is none (RFC 8032 5.1.3). */
  static Point decode(byte[] in) {
    byte[] copy = in.clone();
    boolean xOdd = (copy[31] & 0x80) != 0;
    copy[31] &= 0x7f;
    BigInteger y = fromLittleEndian(copy, 0, 32);
    if (y.compareTo(P) >= 0) {
      return null;
    }
    BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
    BigInteger x = u.multiply(v.modInverse(P))
        .modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    BigInteger x2v = v.multiply(x).multiply(x).mod(P);
    if (!x2v.equals(u)) {
      if (!x2v.equals(u.negate().mod(P))) {
        return null;
      }
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (x.signum() == 0 && xOdd) {
      return null;
    }
    if (x.testBit(0) != xOdd) {
      x = P.subtract(x);
    }
    return new Point(x, y);
  }

  /** S = r + k a mod L with k = SHA-512(R || A || M) mod L, for any 32 bytes as A. */
  static byte[] sign(BigInteger a, BigInteger r, byte[] publicKey, byte[] message) {
    byte[] encodedR = encode(multiply(r, BASE));
    return withS(encodedR, r.add(challenge(encodedR, publicKey, message).multiply(a)).mod(L));
  }

  static BigInteger challenge(byte[] encodedR, byte[] publicKey, byte[] message) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-512");
      sha.update(encodedR, 0, 32);
      sha.update(publicKey);
      sha.update(message);
      return fromLittleEndian(sha.digest(), 0, 64).mod(L);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] withS(byte[] encodedR, BigInteger s) {
    byte[] sig = new byte[64];
    System.arraycopy(encodedR, 0, sig, 0, 32);
    System.arraycopy(littleEndian(s), 0, sig, 32, 32);
    return sig;
  }

  static byte[] littleEndian(BigInteger n) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) n.shiftRight(8 * i).intValue();
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] in, int off, int len) {
    byte[] be = new byte[len];
    for (int i = 0; i < len; i++) {
      be[i] = in[off + len - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static Point findOrder8() {
    for (int y = 2; ; y++) {
      Point p = decode(littleEndian(BigInteger.valueOf(y)));
      if (p == null) {
        continue;
      }
      Point t = multiply(L, p);
      if (!multiply(BigInteger.valueOf(4), t).equals(IDENTITY)) {
        return t;
      }
    }
  }
}
