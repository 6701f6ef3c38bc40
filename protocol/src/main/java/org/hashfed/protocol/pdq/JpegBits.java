package org.hashfed.protocol.pdq;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the entropy-coded data of a JPEG scan bit by bit: stuffed {@code FF 00} bytes become
 * {@code FF}, and a marker ends the data. Past the end, as libjpeg does, zeros are fed; reading
 * any of them means the data is truncated or corrupt, which {@link #checkNotPastEnd} reports.
 */
final class JpegBits {

  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final byte[] data;
  private final int end;
  private int pos;
  /** Where the data since the scan's start or its last restart marker begins. */
  private int segmentStart;
  /** The next bits, most significant first. */
  private long acc;
  private int bits;
  /** How many of the last {@code bits} are zeros fed after the data ended. */
  private int fake;
  private boolean atMarker;

  JpegBits(byte[] data, int start, int end) {
    this.data = data;
    this.pos = start;
    this.segmentStart = start;
    this.end = end;
  }

  private void fill() {
    if (!atMarker && pos + 8 <= end) {
      // Eight bytes at once when none of them is FF (no stuffing, no marker): most of a scan's data.
      long word = (long) LONG_BE.get(data, pos);
      long inverted = ~word;
      if (((inverted - ONES) & ~inverted & HIGH_BITS) == 0) {
        int n = (64 - bits) >>> 3;
        if (n > 0) {
          acc |= n == 8 ? word : (word >>> (64 - 8 * n)) << (64 - 8 * n - bits);
          bits += 8 * n;
          pos += n;
        }
        return;
      }
    }
    while (bits <= 56) {
      int b = 0;
      if (atMarker || pos >= end) {
        fake += 8;
      } else {
        b = data[pos] & 0xFF;
        if (b != 0xFF) {
          pos++;
        } else if (pos + 1 < end && data[pos + 1] == 0) {
          pos += 2;
        } else {
          atMarker = true;
          b = 0;
          fake += 8;
        }
      }
      acc |= (long) b << (56 - bits);
      bits += 8;
    }
  }

  /** The next {@code n} (1..16) bits, not consumed. */
  int peek(int n) {
    if (bits < n) {
      fill();
    }
    return (int) (acc >>> (64 - n));
  }

  void skip(int n) {
    acc <<= n;
    bits -= n;
  }

  /** The next bit. */
  int bit() {
    int b = peek(1);
    skip(1);
    return b;
  }

  /** The next {@code n} (0..16) bits as an unsigned number. */
  int bits(int n) {
    if (n == 0) {
      return 0;
    }
    int v = peek(n);
    skip(n);
    return v;
  }

  /** The next {@code n} bits as a JPEG magnitude category's signed value (F.2.2.1 EXTEND). */
  int signed(int n) {
    if (n == 0) {
      return 0;
    }
    int v = peek(n);
    skip(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  /** The next Huffman-coded symbol. */
  int decode(JpegHuffmanTable t) throws ImageDecodeException {
    int look = peek(16);
    int e = t.lookup[look >>> (16 - JpegHuffmanTable.LOOKUP_BITS)];
    if (e != 0) {
      skip(e >>> 8);
      return e & 0xFF;
    }
    return decodeLong(t, look);
  }

  /** The symbol of a code longer than the lookup's, whose first 16 bits are {@code look}. */
  private int decodeLong(JpegHuffmanTable t, int look) throws ImageDecodeException {
    int len = JpegHuffmanTable.LOOKUP_BITS + 1;
    int code = look >>> (16 - len);
    while (code > t.maxCode[len]) {
      len++;
      if (len > 16) {
        throw new ImageDecodeException("cannot decode JPEG image: corrupt data (no Huffman code matches)");
      }
      code = look >>> (16 - len);
    }
    skip(len);
    int i = t.offset[len] + code;
    if (i < 0 || i >= t.symbols.length) {
      throw new ImageDecodeException("cannot decode JPEG image: corrupt data (no Huffman code matches)");
    }
    return t.symbols[i];
  }

  /** The symbol of a {@link JpegHuffmanTable#fast} entry {@code e} without a value, its code consumed. */
  private int symbol(JpegHuffmanTable t, int e) throws ImageDecodeException {
    if (e != 0) {
      skip((e >>> 8) & 31);
      return e & 0xFF;
    }
    return decodeLong(t, peek(16));
  }

  /** The next {@link JpegHuffmanTable#fast} entry; at least 32 bits are buffered when it returns. */
  private int fastEntry(JpegHuffmanTable t) {
    if (bits < 32) {
      fill();
    }
    return t.fast[(int) (acc >>> (64 - JpegHuffmanTable.LOOKUP_BITS))];
  }

  /** The DC difference of a sequential block (F.2.2.1): its magnitude category's code, then its bits. */
  int dcDifference(JpegHuffmanTable t) throws ImageDecodeException {
    int e = fastEntry(t);
    if ((e & (JpegHuffmanTable.HAS_VALUE | 0x1E0)) == JpegHuffmanTable.HAS_VALUE) {
      skip(e & 31);
      return e >> 16;
    }
    int s = symbol(t, e);
    if (s > 15) {
      throw new ImageDecodeException("cannot decode JPEG image: corrupt data (DC magnitude category " + s + ")");
    }
    return signed(s);
  }

  /**
   * The AC coefficients 1..63 of a sequential block (F.2.2.2), each times {@code multipliers[z]}
   * written to {@code block[z]} at its natural index {@code z}; returns the zigzag index of the
   * last one (at most 63), 0 when there is none.
   */
  int acCoefficients(JpegHuffmanTable t, int[] multipliers, long[] block) throws ImageDecodeException {
    // The bit buffer lives in locals for the block's loop (written back around the rare calls):
    // as fields, every code's shift went through memory.
    int[] fast = t.fast;
    long a = acc;
    int n = bits;
    int last = 0;
    for (int k = 1; k < 64; k++) {
      if (n < 32) {
        acc = a;
        bits = n;
        fill();
        a = acc;
        n = bits;
      }
      int e = fast[(int) (a >>> (64 - JpegHuffmanTable.LOOKUP_BITS))];
      int value;
      if ((e & JpegHuffmanTable.HAS_VALUE) != 0) {
        int used = e & 31;
        a <<= used;
        n -= used;
        k += (e >> 5) & 15;
        value = e >> 16;
      } else if ((e & JpegHuffmanTable.END_OF_BLOCK) != 0) {
        int used = (e >>> 8) & 31;
        a <<= used;
        n -= used;
        break;
      } else {
        acc = a;
        bits = n;
        int rs = symbol(t, e);
        int s = rs & 15;
        if (s == 0) {
          a = acc;
          n = bits;
          if (rs != 0xF0) {
            break;
          }
          k += 15;
          continue;
        }
        k += rs >> 4;
        value = signed(s);
        a = acc;
        n = bits;
      }
      // A corrupt run can point past 63: NATURAL is padded, and the block's last entry takes it.
      int z = JpegLumaDecoder.NATURAL[k];
      block[z] = (long) value * multipliers[z];
      last = k;
    }
    acc = a;
    bits = n;
    return Math.min(last, 63);
  }

  /** Reads past the AC coefficients of a sequential block, as {@link #acCoefficients} without keeping them. */
  void skipAc(JpegHuffmanTable t) throws ImageDecodeException {
    int[] fast = t.fast;
    long a = acc;
    int n = bits;
    for (int k = 1; k < 64; k++) {
      if (n < 32) {
        acc = a;
        bits = n;
        fill();
        a = acc;
        n = bits;
      }
      int e = fast[(int) (a >>> (64 - JpegHuffmanTable.LOOKUP_BITS))];
      if ((e & JpegHuffmanTable.HAS_VALUE) != 0) {
        int used = e & 31;
        a <<= used;
        n -= used;
        k += (e >> 5) & 15;
        continue;
      }
      if ((e & JpegHuffmanTable.END_OF_BLOCK) != 0) {
        int used = (e >>> 8) & 31;
        a <<= used;
        n -= used;
        break;
      }
      acc = a;
      bits = n;
      int rs = symbol(t, e);
      int s = rs & 15;
      if (s == 0) {
        a = acc;
        n = bits;
        if (rs != 0xF0) {
          break;
        }
        k += 15;
        continue;
      }
      k += rs >> 4;
      skip(s);
      a = acc;
      n = bits;
    }
    acc = a;
    bits = n;
  }

  /**
   * Throws when bits past the end of the data were read: the file was cut short or its data is
   * corrupt (libjpeg warns "premature end of data segment" and decodes grey).
   */
  void checkNotPastEnd() throws ImageDecodeException {
    if (bits < fake) {
      throw new ImageDecodeException("cannot decode JPEG image: truncated (premature end of data segment)");
    }
  }

  /**
   * Steps over the restart marker that must come next, dropping the bits left in the current byte.
   *
   * @throws ImageDecodeException when the next marker is not {@code RSTn}
   */
  void restart(int n) throws ImageDecodeException {
    checkNotPastEnd();
    // The unread whole bytes in the buffer went past pos already: give them back.
    pos = Math.max(segmentStart, pos - (bits - fake) / 8);
    // Stuffed FF 00 pairs count two bytes each: rewinding by count alone would land inside one.
    // The buffer is refilled from the marker, found by a forward scan from the rewound position.
    while (pos < end && !(data[pos] == (byte) 0xFF && pos + 1 < end && data[pos + 1] != 0)) {
      pos++;
    }
    while (pos + 2 < end && data[pos + 1] == (byte) 0xFF) {
      pos++; // fill bytes before the marker
    }
    int expected = 0xD0 + (n & 7);
    int found = pos + 1 < end ? data[pos + 1] & 0xFF : -1;
    if (found != expected) {
      throw new ImageDecodeException("cannot decode JPEG image: corrupt data (expected restart marker 0x"
          + Integer.toHexString(expected) + ", found " + (found < 0 ? "the end of the file" : "0x" + Integer.toHexString(found)) + ")");
    }
    pos += 2;
    segmentStart = pos;
    acc = 0;
    bits = 0;
    fake = 0;
    atMarker = false;
  }

  /** Where the scan's data ended: the position of the marker that follows it, or the end. */
  int markerPosition() {
    // The whole bytes still in the buffer were read from before pos (two file bytes each where stuffed).
    int p = Math.max(segmentStart, pos - (bits - fake) / 8);
    while (p < end && !(data[p] == (byte) 0xFF && p + 1 < end && data[p + 1] != 0 && data[p + 1] != (byte) 0xFF)) {
      p++;
    }
    return p;
  }
}
