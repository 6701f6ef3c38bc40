package org.hashfed.protocol.log;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** An immutable 32-byte SHA-256 value: a Merkle leaf, node or root hash. */
public final class Hash32 {

  /** Number of bytes in a hash. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The hash with the given 32 bytes (copied).
   *
   * @throws IllegalArgumentException when the array is not exactly 32 bytes long
   */
  public static Hash32 of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "invalid hash of " + (bytes == null ? "null" : bytes.length + " bytes") + ": expected 32 bytes");
    }
    return new Hash32(bytes.clone());
  }

  /**
   * Parses 64 hex digits, upper or lower case.
   *
   * @throws IllegalArgumentException when the text is not exactly 64 hex digits
   */
  public static Hash32 fromHex(String hex) {
    if (hex == null || hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("invalid hash \"" + hex + "\": expected 64 hex digits");
    }
    try {
      return new Hash32(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid hash \"" + hex + "\": expected 64 hex digits", e);
    }
  }

  /**
   * Parses the canonical standard base64 form (44 characters with padding), as in checkpoints.
   *
   * @throws IllegalArgumentException when the text is not the canonical base64 of 32 bytes
   */
  public static Hash32 fromBase64(String base64) {
    byte[] decoded = StrictBase64.decode(base64, "hash");
    if (decoded.length != LENGTH) {
      throw new IllegalArgumentException(
          "invalid hash \"" + base64 + "\": decodes to " + decoded.length + " bytes, expected 32");
    }
    return new Hash32(decoded);
  }

  /** SHA-256 of the concatenation of the given parts. */
  static Hash32 sha256(byte[]... parts) {
    MessageDigest digest = Sha256.newDigest();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash32(digest.digest());
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for hashing inside this package. */
  byte[] unsafeBytes() {
    return bytes;
  }

  /** Lowercase hex, 64 digits. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding, 44 characters. */
  public String toBase64() {
    return java.util.Base64.getEncoder().encodeToString(bytes);
  }

  /** A copy of this hash with bit {@code bit} (0 = most significant bit of byte 0) flipped; for tests and audits. */
  public Hash32 withBitFlipped(int bit) {
    if (bit < 0 || bit >= 8 * LENGTH) {
      throw new IllegalArgumentException("bit " + bit + " out of range (expected: 0..255)");
    }
    byte[] copy = bytes.clone();
    copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
    return new Hash32(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash32 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
