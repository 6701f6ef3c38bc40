package org.hashfed.node.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout of the store's log family; one leading byte per record kind, numbers big-endian so
 * that byte order is numeric order.
 */
final class LogKeys {

  /** {@code 'n' level index -> 32-byte hash}: complete subtree hashes. */
  private static final byte NODE = 'n';
  /** {@code 'l' index -> leaf reference}: what leaf {@code index} holds. */
  private static final byte LEAF = 'l';
  /** {@code 'i' entry id -> index}: where an entry is in the log. */
  private static final byte ID = 'i';
  /** {@code 'w' origin -> signed note}: the last checkpoint this node cosigned for a peer's log, with its cosignature. */
  static final byte WITNESSED = 'w';
  /** {@code 'r' version -> index}: the leaf that holds a roster version. */
  private static final byte ROSTER = 'r';
  /** {@code 'q' member 0x00 seq -> index}: the leaf that holds equivocation evidence. */
  private static final byte EQUIVOCATION = 'q';
  /** {@code 'e' origin 0x00 time -> JSON}: split-view evidence against a peer's log. */
  static final byte SPLIT_VIEW = 'e';

  static final byte[] SIZE = {'s'};
  static final byte[] CHECKPOINT = {'c'};

  private LogKeys() {}

  static byte[] node(int level, long index) {
    return ByteBuffer.allocate(10).put(NODE).put((byte) level).putLong(index).array();
  }

  static byte[] leaf(long index) {
    return ByteBuffer.allocate(9).put(LEAF).putLong(index).array();
  }

  static byte[] entryId(byte[] id) {
    return ByteBuffer.allocate(1 + id.length).put(ID).put(id).array();
  }

  static byte[] witnessed(String origin) {
    return prefixed(WITNESSED, origin.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] splitView(String origin, long nanos) {
    byte[] o = origin.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + o.length + Long.BYTES).put(SPLIT_VIEW).put(o).put((byte) 0).putLong(nanos).array();
  }

  static byte[] roster(long version) {
    return ByteBuffer.allocate(9).put(ROSTER).putLong(version).array();
  }

  static byte[] equivocation(String member, long seq) {
    byte[] m = member.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + m.length + Long.BYTES).put(EQUIVOCATION).put(m).put((byte) 0).putLong(seq).array();
  }

  static byte[] prefix(byte kind) {
    return new byte[] {kind};
  }

  static byte[] number(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  static long number(byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      throw new IllegalStateException("log record of " + bytes.length + " bytes where a number was expected (8 bytes)");
    }
    return ByteBuffer.wrap(bytes).getLong();
  }

  private static byte[] prefixed(byte kind, byte[] rest) {
    return ByteBuffer.allocate(1 + rest.length).put(kind).put(rest).array();
  }
}
