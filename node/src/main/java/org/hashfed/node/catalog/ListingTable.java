package org.hashfed.node.catalog;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * The catalog's listings by ref (0, 1, 2, ... in the order they were added), in chunked primitive
 * columns: entry id, member, time, expiry, label set, signal type and quality, about 60 bytes a
 * listing where a {@link Listing} with its ids, strings and boxes took about 400. Members and label
 * sets are stored once each and referred to by number; the rare incident ids and the signals the
 * PDQ index does not hold (md5, sha256, vpdq) sit in side maps. A {@link Listing} is made only for
 * a listing a caller asks for (a match's few hits).
 *
 * <p>One writer at a time (the methods that change it are synchronized); readers never lock: a
 * change is published by a volatile write after its columns are written, rows never move, and
 * growing the outer arrays copies only chunk pointers. Rows of removed listings stay (marked
 * removed) until the next start-up, as the PDQ index keeps their slots until it compacts.
 */
final class ListingTable {

  // 8192 rows per chunk: the largest column chunk (ids, 256 KiB) stays below half of the smallest
  // G1 region, so no chunk is a humongous object.
  private static final int CHUNK_BITS = 13;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final int ID_WORDS = 4;
  private static final byte REMOVED = 0;
  private static final byte NO_QUALITY = -1;
  private static final long NO_EXPIRY = Long.MIN_VALUE;
  private static final int EMPTY = 0;
  private static final SignalType[] TYPES = SignalType.values();

  private long[][] ids = new long[8][];
  private long[][] times = new long[8][];
  private long[][] expiries = new long[8][];
  private int[][] members = new int[8][];
  private int[][] labelSets = new int[8][];
  private byte[][] types = new byte[8][];
  private byte[][] qualities = new byte[8][];
  private final Values<MemberId> memberValues = new Values<>();
  private final Values<List<Label>> labelSetValues = new Values<>();
  private final Map<Integer, String> incidents = new ConcurrentHashMap<>();
  private final Map<Integer, Signal> signals = new ConcurrentHashMap<>();
  // Open addressing from entry id to ref + 1 (0 is empty), probed by the id's first word; the ids
  // themselves are compared in their column. Read and written under this table's lock.
  private int[] byId;
  private int count;
  // Volatile so that size() never waits for a writer (growing the id table takes a while at millions).
  private volatile int live;
  private volatile int published;

  ListingTable(int expected) {
    byId = new int[capacityFor(expected)];
  }

  private static int capacityFor(int expected) {
    long wanted = Math.max(16, expected * 4L / 3 + 1);
    return (int) Math.min(1 << 30, Long.highestOneBit(wanted - 1) << 1);
  }

  /** Adds a listing and returns its ref, or -1 when its entry is already present. */
  synchronized int add(Listing l) {
    long[] id = words(l.entryId());
    if (find(id) >= 0) {
      return -1;
    }
    int ref = count;
    int chunk = ref >>> CHUNK_BITS;
    if (chunk == ids.length) {
      int n = chunk * 2;
      ids = Arrays.copyOf(ids, n);
      times = Arrays.copyOf(times, n);
      expiries = Arrays.copyOf(expiries, n);
      members = Arrays.copyOf(members, n);
      labelSets = Arrays.copyOf(labelSets, n);
      types = Arrays.copyOf(types, n);
      qualities = Arrays.copyOf(qualities, n);
    }
    if (ids[chunk] == null) {
      ids[chunk] = new long[CHUNK * ID_WORDS];
      times[chunk] = new long[CHUNK];
      expiries[chunk] = new long[CHUNK];
      members[chunk] = new int[CHUNK];
      labelSets[chunk] = new int[CHUNK];
      types[chunk] = new byte[CHUNK];
      qualities[chunk] = new byte[CHUNK];
    }
    int at = ref & CHUNK_MASK;
    System.arraycopy(id, 0, ids[chunk], at * ID_WORDS, ID_WORDS);
    times[chunk][at] = l.submittedAt().getEpochSecond();
    expiries[chunk][at] = l.expiresAt().map(Instant::getEpochSecond).orElse(NO_EXPIRY);
    members[chunk][at] = memberValues.number(l.member());
    labelSets[chunk][at] = labelSetValues.number(l.labels());
    Signal s = l.signal();
    types[chunk][at] = (byte) (s.type().ordinal() + 1);
    qualities[chunk][at] = s.quality().isPresent() ? (byte) s.quality().getAsInt() : NO_QUALITY;
    l.incident().ifPresent(i -> incidents.put(ref, i));
    if (s.type() != SignalType.PDQ) {
      signals.put(ref, s);
    }
    if ((live + 1) * 4L > byId.length * 3L) {
      growIds();
    }
    insertId(id[0], ref);
    count++;
    live++;
    published = count;
    return ref;
  }

  /** The ref of {@code entryId}'s listing, or -1 when it is absent or removed. */
  synchronized int ref(EntryId entryId) {
    return find(words(entryId));
  }

  /** Marks {@code ref}'s listing removed. */
  synchronized void remove(int ref) {
    if (!isLive(ref)) {
      return;
    }
    deleteId(ref);
    types[ref >>> CHUNK_BITS][ref & CHUNK_MASK] = REMOVED;
    incidents.remove(ref);
    signals.remove(ref);
    live--;
    published = count;
  }

  /** Replaces the labels of {@code ref}'s listing. */
  synchronized void relabel(int ref, List<Label> labels) {
    labelSets[ref >>> CHUNK_BITS][ref & CHUNK_MASK] = labelSetValues.number(List.copyOf(labels));
    published = count;
  }

  /** Refs {@code 0 .. end() - 1} have been written (some may be removed since). */
  int end() {
    return published;
  }

  /** Number of listings present. */
  int size() {
    return live;
  }

  boolean isLive(int ref) {
    return ref >= 0 && ref < published && types[ref >>> CHUNK_BITS][ref & CHUNK_MASK] != REMOVED;
  }

  /** The signal type of a live listing. */
  SignalType type(int ref) {
    return TYPES[types[ref >>> CHUNK_BITS][ref & CHUNK_MASK] - 1];
  }

  MemberId member(int ref) {
    return memberValues.get(members[ref >>> CHUNK_BITS][ref & CHUNK_MASK]);
  }

  /** The expiry in epoch seconds, or {@link Long#MIN_VALUE} for none. */
  long expiresAtSecond(int ref) {
    return expiries[ref >>> CHUNK_BITS][ref & CHUNK_MASK];
  }

  boolean isExpired(int ref, Instant now) {
    long expires = expiresAtSecond(ref);
    return expires != NO_EXPIRY && !now.isBefore(Instant.ofEpochSecond(expires));
  }

  /** The signal of a listing that is not PDQ (md5, sha256, vpdq), or null once removed. */
  Signal otherSignal(int ref) {
    return signals.get(ref);
  }

  /** The PDQ quality of the listing, or null. */
  Integer quality(int ref) {
    byte q = qualities[ref >>> CHUNK_BITS][ref & CHUNK_MASK];
    return q == NO_QUALITY ? null : (int) q;
  }

  /** The listing of {@code ref}, whose signal the caller supplies (PDQ hashes are in the index). */
  Listing listing(int ref, Signal signal) {
    int chunk = ref >>> CHUNK_BITS;
    int at = ref & CHUNK_MASK;
    ByteBuffer id = ByteBuffer.allocate(ID_WORDS * Long.BYTES);
    for (int i = 0; i < ID_WORDS; i++) {
      id.putLong(ids[chunk][at * ID_WORDS + i]);
    }
    long expires = expiries[chunk][at];
    return Listing.create(EntryId.ofDigest(id.array()), member(ref), signal,
        labelSetValues.get(labelSets[chunk][at]), Optional.ofNullable(incidents.get(ref)),
        Instant.ofEpochSecond(times[chunk][at]),
        expires == NO_EXPIRY ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expires)));
  }

  // From the id's 64 lowercase hex digits, 16 to a word, without the byte array bytes() would copy.
  private static long[] words(EntryId entryId) {
    String hex = entryId.hex();
    long[] w = new long[ID_WORDS];
    for (int i = 0; i < ID_WORDS * 16; i++) {
      w[i >>> 4] = w[i >>> 4] << 4 | Character.digit(hex.charAt(i), 16);
    }
    return w;
  }

  private boolean idEquals(int ref, long[] id) {
    long[] chunk = ids[ref >>> CHUNK_BITS];
    int at = (ref & CHUNK_MASK) * ID_WORDS;
    return chunk[at] == id[0] && chunk[at + 1] == id[1] && chunk[at + 2] == id[2] && chunk[at + 3] == id[3];
  }

  private long firstWord(int ref) {
    return ids[ref >>> CHUNK_BITS][(ref & CHUNK_MASK) * ID_WORDS];
  }

  private int find(long[] id) {
    int mask = byId.length - 1;
    for (int i = home(id[0], mask); byId[i] != EMPTY; i = (i + 1) & mask) {
      if (idEquals(byId[i] - 1, id)) {
        return byId[i] - 1;
      }
    }
    return -1;
  }

  private void insertId(long firstWord, int ref) {
    int mask = byId.length - 1;
    int i = home(firstWord, mask);
    while (byId[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    byId[i] = ref + 1;
  }

  private void growIds() {
    int[] old = byId;
    byId = new int[old.length * 2];
    for (int entry : old) {
      if (entry != EMPTY) {
        insertId(firstWord(entry - 1), entry - 1);
      }
    }
  }

  // Backward-shift deletion, so that a look-up never stops at a hole left by a removed id.
  private void deleteId(int ref) {
    int mask = byId.length - 1;
    int i = home(firstWord(ref), mask);
    while (byId[i] != ref + 1) {
      i = (i + 1) & mask;
    }
    int hole = i;
    for (int j = (hole + 1) & mask; byId[j] != EMPTY; j = (j + 1) & mask) {
      int h = home(firstWord(byId[j] - 1), mask);
      boolean homeOutsideHoleToJ = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
      if (homeOutsideHoleToJ) {
        byId[hole] = byId[j];
        hole = j;
      }
    }
    byId[hole] = EMPTY;
  }

  // Entry ids are SHA-256 digests, so their first word is already spread; the multiply is cheap insurance.
  private static int home(long firstWord, int mask) {
    long h = firstWord * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /**
   * Distinct values (members, label sets) numbered in order of first use: the writer interns,
   * readers look numbers up in an array published by a volatile write.
   */
  private static final class Values<T> {
    private final Map<T, Integer> numbers = new java.util.HashMap<>();
    private volatile Object[] values = new Object[16];

    int number(T value) {
      Integer n = numbers.get(value);
      if (n != null) {
        return n;
      }
      int next = numbers.size();
      Object[] v = values;
      if (next == v.length) {
        v = Arrays.copyOf(v, next * 2);
      }
      v[next] = value;
      values = v;
      numbers.put(value, next);
      return next;
    }

    @SuppressWarnings("unchecked")
    T get(int number) {
      return (T) values[number];
    }
  }
}
