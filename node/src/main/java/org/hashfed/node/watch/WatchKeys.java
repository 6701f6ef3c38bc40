package org.hashfed.node.watch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layout of the store's watch family, one prefix byte per kind of record: time records
 * ({@code 't'}, uploaded-at epoch millis big-endian, content id -> item slot) in upload order for
 * expiry and for finding an item recorded again; item records ({@code 's'}, item slot -> item
 * JSON), read back only for a hit; pending retro-hunt checks ({@code 'p'}, seq -> check).
 */
final class WatchKeys {

  static final byte[] TIME = {'t'};
  static final byte[] ITEM = {'s'};
  static final byte[] PENDING = {'p'};
  /** Items stored before the prefixes: uploaded-at millis (a first byte of 0 until the year 2,200,000), content id -> JSON. */
  static final byte[] UNPREFIXED = {0};

  private WatchKeys() {}

  static byte[] time(long uploadedMillis, String contentId) {
    byte[] id = contentId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + Long.BYTES + id.length).put(TIME[0]).putLong(uploadedMillis).put(id).array();
  }

  static long timeMillis(byte[] timeKey) {
    return ByteBuffer.wrap(timeKey, 1, Long.BYTES).getLong();
  }

  static byte[] item(int slot) {
    return ByteBuffer.allocate(1 + Integer.BYTES).put(ITEM[0]).putInt(slot).array();
  }

  static int itemSlot(byte[] itemKey) {
    return ByteBuffer.wrap(itemKey, 1, Integer.BYTES).getInt();
  }

  static byte[] slotValue(int slot) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(slot).array();
  }

  static int slotOf(byte[] slotValue) {
    return ByteBuffer.wrap(slotValue).getInt();
  }

  static byte[] pending(long seq) {
    return ByteBuffer.allocate(1 + Long.BYTES).put(PENDING[0]).putLong(seq).array();
  }

  static long pendingSeq(byte[] pendingKey) {
    return ByteBuffer.wrap(pendingKey, 1, Long.BYTES).getLong();
  }
}
