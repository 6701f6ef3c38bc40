package org.hashfed.protocol.crypto;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Ed25519 verification with the accept/reject of Bouncy Castle 1.87's {@code Ed25519.verify},
 * faster for a key that verifies many signatures: R canonical and on the curve, S below L, and
 * the cofactored equation [8][S]B = [8]R + [8][k]A with k = SHA-512(R || A || M) mod L.
 *
 * <p>Bouncy Castle evaluates [8]([S v1]B - [v0]A - [v1]R) for a split of k into 128-bit v0 and
 * v1 with v0 = k v1 mod L; that is the neutral element exactly when the equation above holds, as
 * only the prime-order components of A and R survive the factor 8 and v1 is invertible mod L.
 * Here [S]B - [k]A is evaluated with the scalars cut into eight 32-bit parts, each against a table
 * of its own power-of-two multiple: the base point's tables are built once, a key's once per key
 * ({@link #keyTable}, about what four verifications cost), so a verification takes 32 doublings
 * and builds no table of its own.
 *
 * <p>Variable time: it handles public keys, signatures and messages only, never secrets.
 */
final class Ed25519Verification {

  private static final BigInteger L = Ed25519PublicKey.L;

  // Scalars are cut into PARTS pieces of PART_BITS bits, each with a table of its own base: more
  // parts, fewer doublings per verification, more work per key (8: 1.85x Bouncy Castle, 4: 1.65x).
  private static final int PARTS = 8;
  private static final int PART_BITS = 256 / PARTS;
  // window widths of the signed digits: the base point's table is shared, a key's is per key
  private static final int BASE_WIDTH = 8;
  private static final int KEY_WIDTH = 6;

  private static final byte[] BASE_POINT = HexFormat.of().parseHex(
      "5866666666666666666666666666666666666666666666666666666666666666");

  private static final long[] BASE_TABLE = table(BASE_POINT, BASE_WIDTH);

  private Ed25519Verification() {}

  /** The precomputed multiples of a validated public key that {@link #verify} needs. */
  static long[] keyTable(byte[] publicKey) {
    return table(publicKey, KEY_WIDTH);
  }

  /**
   * Whether the signature verifies.
   *
   * @param keyTable {@link #keyTable} of publicKey
   */
  static boolean verify(long[] keyTable, byte[] publicKey, byte[] signature, byte[] message) {
    if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH
        || !Ed25519PublicKey.isCanonicalPoint(signature)
        || !Ed25519PublicKey.isCanonicalScalar(signature)) {
      return false;
    }
    EdwardsPoint r = new EdwardsPoint();
    if (!r.decode(signature, 0)) {
      return false;
    }
    byte[] k = challenge(signature, publicKey, message);
    byte[] sDigits = signedDigits(signature, 32, BASE_WIDTH);
    byte[] kDigits = signedDigits(k, 0, KEY_WIDTH);
    int baseCount = 1 << (BASE_WIDTH - 2);
    int keyCount = 1 << (KEY_WIDTH - 2);

    EdwardsPoint acc = new EdwardsPoint();
    acc.setNeutral();
    for (int j = PART_BITS - 1; j >= 0; j--) {
      acc.twice();
      // even streams are S's parts against B's tables, odd ones k's against A's, subtracted; one
      // call site of addNiels keeps the compiled loop (and the JIT's time on it) small
      for (int stream = 0; stream < 2 * PARTS; stream++) {
        boolean key = (stream & 1) == 1;
        int part = stream >> 1;
        int digit = (key ? kDigits : sDigits)[part * PART_BITS + j];
        if (digit != 0) {
          acc.addNiels(key ? keyTable : BASE_TABLE,
              part * (key ? keyCount : baseCount) + (Math.abs(digit) >> 1), key == (digit > 0));
        }
      }
    }
    Field25519.negate(r.x, r.x);
    Field25519.negate(r.t, r.t);
    acc.add(r);
    // [8]([S]B - [k]A - R): the factor that Bouncy Castle's evaluation applies
    acc.twice();
    acc.twice();
    acc.twice();
    return acc.isNeutral();
  }

  // k = SHA-512(R || A || M) mod L, 32 bytes little-endian
  private static byte[] challenge(byte[] signature, byte[] publicKey, byte[] message) {
    SHA512Digest digest = new SHA512Digest();
    digest.update(signature, 0, 32);
    digest.update(publicKey, 0, 32);
    digest.update(message, 0, message.length);
    byte[] h = new byte[64];
    digest.doFinal(h, 0);
    byte[] be = new byte[64];
    for (int i = 0; i < 64; i++) {
      be[i] = h[63 - i];
    }
    byte[] reduced = new BigInteger(1, be).mod(L).toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < reduced.length; i++) {
      le[i] = reduced[reduced.length - 1 - i];
    }
    return le;
  }

  /**
   * The width-w non-adjacent form of the 32-byte little-endian scalar at off, below 2^253: a
   * digit per bit position, odd and below 2^(w-1) in absolute value or zero, any w positions
   * holding at most one non-zero digit. Below 2^253 with w at most 8, the last carry lands below
   * position 256.
   */
  static byte[] signedDigits(byte[] scalar, int off, int width) {
    long[] words = new long[5];
    for (int i = 0; i < 4; i++) {
      long w = 0;
      for (int b = 7; b >= 0; b--) {
        w = (w << 8) | (scalar[off + 8 * i + b] & 0xff);
      }
      words[i] = w;
    }
    byte[] digits = new byte[256];
    int window = 1 << width;
    int carry = 0;
    int pos = 0;
    while (pos < digits.length) {
      int word = pos >>> 6;
      int bit = pos & 63;
      long bits = words[word] >>> bit;
      if (bit + width > 64) {
        bits |= words[word + 1] << (64 - bit);
      }
      int value = carry + (int) (bits & (window - 1));
      if ((value & 1) == 0) {
        // a zero digit: the pending carry moves on with the position
        pos++;
        continue;
      }
      if (value < window / 2) {
        carry = 0;
        digits[pos] = (byte) value;
      } else {
        carry = 1;
        digits[pos] = (byte) (value - window);
      }
      pos += width;
    }
    return digits;
  }

  // The odd multiples 1, 3, ..., 2^(w-1) - 1 of 2^(PART_BITS i) P for each part i, in one table.
  private static long[] table(byte[] encodedPoint, int width) {
    EdwardsPoint p = new EdwardsPoint();
    if (!p.decode(encodedPoint, 0)) {
      throw new IllegalStateException("not a point: a public key is validated before it verifies");
    }
    int count = 1 << (width - 2);
    EdwardsPoint[] all = new EdwardsPoint[PARTS * count];
    for (int part = 0; part < PARTS; part++) {
      if (part > 0) {
        for (int i = 0; i < PART_BITS; i++) {
          p.twice();
        }
      }
      System.arraycopy(EdwardsPoint.oddMultiples(p, count), 0, all, part * count, count);
    }
    return EdwardsPoint.nielsTable(all);
  }
}
