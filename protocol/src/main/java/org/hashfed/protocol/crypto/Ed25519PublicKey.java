package org.hashfed.protocol.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key that verifies by the rule of spec/protocol.md section 3.1: canonical
 * encodings of A and R, S below the group order L, no small-order public key, cofactored equation.
 */
public final class Ed25519PublicKey {

  /** Length of a raw public key. */
  public static final int LENGTH = 32;

  /** Length of a signature. */
  public static final int SIGNATURE_LENGTH = 64;

  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  // L and p in little-endian bytes, as signatures and points encode them
  private static final byte[] L_BYTES = littleEndian(L);
  private static final byte[] P_BYTES = littleEndian(P);

  private final byte[] bytes;
  // the decoded point, made once: the first verification starts from it
  private final Ed25519.PublicPoint point;
  private final KeyId keyId;
  // Multiples of the point that Ed25519Verification adds up, made on the second verification: a
  // member's key verifies thousands of entries, for which they cost about two verifications once,
  // while a key parsed to verify one cosignature is verified by Bouncy Castle (the same answers)
  // without them. Two threads may both make them: the results are equal and either may stay.
  private volatile boolean verifiedOnce;
  private volatile long[] verificationTable;

  private Ed25519PublicKey(byte[] bytes, Ed25519.PublicPoint point) {
    this.bytes = bytes;
    this.point = point;
    this.keyId = KeyId.of(bytes);
  }

  /**
   * The key with the given 32-byte RFC 8032 encoding.
   *
   * @throws IllegalArgumentException when the bytes are not a canonical encoding of a point of
   *     large order on the curve
   */
  public static Ed25519PublicKey fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("invalid Ed25519 public key: expected 32 bytes, got "
          + (bytes == null ? "null" : bytes.length + " bytes"));
    }
    byte[] copy = bytes.clone();
    if (!isCanonicalPoint(copy)) {
      throw new IllegalArgumentException("invalid Ed25519 public key: non-canonical point encoding (y >= 2^255-19)");
    }
    // as Ed25519PublicKeyParameters does: decodes the point, refusing points off the curve and
    // small-order ones, without the full order check, which costs a scalar multiplication on
    // paths (witness cosignatures) that parse keys on an event loop
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(copy, 0);
    if (point == null) {
      throw new IllegalArgumentException("invalid Ed25519 public key: not a point of large order on the curve");
    }
    return new Ed25519PublicKey(copy, point);
  }

  /**
   * Parses the standard base64 form of the 32 raw bytes.
   *
   * @throws IllegalArgumentException when the text is not base64 of a valid public key
   */
  public static Ed25519PublicKey fromBase64(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Ed25519 public key \"" + base64 + "\": expected base64 of 32 bytes", e);
    }
    return fromBytes(raw);
  }

  static boolean isCanonicalPoint(byte[] encoded) {
    return lessThan(encoded, 0, P_BYTES, 0x7f);
  }

  static boolean isCanonicalScalar(byte[] sig) {
    return lessThan(sig, 32, L_BYTES, 0xff);
  }

  // Whether the 32 little-endian bytes at off (the top one masked with topMask) are below bound;
  // byte by byte from the top, as this runs once per signature checked.
  private static boolean lessThan(byte[] value, int off, byte[] bound, int topMask) {
    for (int i = 31; i >= 0; i--) {
      int v = value[off + i] & (i == 31 ? topMask : 0xff);
      int b = bound[i] & 0xff;
      if (v != b) {
        return v < b;
      }
    }
    return false;
  }

  private static byte[] littleEndian(BigInteger n) {
    byte[] be = n.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** A copy of the 32 raw bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The standard base64 (with padding) of the 32 raw bytes. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** This key's id. */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * Verifies an Ed25519 signature over the data.
   *
   * @throws SignatureVerificationException when the signature is malformed or does not verify
   */
  public void verify(byte[] data, byte[] signature) throws SignatureVerificationException {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      throw new SignatureVerificationException("Ed25519 signature by key " + keyId + " has "
          + (signature == null ? "no bytes" : signature.length + " bytes") + ": expected 64");
    }
    // Checked before the equation so that the rejection says which rule the signature broke.
    if (!isCanonicalScalar(signature)) {
      throw new SignatureVerificationException("Ed25519 signature by key " + keyId + " rejected: S is not below the group order L");
    }
    if (!isCanonicalPoint(signature)) {
      throw new SignatureVerificationException("Ed25519 signature by key " + keyId + " rejected: R is not a canonical point encoding");
    }
    if (!equationHolds(data, signature)) {
      throw new SignatureVerificationException("Ed25519 signature by key " + keyId + " does not verify");
    }
  }

  private boolean equationHolds(byte[] data, byte[] signature) {
    long[] table = verificationTable;
    if (table == null) {
      if (!verifiedOnce) {
        verifiedOnce = true;
        return Ed25519.verify(signature, 0, point, data, 0, data.length);
      }
      table = Ed25519Verification.keyTable(bytes);
      verificationTable = table;
    }
    return Ed25519Verification.verify(table, bytes, signature, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey k && Arrays.equals(k.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + keyId + "]";
  }
}
