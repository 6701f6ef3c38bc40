package org.hashfed.node.match;

import java.util.Arrays;
import org.hashfed.node.snapshot.SnapshotFormatException;

/**
 * Map from ref to slot in one primitive array of slots (linear probing, backward-shift deletion):
 * the refs themselves are read from the store's ref column through {@link SlotRefs}, so a mapping
 * costs 4 bytes a table entry instead of the 12 it took with its own copy of the ref (about 130 MB
 * less at ten million hashes). A {@code HashMap<Long, Integer>} would cost several times the hashes.
 * Not thread-safe; only the writer touches it.
 */
final class RefSlotMap {

  /** The ref stored in a slot; must answer for every slot the map holds. */
  @FunctionalInterface
  interface SlotRefs {
    long ref(int slot);
  }

  private static final int EMPTY = -1;
  private static final int MIN_CAPACITY = 16;

  private final SlotRefs refs;
  private int[] slots;
  private int size;

  RefSlotMap(int expected, SlotRefs refs) {
    this.refs = refs;
    int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, (int) Math.min(1 << 30, expected * 4L / 3 + 1)) - 1) << 1;
    slots = new int[capacity];
    Arrays.fill(slots, EMPTY);
  }

  private RefSlotMap(int[] slots, int size, SlotRefs refs) {
    this.refs = refs;
    this.slots = slots;
    this.size = size;
  }

  /**
   * The map whose table a snapshot held: checks that it is a power of two long, that every entry
   * is empty or a slot below {@code slotCount}, and that {@code size} entries are used.
   */
  static RefSlotMap restore(int[] slots, int size, int slotCount, SlotRefs refs) throws SnapshotFormatException {
    if (slots.length < MIN_CAPACITY || Integer.bitCount(slots.length) != 1) {
      throw new SnapshotFormatException("ref-to-slot table of " + slots.length
          + " entries (expected: a power of two, at least " + MIN_CAPACITY + ")");
    }
    int used = 0;
    for (int slot : slots) {
      if (slot != EMPTY) {
        if (slot < 0 || slot >= slotCount) {
          throw new SnapshotFormatException("ref-to-slot table names slot " + slot + " (expected: 0.." + (slotCount - 1) + ")");
        }
        used++;
      }
    }
    if (used != size || (long) size * 4 > (long) slots.length * 3) {
      throw new SnapshotFormatException("ref-to-slot table uses " + used + " of " + slots.length
          + " entries (expected: " + size + ", at most three quarters)");
    }
    return new RefSlotMap(slots, size, refs);
  }

  /** A copy of the table, for a snapshot. */
  int[] table() {
    return slots.clone();
  }

  int size() {
    return size;
  }

  /** The slot of {@code ref}, or -1. */
  int get(long ref) {
    int mask = slots.length - 1;
    for (int i = index(ref, mask); slots[i] != EMPTY; i = (i + 1) & mask) {
      if (refs.ref(slots[i]) == ref) {
        return slots[i];
      }
    }
    return EMPTY;
  }

  /** Maps {@code ref} to {@code slot}, whose ref the store already holds; the ref must be absent. */
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
    slots[i] = slot;
  }

  private void grow() {
    int[] old = slots;
    slots = new int[old.length * 2];
    Arrays.fill(slots, EMPTY);
    for (int slot : old) {
      if (slot != EMPTY) {
        insert(refs.ref(slot), slot);
      }
    }
  }

  /** Removes {@code ref}; returns its slot, or -1 when absent. */
  int remove(long ref) {
    int mask = slots.length - 1;
    int i = index(ref, mask);
    while (slots[i] != EMPTY && refs.ref(slots[i]) != ref) {
      i = (i + 1) & mask;
    }
    int removed = slots[i];
    if (removed == EMPTY) {
      return EMPTY;
    }
    // Shift later entries of the probe run back so that lookups never stop at a hole.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
      int home = index(refs.ref(slots[j]), mask);
      boolean homeOutsideHoleToJ = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (homeOutsideHoleToJ) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = EMPTY;
    size--;
    return removed;
  }

  long memoryBytes() {
    return slots.length * 4L;
  }

  private static int index(long ref, int mask) {
    long h = ref * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
