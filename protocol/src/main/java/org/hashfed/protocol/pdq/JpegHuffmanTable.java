package org.hashfed.protocol.pdq;

/**
 * One Huffman table of a JPEG (a DHT segment's class and id), with a lookup of the codes of up to
 * {@value #LOOKUP_BITS} bits, which are nearly all of them, and the canonical-code limits for longer ones.
 */
final class JpegHuffmanTable {

  static final int LOOKUP_BITS = 9;

  /** {@code (length << 8) | symbol} for every code of up to LOOKUP_BITS bits, indexed by its bits padded; 0 for none. */
  final int[] lookup = new int[1 << LOOKUP_BITS];
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
          }
        }
      }
      maxCode[len] = counts[len] == 0 ? -1 : code - 1;
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
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
