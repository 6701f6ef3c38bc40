package org.hashfed.node.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hashfed.node.snapshot.SnapshotFormatException;
import org.hashfed.node.snapshot.SnapshotInput;
import org.hashfed.node.snapshot.SnapshotOutput;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

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

  private ListingTable(int count, int live, int[] byId) {
    this.count = count;
    this.live = live;
    this.published = count;
    this.byId = byId;
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
   * The rows as they are now, for a start-up snapshot: the columns no later write changes (id,
   * time, expiry, member, quality of rows already written) are shared, the others (type, label set,
   * the side maps, the id table) copied, so the snapshot reads them while the table changes.
   */
  synchronized Frozen freeze() {
    int chunks = (count + CHUNK - 1) >>> CHUNK_BITS;
    byte[][] typesCopy = new byte[chunks][];
    int[][] labelSetsCopy = new int[chunks][];
    for (int c = 0; c < chunks; c++) {
      typesCopy[c] = types[c].clone();
      labelSetsCopy[c] = labelSets[c].clone();
    }
    return new Frozen(count, live, ids, times, expiries, members, qualities, typesCopy, labelSetsCopy,
        memberValues.list(), labelSetValues.list(), new HashMap<>(incidents), new HashMap<>(signals), byId.clone());
  }

  /** A table's rows taken by {@link #freeze}, written by {@link #writeTo}. */
  record Frozen(int count, int live, long[][] ids, long[][] times, long[][] expiries, int[][] members,
      byte[][] qualities, byte[][] types, int[][] labelSets, List<MemberId> memberValues,
      List<List<Label>> labelSetValues, Map<Integer, String> incidents, Map<Integer, Signal> signals, int[] byId) {

    /** Writes the rows column by column, the distinct values, the side maps and the id table (spec/store.md section 3.2). */
    void writeTo(SnapshotOutput out) throws IOException {
      out.writeInt(count);
      out.writeInt(live);
      for (int from = 0; from < count; from += CHUNK) {
        out.writeLongs(ids[from >>> CHUNK_BITS], 0, rows(from) * ID_WORDS);
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeLongs(times[from >>> CHUNK_BITS], 0, rows(from));
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeLongs(expiries[from >>> CHUNK_BITS], 0, rows(from));
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeInts(members[from >>> CHUNK_BITS], 0, rows(from));
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeInts(labelSets[from >>> CHUNK_BITS], 0, rows(from));
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeBytes(types[from >>> CHUNK_BITS], 0, rows(from));
      }
      for (int from = 0; from < count; from += CHUNK) {
        out.writeBytes(qualities[from >>> CHUNK_BITS], 0, rows(from));
      }
      out.writeInt(memberValues.size());
      for (MemberId m : memberValues) {
        out.writeString(m.value());
      }
      out.writeInt(labelSetValues.size());
      for (List<Label> set : labelSetValues) {
        out.writeInt(set.size());
        for (Label l : set) {
          out.writeString(l.value());
        }
      }
      out.writeInt(incidents.size());
      for (Map.Entry<Integer, String> e : incidents.entrySet()) {
        out.writeInt(e.getKey());
        out.writeString(e.getValue());
      }
      out.writeInt(signals.size());
      for (Map.Entry<Integer, Signal> e : signals.entrySet()) {
        Signal s = e.getValue();
        out.writeInt(e.getKey());
        out.writeByte(s.type().ordinal());
        if (s.video().isPresent()) {
          out.writeBlob(s.video().get().encoded());
        } else {
          out.writeString(s.value());
          out.writeByte(s.quality().isPresent() ? s.quality().getAsInt() : NO_QUALITY);
        }
      }
      out.writeInt(byId.length);
      out.writeInts(byId, 0, byId.length);
    }

    private int rows(int from) {
      return Math.min(CHUNK, count - from);
    }
  }

  // Bounds of what a snapshot may name: far above any real value, low enough that a corrupt count
  // cannot make the reader allocate more than the file could hold anyway.
  private static final int MAX_STRING_BYTES = 1 << 16;
  private static final int MAX_LABELS = 1 << 10;

  /**
   * Reads what {@link Frozen#writeTo} wrote, checking every length against the file and every
   * number (member, label set, type, ref) against what it refers to.
   */
  static ListingTable readFrom(SnapshotInput in) throws IOException, SnapshotFormatException {
    // a row takes 58 bytes of the file: id 32, time 8, expiry 8, member 4, label set 4, type 1, quality 1
    int count = in.readCount("listing", Integer.MAX_VALUE, 58);
    int live = in.readInt();
    if (live < 0 || live > count) {
      throw new SnapshotFormatException("live listing count " + live + " (expected: 0.." + count + ")");
    }
    int chunks = (count + CHUNK - 1) >>> CHUNK_BITS;
    int outer = Math.max(8, Integer.highestOneBit(Math.max(1, chunks)) << 1);
    long[][] ids = new long[outer][];
    long[][] times = new long[outer][];
    long[][] expiries = new long[outer][];
    int[][] members = new int[outer][];
    int[][] labelSets = new int[outer][];
    byte[][] types = new byte[outer][];
    byte[][] qualities = new byte[outer][];
    for (int c = 0; c < chunks; c++) {
      ids[c] = new long[CHUNK * ID_WORDS];
      in.readLongs(ids[c], 0, rows(count, c) * ID_WORDS);
    }
    for (int c = 0; c < chunks; c++) {
      times[c] = new long[CHUNK];
      in.readLongs(times[c], 0, rows(count, c));
    }
    for (int c = 0; c < chunks; c++) {
      expiries[c] = new long[CHUNK];
      in.readLongs(expiries[c], 0, rows(count, c));
    }
    for (int c = 0; c < chunks; c++) {
      members[c] = new int[CHUNK];
      in.readInts(members[c], 0, rows(count, c));
    }
    for (int c = 0; c < chunks; c++) {
      labelSets[c] = new int[CHUNK];
      in.readInts(labelSets[c], 0, rows(count, c));
    }
    for (int c = 0; c < chunks; c++) {
      types[c] = new byte[CHUNK];
      in.readBytes(types[c], 0, rows(count, c));
    }
    for (int c = 0; c < chunks; c++) {
      qualities[c] = new byte[CHUNK];
      in.readBytes(qualities[c], 0, rows(count, c));
    }
    List<MemberId> memberList = new ArrayList<>();
    int memberCount = in.readCount("member", Integer.MAX_VALUE, Integer.BYTES);
    for (int i = 0; i < memberCount; i++) {
      memberList.add(parse("member", in.readString("member", MAX_STRING_BYTES), MemberId::parse));
    }
    List<List<Label>> labelSetList = new ArrayList<>();
    int setCount = in.readCount("label set", Integer.MAX_VALUE, Integer.BYTES);
    for (int i = 0; i < setCount; i++) {
      int n = in.readCount("label", MAX_LABELS, Integer.BYTES);
      List<Label> set = new ArrayList<>(n);
      for (int j = 0; j < n; j++) {
        set.add(parse("label", in.readString("label", MAX_STRING_BYTES), Label::parse));
      }
      labelSetList.add(List.copyOf(set));
    }
    ListingTable t = new ListingTable(count, live, null);
    t.ids = ids;
    t.times = times;
    t.expiries = expiries;
    t.members = members;
    t.labelSets = labelSets;
    t.types = types;
    t.qualities = qualities;
    memberList.forEach(t.memberValues::number);
    labelSetList.forEach(t.labelSetValues::number);
    if (t.memberValues.size() != memberCount || t.labelSetValues.size() != setCount) {
      throw new SnapshotFormatException("the snapshot's members or label sets repeat a value");
    }
    int incidentCount = in.readCount("incident", count, Integer.BYTES * 2);
    for (int i = 0; i < incidentCount; i++) {
      int ref = checkedRef(in.readInt(), count);
      t.incidents.put(ref, in.readString("incident", MAX_STRING_BYTES));
    }
    int signalCount = in.readCount("side signal", count, Integer.BYTES + 1 + Integer.BYTES);
    for (int i = 0; i < signalCount; i++) {
      int ref = checkedRef(in.readInt(), count);
      int type = in.readByte();
      Signal s;
      if (type == SignalType.VPDQ.ordinal()) {
        byte[] video = in.readBlob("vpdq hashes", VideoHashes.MAX_ENCODED_BYTES);
        s = parse("vpdq signal", video, v -> Signal.vpdq(VideoHashes.decode(v)));
      } else if (type >= 0 && type < TYPES.length && TYPES[type] != SignalType.PDQ) {
        String value = in.readString("signal value", MAX_STRING_BYTES);
        int q = in.readByte();
        s = parse("signal", value, v -> Signal.create(TYPES[type], v, q == NO_QUALITY ? null : q));
      } else {
        throw new SnapshotFormatException("side signal of type number " + type + " (expected: md5, sha256 or vpdq)");
      }
      t.signals.put(ref, s);
    }
    int idTable = in.readCount("entry-id table", 1 << 30, Integer.BYTES);
    int[] byId = new int[idTable];
    in.readInts(byId, 0, idTable);
    t.byId = byId;
    t.check(setCount, memberCount);
    return t;
  }

  private static int rows(int count, int chunk) {
    return Math.min(CHUNK, count - chunk * CHUNK);
  }

  private static int checkedRef(int ref, int count) throws SnapshotFormatException {
    if (ref < 0 || ref >= count) {
      throw new SnapshotFormatException("listing ref " + ref + " (expected: 0.." + (count - 1) + ")");
    }
    return ref;
  }

  private interface Parser<T, R> {
    R parse(T value);
  }

  private static <T, R> R parse(String what, T value, Parser<T, R> parser) throws SnapshotFormatException {
    try {
      return parser.parse(value);
    } catch (IllegalArgumentException e) {
      throw new SnapshotFormatException(what + " does not parse: " + e.getMessage());
    }
  }

  // Every number a row holds must name a value, every live row must be in the id table and
  // nothing else: then no look-up of a restored table can go out of bounds.
  private void check(int labelSetCount, int memberCount) throws SnapshotFormatException {
    if (byId.length < 16 || Integer.bitCount(byId.length) != 1 || (long) live * 4 > (long) byId.length * 3) {
      throw new SnapshotFormatException("entry-id table of " + byId.length + " entries for " + live
          + " listings (expected: a power of two, at most three quarters full)");
    }
    int liveRows = 0;
    for (int ref = 0; ref < count; ref++) {
      int c = ref >>> CHUNK_BITS;
      int at = ref & CHUNK_MASK;
      int type = types[c][at];
      if (type < 0 || type > TYPES.length) {
        throw new SnapshotFormatException("listing " + ref + " has type number " + type);
      }
      if (members[c][at] < 0 || members[c][at] >= memberCount || labelSets[c][at] < 0
          || labelSets[c][at] >= labelSetCount) {
        throw new SnapshotFormatException("listing " + ref + " names member " + members[c][at] + " of " + memberCount
            + " or label set " + labelSets[c][at] + " of " + labelSetCount);
      }
      if (type != REMOVED) {
        liveRows++;
        if (TYPES[type - 1] != SignalType.PDQ && !signals.containsKey(ref)) {
          throw new SnapshotFormatException("listing " + ref + " of type " + TYPES[type - 1] + " has no signal");
        }
      }
    }
    int mapped = 0;
    for (int entry : byId) {
      if (entry != EMPTY) {
        if (entry < 1 || entry > count || !isLive(entry - 1)) {
          throw new SnapshotFormatException("entry-id table names listing " + (entry - 1) + ", which is not live");
        }
        mapped++;
      }
    }
    if (liveRows != live || mapped != live) {
      throw new SnapshotFormatException(liveRows + " live listings and " + mapped + " in the entry-id table"
          + " (expected: " + live + " each)");
    }
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

    int size() {
      return numbers.size();
    }

    /** The values in number order. */
    @SuppressWarnings("unchecked")
    List<T> list() {
      Object[] v = values;
      List<T> out = new ArrayList<>(numbers.size());
      for (int i = 0; i < numbers.size(); i++) {
        out.add((T) v[i]);
      }
      return out;
    }
  }
}
