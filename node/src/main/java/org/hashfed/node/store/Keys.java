package org.hashfed.node.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Key encodings of the column families; big-endian numbers so byte order is numeric order. */
final class Keys {

  static final int ID_LENGTH = 32;

  private Keys() {}

  static byte[] entryId(byte[] id) {
    if (id.length != ID_LENGTH) {
      throw new IllegalArgumentException("entry id of " + id.length + " bytes (expected: 32)");
    }
    return id.clone();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] feedPrefix(String member) {
    byte[] m = utf8(member);
    return ByteBuffer.allocate(m.length + 1).put(m).put((byte) 0).array();
  }

  /** The smallest key after every key of {@code member}'s feed: the next member's feed starts there. */
  static byte[] afterFeed(String member) {
    byte[] p = feedPrefix(member);
    p[p.length - 1] = 1;
    return p;
  }

  static byte[] feed(String member, long seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("feed seq " + seq + " (expected: >= 1)");
    }
    byte[] p = feedPrefix(member);
    return ByteBuffer.allocate(p.length + Long.BYTES).put(p).putLong(seq).array();
  }

  static long feedSeq(byte[] key) {
    return ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
  }

  static String feedMember(byte[] key) {
    return new String(key, 0, key.length - Long.BYTES - 1, StandardCharsets.UTF_8);
  }

  static byte[] signalPrefix(String type, String value) {
    byte[] t = utf8(type);
    byte[] v = utf8(value);
    return ByteBuffer.allocate(t.length + v.length + 2).put(t).put((byte) 0).put(v).put((byte) 0).array();
  }

  static byte[] signal(String type, String value, byte[] entryId) {
    byte[] p = signalPrefix(type, value);
    return ByteBuffer.allocate(p.length + ID_LENGTH).put(p).put(entryId(entryId)).array();
  }

  static byte[] ref(byte[] target, byte[] source) {
    return ByteBuffer.allocate(2 * ID_LENGTH).put(entryId(target)).put(entryId(source)).array();
  }

  static byte[] event(long seq) {
    if (seq < 1) {
      throw new IllegalArgumentException("event seq " + seq + " (expected: >= 1)");
    }
    return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
  }

  static long eventSeq(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  static byte[] suffix(byte[] key, int length) {
    return Arrays.copyOfRange(key, key.length - length, key.length);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
