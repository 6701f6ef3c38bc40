package org.hashfed.node.match;

import java.util.stream.IntStream;

/**
 * The multi-index over the live slots {@code from .. to - 1} of a store: the 256 bits are cut into
 * 12 substrings of 21 or 22 bits, and for each substring the slots are grouped by the top
 * {@code bucketBits} bits of it, in a compact offsets-plus-postings layout built by counting sort.
 * Immutable once built.
 *
 * <p>By pigeonhole, a hash within distance r of the query agrees with it to within r / 12 bits
 * (rounded down) in at least one substring, so probing each substring's bucket and its neighbours
 * up to that many bits away finds every match. Twelve substrings rather than sixteen of 16 bits:
 * at r = 31 that is 2 bits of 21 instead of 1 bit of 16, about 3,000 probes of a few slots each
 * instead of 272 of hundreds at ten million hashes, so about a third of the random reads of
 * candidate hashes, which dominate a query.
 */
final class SubstringTables {

  static final int SUBSTRINGS = 12;
  static final int MAX_INDEXED_DISTANCE = 3 * SUBSTRINGS - 1;
  private static final int[] WIDTH = {22, 22, 22, 22, 21, 21, 21, 21, 21, 21, 21, 21};
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

  // About four slots per bucket, capped at the narrowest substring.
  private static int bucketBitsFor(int slots) {
    int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, slots - 1));
    return Math.max(4, Math.min(21, log2 - 2));
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
   * @param substrings the query's 12 substrings
   */
  void search(HashStore.View view, long[] query, int[] substrings, int maxDistance, MatchCollector out) {
    if (postings == null) {
      return;
    }
    int radius = maxDistance / SUBSTRINGS;
    int[] buckets = new int[1 + bucketBits + bucketBits * (bucketBits - 1) / 2];
    int[] starts = new int[buckets.length];
    int[] ends = new int[buckets.length];
    int[] candidates = new int[64];
    for (int j = 0; j < SUBSTRINGS; j++) {
      int probes = neighbours(substrings[j] >>> (WIDTH[j] - bucketBits), radius, buckets);
      int[] offset = offsets[j];
      int total = 0;
      for (int k = 0; k < probes; k++) {
        starts[k] = offset[buckets[k]];
        ends[k] = offset[buckets[k] + 1];
        total += ends[k] - starts[k];
      }
      if (total > candidates.length) {
        candidates = new int[Math.max(total, candidates.length * 2)];
      }
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
          out.add(view.ref(slot), distance);
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
