package org.hashfed.node.events;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A position in one node's event log: opaque to clients, base64url of the log's epoch (8 bytes,
 * random, made with the log) and the seq of the last event seen (8 bytes big-endian), so that a
 * cursor of a replaced store is recognised instead of silently pointing elsewhere.
 */
public final class Cursor {

  private static final int LENGTH = 2 * Long.BYTES;

  private final long epoch;
  private final long seq;

  private Cursor(long epoch, long seq) {
    this.epoch = epoch;
    this.seq = seq;
  }

  static Cursor of(long epoch, long seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("event seq " + seq + " (expected: >= 0)");
    }
    return new Cursor(epoch, seq);
  }

  /**
   * Parses a cursor as {@link #toString} writes it.
   *
   * @throws IllegalArgumentException naming the value when it is not one
   */
  public static Cursor parse(String text) {
    byte[] b;
    try {
      b = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor \"" + text + "\" is not base64url (expected: the \"next\" or "
          + "\"cursor\" of an earlier response)", e);
    }
    if (b.length != LENGTH) {
      throw new IllegalArgumentException("cursor \"" + text + "\" has " + b.length + " bytes (expected: the \"next\" "
          + "or \"cursor\" of an earlier response)");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    long epoch = buf.getLong();
    long seq = buf.getLong();
    if (seq < 0) {
      throw new IllegalArgumentException("cursor \"" + text + "\" is damaged (expected: the \"next\" or \"cursor\" of "
          + "an earlier response)");
    }
    return new Cursor(epoch, seq);
  }

  /** The 16 bytes of the text form. */
  byte[] toBytes() {
    return ByteBuffer.allocate(LENGTH).putLong(epoch).putLong(seq).array();
  }

  /** The cursor of the first 16 bytes of {@code b} (an export token starts with one). */
  static Cursor fromBytes(byte[] b) {
    ByteBuffer buf = ByteBuffer.wrap(b, 0, LENGTH);
    return of(buf.getLong(), buf.getLong());
  }

  /** The length of {@link #toBytes()}. */
  static int length() {
    return LENGTH;
  }

  long epoch() {
    return epoch;
  }

  long seq() {
    return seq;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cursor c && c.epoch == epoch && c.seq == seq;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epoch) * 31 + Long.hashCode(seq);
  }

  /** The opaque text form. */
  @Override
  public String toString() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
  }
}
