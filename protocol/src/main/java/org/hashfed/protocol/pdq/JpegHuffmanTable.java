package org.hashfed.protocol.pdq;

/**
 * One Huffman table of a JPEG (a DHT segment's class and id), with two lookups of the codes of up
 * to {@value #LOOKUP_BITS} bits, which are nearly all of them, and the canonical-code limits for
 * longer ones. {@link #lookup} gives a code's symbol; {@link #fast}, for sequential scans, also
 * resolves the magnitude bits that follow most codes, so that one look-up yields run and value.
 */
final class JpegHuffmanTable {

  static final int LOOKUP_BITS = 10;

  /** In a {@link #fast} entry: set when the entry holds the coefficient's value. */
  static final int HAS_VALUE = 1 << 15;
  /** In a {@link #fast} entry without a value: set when the symbol is 0 (an AC table's end of block). */
  static final int END_OF_BLOCK = 1 << 14;

  /** {@code (length << 8) | symbol} for every code of up to LOOKUP_BITS bits, indexed by its bits padded; 0 for none. */
  final int[] lookup = new int[1 << LOOKUP_BITS];
  /**
   * Indexed as {@link #lookup}. When {@link #HAS_VALUE} is set, the code and its magnitude bits fit
   * in LOOKUP_BITS: bits 0-4 hold how many bits both take, bits 5-8 the zero run, bits 16-31 the
   * signed value (F.2.2.1 EXTEND). Symbol 0 has {@link #END_OF_BLOCK} added
   * to its {@link #lookup} entry. Otherwise the entry is the {@link #lookup} one (0 for a longer code).
   */
  final int[] fast = new int[1 << LOOKUP_BITS];
  /** Largest code of each length, -1 when there is none. */
  final int[] maxCode = new int[18];
  /** {@code symbols} index of the first code of each length, minus that code. */
  final int[] offset = new int[17];
  final int[] symbols;

  private JpegHuffmanTable(int[] counts, int[] symbols) {
    this.symbols = symbols;
    int code = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      offset[len] = k - code;
      for (int i = 0; i < counts[len]; i++, k++, code++) {
        if (len <= LOOKUP_BITS) {
          int shift = LOOKUP_BITS - len;
          int first = code << shift;
          for (int j = 0; j < 1 << shift; j++) {
            lookup[first + j] = (len << 8) | symbols[k];
            fast[first + j] = fastEntry(len, symbols[k], j, shift);
          }
        }
      }
      maxCode[len] = counts[len] == 0 ? -1 : code - 1;
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  /**
   * The {@link #fast} entry of a code of {@code len} bits for {@code symbol}, followed by the
   * {@code shift} bits {@code after}: with the value when its magnitude bits are among them.
   */
  private static int fastEntry(int len, int symbol, int after, int shift) {
    int size = symbol & 15;
    if (symbol == 0) {
      return END_OF_BLOCK | (len << 8);
    }
    if (size == 0 || size > shift) {
      return (len << 8) | symbol;
    }
    int magnitude = after >> (shift - size);
    int value = magnitude < 1 << (size - 1) ? magnitude - (1 << size) + 1 : magnitude;
    return (value << 16) | HAS_VALUE | ((symbol >> 4) << 5) | (len + size);
  }

  /**
   * The table of a DHT segment: {@code counts[1..16]} codes of each length and their symbols.
   *
   * @throws ImageDecodeException when the counts make more codes of a length than the length holds
   */
  static JpegHuffmanTable of(int[] counts, int[] symbols) throws ImageDecodeException {
    long code = 0;
    for (int len = 1; len <= 16; len++) {
      code = (code + counts[len]) << 1;
      if (code > (1L << (len + 1))) {
        throw new ImageDecodeException("cannot decode JPEG image: Huffman table with " + counts[len]
            + " codes of length " + len + " (more than the length allows)");
      }
    }
    return new JpegHuffmanTable(counts, symbols);
  }
}
