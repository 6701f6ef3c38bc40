package org.hashfed.node.match;

import java.util.stream.IntStream;

/**
 * The multi-index over the live slots {@code from .. to - 1} of a store: for each of the 16
 * substrings, the slots grouped by the top {@code bucketBits} bits of that substring, in a compact
 * offsets-plus-postings layout built by counting sort. Immutable once built.
 *
 * <p>By pigeonhole, a hash within distance r of the query agrees with it to within r / 16 bits
 * (rounded down) in at least one substring, so probing each substring's bucket and, for r of 16..31,
 * its one-bit neighbours finds every match.
 */
final class SubstringTables {

  static final int SUBSTRINGS = 16;
  static final int MAX_INDEXED_DISTANCE = 2 * SUBSTRINGS - 1;
  private static final int PARALLEL_BUILD_SLOTS = 1 << 16;

  final int from;
  final int to;
  private final int shift;
  private final int[][] offsets;
  private final int[][] postings;

  private SubstringTables(int from, int to, int bucketBits, int[][] offsets, int[][] postings) {
    this.from = from;
    this.to = to;
    this.shift = 16 - bucketBits;
    this.offsets = offsets;
    this.postings = postings;
  }

  static SubstringTables empty(int at) {
    return new SubstringTables(at, at, 0, null, null);
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
      postings[j] = buildTable(view, from, to, j, 16 - bucketBits, offsets[j]);
    });
    return new SubstringTables(from, to, bucketBits, offsets, postings);
  }

  // About four slots per bucket, capped at one bucket per 16-bit value.
  private static int bucketBitsFor(int slots) {
    int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, slots - 1));
    return Math.max(4, Math.min(16, log2 - 2));
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
   * Adds every live slot within {@code maxDistance} (at most 31) of the query, each once.
   *
   * @param substrings the query's 16 substrings
   */
  void search(HashStore.View view, long[] query, int[] substrings, int maxDistance, MatchCollector out) {
    if (postings == null) {
      return;
    }
    int radius = maxDistance / SUBSTRINGS;
    int bucketBits = 16 - shift;
    for (int j = 0; j < SUBSTRINGS; j++) {
      int bucket = substrings[j] >>> shift;
      probe(view, query, substrings, j, bucket, radius, maxDistance, out);
      if (radius == 1) {
        for (int bit = 0; bit < bucketBits; bit++) {
          probe(view, query, substrings, j, bucket ^ (1 << bit), radius, maxDistance, out);
        }
      }
    }
  }

  private void probe(
      HashStore.View view, long[] query, int[] substrings, int j, int bucket, int radius, int maxDistance,
      MatchCollector out) {
    int[] table = postings[j];
    int end = offsets[j][bucket + 1];
    for (int p = offsets[j][bucket]; p < end; p++) {
      int slot = table[p];
      int distance = view.distance(slot, query);
      if (distance <= maxDistance
          && Integer.bitCount(view.substring(slot, j) ^ substrings[j]) <= radius
          && !foundInEarlierTable(view, slot, substrings, j, radius)
          && view.isLive(slot)) {
        out.add(view.ref(slot), distance);
      }
    }
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
