package org.hashfed.node.match;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import org.hashfed.node.snapshot.SnapshotFormatException;
import org.hashfed.node.snapshot.SnapshotInput;
import org.hashfed.node.snapshot.SnapshotOutput;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * Append-only slots of (ref, hash) in chunked primitive arrays, with a removal bit per slot.
 *
 * <p>Slots never move, so readers holding an older {@link View} stay valid while the writer
 * appends: chunks are filled before the view that covers them is published, and growing the outer
 * arrays copies only chunk pointers. Mutators are called by one writer at a time.
 */
final class HashStore {

  // 8192 hashes make a 256 KiB chunk of words: below half a G1 region even at the smallest (1 MiB)
  // region size, so chunks are not humongous objects that would each waste the rest of a region.
  static final int CHUNK_BITS = 13;
  static final int CHUNK = 1 << CHUNK_BITS;
  static final int CHUNK_MASK = CHUNK - 1;

  private long[][] words = new long[8][];
  private long[][] refs = new long[8][];
  private AtomicLongArray[] removed = new AtomicLongArray[8];
  private final RefSlotMap slotsByRef;
  private int count;
  private int removedCount;

  HashStore(int expected) {
    slotsByRef = new RefSlotMap(expected, this::refAt);
  }

  private HashStore(long[][] words, long[][] refs, AtomicLongArray[] removed, int count, int removedCount,
      int[] slotTable, int mapped) throws SnapshotFormatException {
    this.words = words;
    this.refs = refs;
    this.removed = removed;
    this.count = count;
    this.removedCount = removedCount;
    this.slotsByRef = RefSlotMap.restore(slotTable, mapped, count, this::refAt);
  }

  private long refAt(int slot) {
    return refs[slot >>> CHUNK_BITS][slot & CHUNK_MASK];
  }

  /** Appends a hash and returns its slot. */
  int append(long ref, PdqHash hash) {
    if (slotsByRef.get(ref) >= 0) {
      throw new IllegalArgumentException("ref " + ref + " is already indexed (expected: a ref not yet added)");
    }
    if (count == Integer.MAX_VALUE) {
      throw new IllegalStateException("PDQ store is full at " + count + " slots");
    }
    int slot = count;
    int chunk = slot >>> CHUNK_BITS;
    if (chunk == words.length) {
      words = Arrays.copyOf(words, chunk * 2);
      refs = Arrays.copyOf(refs, chunk * 2);
      removed = Arrays.copyOf(removed, chunk * 2);
    }
    if (words[chunk] == null) {
      words[chunk] = new long[CHUNK * 4];
      refs[chunk] = new long[CHUNK];
      removed[chunk] = new AtomicLongArray(CHUNK / 64);
    }
    int at = slot & CHUNK_MASK;
    for (int i = 0; i < 4; i++) {
      words[chunk][at * 4 + i] = hash.word(i);
    }
    refs[chunk][at] = ref;
    slotsByRef.putNew(ref, slot);
    count++;
    return slot;
  }

  /** Marks the slot of {@code ref} removed; returns whether the ref was present. */
  boolean remove(long ref) {
    int slot = slotsByRef.remove(ref);
    if (slot < 0) {
      return false;
    }
    AtomicLongArray bits = removed[slot >>> CHUNK_BITS];
    int at = slot & CHUNK_MASK;
    bits.getAndUpdate(at >>> 6, w -> w | (1L << at));
    removedCount++;
    return true;
  }

  /** The hash under {@code ref}, or null when it is absent or removed. */
  PdqHash hashOf(long ref) {
    int slot = slotsByRef.get(ref);
    return slot < 0 ? null : view().hash(slot);
  }

  int count() {
    return count;
  }

  int liveCount() {
    return count - removedCount;
  }

  int removedCount() {
    return removedCount;
  }

  /** A new store holding only the live slots, in the same order. */
  HashStore compacted() {
    HashStore copy = new HashStore(liveCount());
    View view = view();
    for (int slot = 0; slot < count; slot++) {
      if (view.isLive(slot)) {
        copy.append(view.ref(slot), view.hash(slot));
      }
    }
    return copy;
  }

  View view() {
    return new View(words, refs, removed, count);
  }

  /**
   * The slots as they are now, for a snapshot: the hash and ref columns are shared (slots below
   * the count never change), the removal bits and the ref-to-slot table copied. Call while no
   * writer changes the store.
   */
  Frozen freeze() {
    long[] bits = new long[(count + 63) >>> 6];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = removed[i >>> (CHUNK_BITS - 6)].get(i & ((CHUNK >>> 6) - 1));
    }
    return new Frozen(words, refs, bits, count, removedCount, slotsByRef.table(), slotsByRef.size());
  }

  /** A store's slots taken by {@link #freeze}, written by {@link #writeTo}. */
  record Frozen(long[][] words, long[][] refs, long[] removedBits, int count, int removedCount, int[] slotTable,
      int mapped) {

    /** Writes the count, the hash words, the refs, the removal bits and the ref-to-slot table. */
    void writeTo(SnapshotOutput out) throws IOException {
      out.writeInt(count);
      out.writeInt(removedCount);
      for (int from = 0; from < count; from += CHUNK) {
        out.writeLongs(words[from >>> CHUNK_BITS], 0, Math.min(CHUNK, count - from) * 4);
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeLongs(refs[from >>> CHUNK_BITS], 0, Math.min(CHUNK, count - from));
      }
      out.writeLongs(removedBits, 0, removedBits.length);
      out.writeInt(slotTable.length);
      out.writeInt(mapped);
      out.writeInts(slotTable, 0, slotTable.length);
    }
  }

  /**
   * Reads what {@link Frozen#writeTo} wrote, checking each length against what the file holds and
   * the ref-to-slot table against the slots.
   */
  static HashStore readFrom(SnapshotInput in) throws IOException, SnapshotFormatException {
    // a slot takes 40 bytes of the file (four words and a ref)
    int count = in.readCount("PDQ slot", Integer.MAX_VALUE, 40);
    int removedCount = in.readInt();
    if (removedCount < 0 || removedCount > count) {
      throw new SnapshotFormatException("removed PDQ slot count " + removedCount + " (expected: 0.." + count + ")");
    }
    int chunks = (count + CHUNK - 1) >>> CHUNK_BITS;
    int outer = Math.max(8, Integer.highestOneBit(Math.max(1, chunks)) << 1);
    long[][] words = new long[outer][];
    long[][] refs = new long[outer][];
    AtomicLongArray[] removed = new AtomicLongArray[outer];
    for (int c = 0; c < chunks; c++) {
      words[c] = new long[CHUNK * 4];
      in.readLongs(words[c], 0, Math.min(CHUNK, count - c * CHUNK) * 4);
    }
    for (int c = 0; c < chunks; c++) {
      refs[c] = new long[CHUNK];
      in.readLongs(refs[c], 0, Math.min(CHUNK, count - c * CHUNK));
    }
    long[] bits = new long[(count + 63) >>> 6];
    in.readLongs(bits, 0, bits.length);
    int marked = 0;
    for (int c = 0; c < chunks; c++) {
      long[] chunkBits = new long[CHUNK >>> 6];
      int from = c * (CHUNK >>> 6);
      System.arraycopy(bits, from, chunkBits, 0, Math.min(chunkBits.length, bits.length - from));
      removed[c] = new AtomicLongArray(chunkBits);
    }
    for (long b : bits) {
      marked += Long.bitCount(b);
    }
    if (marked != removedCount) {
      throw new SnapshotFormatException(marked + " PDQ slots are marked removed but the count says " + removedCount);
    }
    int tableLength = in.readCount("ref-to-slot table", 1 << 30, Integer.BYTES);
    int mapped = in.readInt();
    int[] table = new int[tableLength];
    in.readInts(table, 0, tableLength);
    if (mapped != count - removedCount) {
      throw new SnapshotFormatException("the ref-to-slot table maps " + mapped + " refs but " + (count - removedCount)
          + " PDQ slots are live");
    }
    return new HashStore(words, refs, removed, count, removedCount, table, mapped);
  }

  long memoryBytes() {
    long chunks = 0;
    for (long[] chunk : words) {
      if (chunk != null) {
        chunks++;
      }
    }
    return chunks * (CHUNK * 4L * 8 + CHUNK * 8L + CHUNK / 8) + slotsByRef.memoryBytes();
  }

  /** What a reader may look at: slots {@code 0 .. count - 1} as they were when the view was taken. */
  static final class View {
    private final long[][] words;
    private final long[][] refs;
    private final AtomicLongArray[] removed;
    final int count;

    private View(long[][] words, long[][] refs, AtomicLongArray[] removed, int count) {
      this.words = words;
      this.refs = refs;
      this.removed = removed;
      this.count = count;
    }

    long ref(int slot) {
      return refs[slot >>> CHUNK_BITS][slot & CHUNK_MASK];
    }

    boolean isLive(int slot) {
      int at = slot & CHUNK_MASK;
      return (removed[slot >>> CHUNK_BITS].get(at >>> 6) & (1L << at)) == 0;
    }

    /** Substring {@code j} of the hash in {@code slot}, as {@link SubstringTables} cuts hashes. */
    int substring(int slot, int j) {
      long[] chunk = words[slot >>> CHUNK_BITS];
      int at = (slot & CHUNK_MASK) << 2;
      return SubstringTables.substring(chunk[at], chunk[at + 1], chunk[at + 2], chunk[at + 3], j);
    }

    int distance(int slot, long[] query) {
      long[] chunk = words[slot >>> CHUNK_BITS];
      int at = (slot & CHUNK_MASK) << 2;
      return Long.bitCount(chunk[at] ^ query[0])
          + Long.bitCount(chunk[at + 1] ^ query[1])
          + Long.bitCount(chunk[at + 2] ^ query[2])
          + Long.bitCount(chunk[at + 3] ^ query[3]);
    }

    PdqHash hash(int slot) {
      long[] chunk = words[slot >>> CHUNK_BITS];
      int at = (slot & CHUNK_MASK) << 2;
      return PdqHash.ofWords(chunk[at], chunk[at + 1], chunk[at + 2], chunk[at + 3]);
    }

    /** Adds every live slot in {@code from .. to - 1} within {@code maxDistance} of the query. */
    void scan(int from, int to, long[] query, int maxDistance, MatchCollector out) {
      long q0 = query[0];
      long q1 = query[1];
      long q2 = query[2];
      long q3 = query[3];
      int slot = from;
      while (slot < to) {
        long[] chunk = words[slot >>> CHUNK_BITS];
        int end = Math.min(to, (slot | CHUNK_MASK) + 1);
        for (int at = (slot & CHUNK_MASK) << 2; slot < end; slot++, at += 4) {
          int d = Long.bitCount(chunk[at] ^ q0)
              + Long.bitCount(chunk[at + 1] ^ q1)
              + Long.bitCount(chunk[at + 2] ^ q2)
              + Long.bitCount(chunk[at + 3] ^ q3);
          if (d <= maxDistance && isLive(slot)) {
            out.add(this, slot, d);
          }
        }
      }
    }
  }
}
