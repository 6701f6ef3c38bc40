package org.hashfed.node.watch;

import java.util.Arrays;

/**
 * The watch list's item slots: the upload time of the item in each, in chunked long arrays, and
 * the slots freed by expiry for the next items to reuse, so that ten million items cost eight
 * bytes each and no object. A slot is free, reserved (taken for an item being stored, not yet
 * matchable) or held. Not thread-safe: the watch list serialises every call.
 */
final class ItemSlots {

  /** Upload time of a slot that holds no matchable item. */
  static final long NONE = Long.MIN_VALUE;

  private static final int CHUNK_BITS = 14;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;

  private final int maxSlots;
  private long[][] uploaded = new long[0][];
  private int high;
  private int held;
  private int[] free = new int[64];
  private int freeCount;

  ItemSlots(int maxSlots) {
    this.maxSlots = maxSlots;
  }

  /** Items held. */
  int held() {
    return held;
  }

  /** Takes a free slot for an item about to be stored. */
  int reserve() {
    if (freeCount > 0) {
      return free[--freeCount];
    }
    if (high == maxSlots) {
      throw new IllegalStateException("watch list item slots exhausted at " + high + " (expected: a capacity check first)");
    }
    ensure(high);
    return high++;
  }

  /** Makes {@code slot} hold an item uploaded at {@code uploadedMillis}; a slot loaded from the store may be any. */
  void hold(int slot, long uploadedMillis) {
    if (slot < 0 || slot >= maxSlots) {
      throw new IllegalArgumentException("item slot " + slot + " (expected: 0 to " + (maxSlots - 1) + ")");
    }
    ensure(slot);
    high = Math.max(high, slot + 1);
    long[] chunk = uploaded[slot >>> CHUNK_BITS];
    if (chunk[slot & CHUNK_MASK] == NONE) {
      held++;
    }
    chunk[slot & CHUNK_MASK] = uploadedMillis;
  }

  /** Returns {@code slot}, reserved or held, to the free slots. */
  void release(int slot) {
    long[] chunk = uploaded[slot >>> CHUNK_BITS];
    if (chunk[slot & CHUNK_MASK] != NONE) {
      held--;
      chunk[slot & CHUNK_MASK] = NONE;
    }
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = slot;
  }

  /** After loading slots from the store: every slot below the highest that holds nothing becomes free. */
  void freeUnheld() {
    for (int slot = high - 1; slot >= 0; slot--) {
      if (uploaded(slot) == NONE) {
        release(slot);
      }
    }
  }

  /** When the item in {@code slot} was uploaded, or {@link #NONE}. */
  long uploaded(int slot) {
    if (slot >= high) {
      return NONE;
    }
    return uploaded[slot >>> CHUNK_BITS][slot & CHUNK_MASK];
  }

  private void ensure(int slot) {
    int chunk = slot >>> CHUNK_BITS;
    if (chunk >= uploaded.length) {
      uploaded = Arrays.copyOf(uploaded, Math.max(8, Math.max(chunk + 1, uploaded.length * 2)));
    }
    if (uploaded[chunk] == null) {
      // a slot loaded from the store may skip chunks: every chunk below it is made too
      for (int c = 0; c <= chunk; c++) {
        if (uploaded[c] == null) {
          uploaded[c] = new long[CHUNK];
          Arrays.fill(uploaded[c], NONE);
        }
      }
    }
  }
}
