package org.hashfed.node.match;

import java.util.stream.IntStream;

/**
 * The multi-index over the live slots {@code from .. to - 1} of a store: the 256 bits are cut into
 * 11 substrings of 23 or 24 bits, and for each substring the slots are grouped by the top
 * {@code bucketBits} bits of it (about one slot per bucket), in a compact offsets-plus-postings
 * layout built by counting sort. Immutable once built.
 *
 * <p>By pigeonhole, a hash within distance r of the query agrees with it to within r / 11 bits
 * (rounded down) in at least one substring, so probing each substring's bucket and its neighbours
 * up to that many bits away finds every match. The cost of a query is its random reads: two per
 * probed bucket (offsets, postings) and one per candidate hash. At r = 31 and ten million hashes,
 * 11 substrings of 23 bits make about 3,000 probes and 3,600 candidates; the earlier 12 substrings
 * of 21 bits made 2,800 probes but 13,000 candidates, and 16 of 16 bits 272 probes and 41,000
 * candidates. Fewer, longer substrings would need radius 3 and tens of thousands of probes.
 */
final class SubstringTables {

  static final int SUBSTRINGS = 11;
  static final int MAX_INDEXED_DISTANCE = 3 * SUBSTRINGS - 1;
  private static final int[] WIDTH = {24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23};
  private static final int NARROWEST = 23;
  private static final int[] START = new int[SUBSTRINGS];
  private static final int PARALLEL_BUILD_SLOTS = 1 << 16;

  static {
    for (int j = 1; j < SUBSTRINGS; j++) {
      START[j] = START[j - 1] + WIDTH[j - 1];
    }
  }

  final int from;
  final int to;
  private final int bucketBits;
  private final int[][] offsets;
  private final int[][] postings;

  private SubstringTables(int from, int to, int bucketBits, int[][] offsets, int[][] postings) {
    this.from = from;
    this.to = to;
    this.bucketBits = bucketBits;
    this.offsets = offsets;
    this.postings = postings;
  }

  static SubstringTables empty(int at) {
    return new SubstringTables(at, at, 0, null, null);
  }

  /** The width in bits of substring {@code j}. */
  static int width(int j) {
    return WIDTH[j];
  }

  /** Substring {@code j} of a hash given as its four words. */
  static int substring(long[] words, int j) {
    return substring(words[0], words[1], words[2], words[3], j);
  }

  static int substring(long w0, long w1, long w2, long w3, int j) {
    int start = START[j];
    int offset = start & 63;
    long low = word(w0, w1, w2, w3, start >>> 6) >>> offset;
    if (offset + WIDTH[j] > 64) {
      low |= word(w0, w1, w2, w3, (start >>> 6) + 1) << (64 - offset);
    }
    return (int) low & ((1 << WIDTH[j]) - 1);
  }

  private static long word(long w0, long w1, long w2, long w3, int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      default -> w3;
    };
  }

  /** Indexes the live slots of {@code view} in {@code from .. to - 1}. */
  static SubstringTables build(HashStore.View view, int from, int to) {
    int bucketBits = bucketBitsFor(to - from);
    int[][] offsets = new int[SUBSTRINGS][];
    int[][] postings = new int[SUBSTRINGS][];
    IntStream tables = IntStream.range(0, SUBSTRINGS);
    if (to - from >= PARALLEL_BUILD_SLOTS) {
      tables = tables.parallel();
    }
    tables.forEach(j -> {
      offsets[j] = new int[(1 << bucketBits) + 1];
      postings[j] = buildTable(view, from, to, j, WIDTH[j] - bucketBits, offsets[j]);
    });
    return new SubstringTables(from, to, bucketBits, offsets, postings);
  }

  // One or two slots per bucket, capped at the narrowest substring: a bucket probe costs two random
  // reads whether or not it holds anything, a candidate one, so at radius 2 (1 + b + b(b-1)/2
  // probes per table) about one slot per bucket is the cheapest. Ten million slots take 23 bits,
  // 32 MiB of offsets per table.
  static int bucketBitsFor(int slots) {
    int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, slots - 1));
    return Math.max(4, Math.min(NARROWEST, log2 - 1));
  }

  private static int[] buildTable(HashStore.View view, int from, int to, int j, int shift, int[] offsets) {
    int live = 0;
    for (int slot = from; slot < to; slot++) {
      if (view.isLive(slot)) {
        offsets[(view.substring(slot, j) >>> shift) + 1]++;
        live++;
      }
    }
    for (int b = 1; b < offsets.length; b++) {
      offsets[b] += offsets[b - 1];
    }
    int[] next = offsets.clone();
    int[] postings = new int[live];
    for (int slot = from; slot < to; slot++) {
      if (view.isLive(slot)) {
        postings[next[view.substring(slot, j) >>> shift]++] = slot;
      }
    }
    return postings;
  }

  /**
   * Adds every live slot within {@code maxDistance} (at most {@link #MAX_INDEXED_DISTANCE}) of the query, each once.
   *
   * <p>Each table is searched in phases (bucket numbers, bucket ranges, candidate slots, then
   * their hashes) rather than bucket by bucket: the reads within a phase do not depend on each
   * other, so the processor overlaps their cache misses instead of waiting for each in turn.
   *
   * @param substrings the query's 11 substrings
   */
  void search(HashStore.View view, long[] query, int[] substrings, int maxDistance, MatchCollector out) {
    if (postings == null) {
      return;
    }
    int radius = maxDistance / SUBSTRINGS;
    Scratch scratch = Scratch.FOR_THREAD.get();
    int[] buckets = scratch.buckets;
    int[] starts = scratch.starts;
    int[] ends = scratch.ends;
    for (int j = 0; j < SUBSTRINGS; j++) {
      int probes = neighbours(substrings[j] >>> (WIDTH[j] - bucketBits), radius, buckets);
      int[] offset = offsets[j];
      int total = 0;
      for (int k = 0; k < probes; k++) {
        starts[k] = offset[buckets[k]];
        ends[k] = offset[buckets[k] + 1];
        total += ends[k] - starts[k];
      }
      int[] candidates = scratch.candidates(total);
      int[] table = postings[j];
      int n = 0;
      for (int k = 0; k < probes; k++) {
        int length = ends[k] - starts[k];
        System.arraycopy(table, starts[k], candidates, n, length);
        n += length;
      }
      for (int c = 0; c < n; c++) {
        int slot = candidates[c];
        int distance = view.distance(slot, query);
        if (distance <= maxDistance
            && Integer.bitCount(view.substring(slot, j) ^ substrings[j]) <= radius
            && !foundInEarlierTable(view, slot, substrings, j, radius)
            && view.isLive(slot)) {
          out.add(view, slot, distance);
        }
      }
    }
  }

  /** Writes {@code bucket} and every bucket up to {@code radius} (0..2) bits from it; returns how many. */
  private int neighbours(int bucket, int radius, int[] out) {
    int n = 0;
    out[n++] = bucket;
    if (radius >= 1) {
      for (int a = 0; a < bucketBits; a++) {
        int one = bucket ^ (1 << a);
        out[n++] = one;
        if (radius >= 2) {
          for (int b = a + 1; b < bucketBits; b++) {
            out[n++] = one ^ (1 << b);
          }
        }
      }
    }
    return n;
  }

  // A slot is reported only from the first table where it is within the radius, so never twice.
  private static boolean foundInEarlierTable(HashStore.View view, int slot, int[] substrings, int j, int radius) {
    for (int earlier = 0; earlier < j; earlier++) {
      if (Integer.bitCount(view.substring(slot, earlier) ^ substrings[earlier]) <= radius) {
        return true;
      }
    }
    return false;
  }

  /**
   * One thread's work arrays for searches, reused so that a query allocates next to nothing: at
   * thousands of queries a second, fresh arrays filled the young generation every few seconds.
   */
  private static final class Scratch {
    static final ThreadLocal<Scratch> FOR_THREAD = ThreadLocal.withInitial(Scratch::new);
    private static final int MAX_PROBES = 1 + NARROWEST + NARROWEST * (NARROWEST - 1) / 2;
    /** Above this a search gets a fresh array, so that one query of a huge cluster does not pin memory. */
    private static final int MAX_KEPT_CANDIDATES = 1 << 16;

    final int[] buckets = new int[MAX_PROBES];
    final int[] starts = new int[MAX_PROBES];
    final int[] ends = new int[MAX_PROBES];
    private int[] candidates = new int[1024];

    int[] candidates(int needed) {
      if (needed <= candidates.length) {
        return candidates;
      }
      if (needed > MAX_KEPT_CANDIDATES) {
        return new int[needed];
      }
      candidates = new int[Math.max(needed, Math.min(MAX_KEPT_CANDIDATES, candidates.length * 2))];
      return candidates;
    }
  }

  long memoryBytes() {
    if (postings == null) {
      return 0;
    }
    long bytes = 0;
    for (int j = 0; j < SUBSTRINGS; j++) {
      bytes += 4L * offsets[j].length + 4L * postings[j].length;
    }
    return bytes;
  }
}
