package org.hashfed.node.match;

import java.util.Arrays;

/**
 * Map from ref to slot in primitive arrays (linear probing, backward-shift deletion): at ten
 * million entries a {@code HashMap<Long, Integer>} would cost several times the hashes themselves.
 * Not thread-safe; only the writer touches it.
 */
final class RefSlotMap {

  private static final int EMPTY = -1;
  private static final int MIN_CAPACITY = 16;

  private long[] keys;
  private int[] slots;
  private int size;

  RefSlotMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, (int) Math.min(1 << 30, expected * 4L / 3 + 1)) - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
  }

  int size() {
    return size;
  }

  /** The slot of {@code ref}, or -1. */
  int get(long ref) {
    int mask = slots.length - 1;
    for (int i = index(ref, mask); slots[i] != EMPTY; i = (i + 1) & mask) {
      if (keys[i] == ref) {
        return slots[i];
      }
    }
    return EMPTY;
  }

  /** Maps {@code ref} to {@code slot}; the ref must be absent. */
  void putNew(long ref, int slot) {
    if ((size + 1) * 4L > slots.length * 3L) {
      grow();
    }
    insert(ref, slot);
    size++;
  }

  private void insert(long ref, int slot) {
    int mask = slots.length - 1;
    int i = index(ref, mask);
    while (slots[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = ref;
    slots[i] = slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    allocate(oldSlots.length * 2);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != EMPTY) {
        insert(oldKeys[i], oldSlots[i]);
      }
    }
  }

  /** Removes {@code ref}; returns its slot, or -1 when absent. */
  int remove(long ref) {
    int mask = slots.length - 1;
    int i = index(ref, mask);
    while (slots[i] != EMPTY && keys[i] != ref) {
      i = (i + 1) & mask;
    }
    int removed = slots[i];
    if (removed == EMPTY) {
      return EMPTY;
    }
    // Shift later entries of the probe run back so that lookups never stop at a hole.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
      int home = index(keys[j], mask);
      boolean homeOutsideHoleToJ = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (homeOutsideHoleToJ) {
        keys[hole] = keys[j];
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = EMPTY;
    size--;
    return removed;
  }

  long memoryBytes() {
    return slots.length * 12L;
  }

  private static int index(long ref, int mask) {
    long h = ref * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
