package org.hashfed.protocol.pdq;

import java.util.Arrays;

/**
 * A 256-bit PDQ hash: immutable, compared by Hamming distance.
 *
 * <p>Bit {@code k} of the hash lives in 16-bit word {@code k / 16} at position {@code k % 16}; the
 * hex form prints word 15 first, as every PDQ tool does. Internally the bits are four longs,
 * {@code words[0]} holding bits 0..63, so that distance is four XORs and four popcounts.
 */
public final class PdqHash {

  /** Number of bits in a PDQ hash. */
  public static final int BITS = 256;

  /** Number of hex digits in the text form. */
  public static final int HEX_LENGTH = 64;

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private PdqHash(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** The hash whose bits 0..63, 64..127, 128..191, 192..255 are the four given longs. */
  public static PdqHash ofWords(long bits0to63, long bits64to127, long bits128to191, long bits192to255) {
    return new PdqHash(bits0to63, bits64to127, bits128to191, bits192to255);
  }

  /** The hash with the given bits set, bit {@code k} at index {@code k}; the array must have 256 entries. */
  public static PdqHash ofBits(boolean[] bits) {
    if (bits.length != BITS) {
      throw new IllegalArgumentException("PDQ hash needs 256 bits (expected: 256, got: " + bits.length + ")");
    }
    long[] w = new long[4];
    for (int k = 0; k < BITS; k++) {
      if (bits[k]) {
        w[k >>> 6] |= 1L << (k & 63);
      }
    }
    return new PdqHash(w[0], w[1], w[2], w[3]);
  }

  /**
   * Parses the 64-hex-digit form, upper or lower case; anything else is an error naming the value.
   *
   * @throws IllegalArgumentException when the text is not exactly 64 hex digits
   */
  public static PdqHash fromHex(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("invalid pdq value null: expected 64 hex digits");
    }
    if (hex.length() != HEX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid pdq value \"" + abbreviate(hex) + "\": expected 64 hex digits, got " + hex.length() + " characters");
    }
    // one pass: the first 16 digits are the most significant word (index 3)
    long[] words = new long[4];
    for (int i = 0; i < HEX_LENGTH; i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0) {
        throw new IllegalArgumentException(
            "invalid pdq value \"" + abbreviate(hex) + "\": character '" + hex.charAt(i) + "' at position " + i
                + " is not a hex digit (expected 64 hex digits)");
      }
      int w = 3 - i / 16;
      words[w] = words[w] << 4 | digit;
    }
    return new PdqHash(words[0], words[1], words[2], words[3]);
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** The 64-lowercase-hex-digit form, most significant 16-bit word first. */
  public String toHex() {
    StringBuilder sb = new StringBuilder(HEX_LENGTH);
    appendWord(sb, w3);
    appendWord(sb, w2);
    appendWord(sb, w1);
    appendWord(sb, w0);
    return sb.toString();
  }

  private static void appendWord(StringBuilder sb, long w) {
    String s = Long.toHexString(w);
    for (int i = s.length(); i < 16; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  /** The four 64-bit words, bits 0..63 first; a fresh copy. */
  public long[] words() {
    return new long[] {w0, w1, w2, w3};
  }

  /** Word {@code i} (0..3) of the hash, bits {@code 64 i .. 64 i + 63}. */
  public long word(int i) {
    switch (i) {
      case 0:
        return w0;
      case 1:
        return w1;
      case 2:
        return w2;
      case 3:
        return w3;
      default:
        throw new IndexOutOfBoundsException("word index " + i + " (expected: 0..3)");
    }
  }

  /** Whether bit {@code k} (0..255) is set. */
  public boolean bit(int k) {
    if (k < 0 || k >= BITS) {
      throw new IndexOutOfBoundsException("bit index " + k + " (expected: 0..255)");
    }
    return ((word(k >>> 6) >>> (k & 63)) & 1L) != 0;
  }

  /** The 16-bit word {@code j} (0..15), bits {@code 16 j .. 16 j + 15}, as PDQ tools number them. */
  public int word16(int j) {
    if (j < 0 || j >= 16) {
      throw new IndexOutOfBoundsException("16-bit word index " + j + " (expected: 0..15)");
    }
    return (int) ((word(j >>> 2) >>> ((j & 3) * 16)) & 0xFFFF);
  }

  /** Number of differing bits, 0..256. */
  public int distance(PdqHash other) {
    return Long.bitCount(w0 ^ other.w0)
        + Long.bitCount(w1 ^ other.w1)
        + Long.bitCount(w2 ^ other.w2)
        + Long.bitCount(w3 ^ other.w3);
  }

  /** Number of set bits. */
  public int bitCount() {
    return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PdqHash)) {
      return false;
    }
    PdqHash h = (PdqHash) o;
    return w0 == h.w0 && w1 == h.w1 && w2 == h.w2 && w3 == h.w3;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {w0, w1, w2, w3});
  }

  @Override
  public String toString() {
    return toHex();
  }
}
