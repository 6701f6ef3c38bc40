package org.hashfed.node.watch;

import java.util.Arrays;

/**
 * 256-bit hashes of watched signals, each under an int owner, in primitive arrays, searchable by
 * Hamming distance up to {@link #MAX_DISTANCE}.
 *
 * <p>A multi-index: the 256 bits are cut into 11 substrings of 23 or 24 bits, and by pigeonhole a
 * hash within distance r of the query agrees with it to within r / 11 bits in at least one of
 * them, so probing each substring's bucket and its neighbours up to that many bits away finds
 * every match. Unlike the catalog's PDQ index, whose sorted tables are rebuilt as they grow (at ten
 * million hashes a rebuild holds two sets of tables at once), each substring's table here is a
 * chained hash table whose chains are int links, one per slot: adding and removing a hash touch a
 * few ints, growing re-links the slots into larger heads, and a slot freed by a removal is reused,
 * so the arrays only grow to the most hashes held at once. A hash costs 32 bytes of words, 4 of
 * owner, 44 of links and 22 to 44 of heads, and no object.
 *
 * <p>Not thread-safe: the watch list serialises every call.
 */
final class WatchHashIndex {

  /** Largest distance a search may ask for: radius 2 in every substring. */
  static final int MAX_DISTANCE = 32;

  /** Receives the owner and distance of each hash a search finds. */
  @FunctionalInterface
  interface Found {
    void found(int owner, int distance);
  }

  private static final int SUBSTRINGS = 11;
  private static final int[] WIDTH = {24, 24, 24, 23, 23, 23, 23, 23, 23, 23, 23};
  private static final int[] START = new int[SUBSTRINGS];
  private static final int NARROWEST = 23;
  private static final int MIN_BUCKET_BITS = 10;
  private static final int MAX_PROBES = 1 + NARROWEST + NARROWEST * (NARROWEST - 1) / 2;
  // 8192 slots a chunk: the largest array (4 words a slot) is 256 KiB, below half a G1 region, so
  // no chunk is a humongous object wasting the rest of its region.
  private static final int CHUNK_BITS = 13;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;
  private static final int FREE = -1;
  private static final int END = -1;

  static {
    for (int j = 1; j < SUBSTRINGS; j++) {
      START[j] = START[j - 1] + WIDTH[j - 1];
    }
  }

  private long[][] words = new long[0][];
  private int[][] owners = new int[0][];
  private final int[][][] links = new int[SUBSTRINGS][0][];
  private final int[][] heads = new int[SUBSTRINGS][];
  private int bucketBits;
  private int slots;
  private int live;
  private int[] free = new int[64];
  private int freeCount;
  private final int[] probes = new int[MAX_PROBES];

  WatchHashIndex() {
    relink(MIN_BUCKET_BITS);
  }

  /** Hashes held. */
  int size() {
    return live;
  }

  /** Adds {@code hash} (four words) under {@code owner}, 0 or more. */
  void add(int owner, long[] hash) {
    if (owner < 0) {
      throw new IllegalArgumentException("owner " + owner + " (expected: 0 or more)");
    }
    int slot = freeCount > 0 ? free[--freeCount] : newSlot();
    long[] w = words[slot >>> CHUNK_BITS];
    int at = slot & CHUNK_MASK;
    System.arraycopy(hash, 0, w, at << 2, 4);
    owners[slot >>> CHUNK_BITS][at] = owner;
    for (int j = 0; j < SUBSTRINGS; j++) {
      int b = bucket(substring(hash, j), j);
      links[j][slot >>> CHUNK_BITS][at] = heads[j][b];
      heads[j][b] = slot;
    }
    live++;
    // about two hashes a bucket: more would lengthen the chains every probe walks
    if (live > 2 << bucketBits && bucketBits < NARROWEST) {
      relink(bucketBits + 1);
    }
  }

  /** Removes {@code hash} held under {@code owner}; returns whether it was there. */
  boolean remove(int owner, long[] hash) {
    int b0 = bucket(substring(hash, 0), 0);
    int slot = heads[0][b0];
    while (slot != END && !(owner(slot) == owner && equal(slot, hash))) {
      slot = link(0, slot);
    }
    if (slot == END) {
      return false;
    }
    for (int j = 0; j < SUBSTRINGS; j++) {
      int b = bucket(substring(hash, j), j);
      int previous = END;
      int s = heads[j][b];
      while (s != slot) {
        previous = s;
        s = link(j, s);
      }
      if (previous == END) {
        heads[j][b] = link(j, slot);
      } else {
        links[j][previous >>> CHUNK_BITS][previous & CHUNK_MASK] = link(j, slot);
      }
    }
    owners[slot >>> CHUNK_BITS][slot & CHUNK_MASK] = FREE;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = slot;
    live--;
    return true;
  }

  /** Reports every hash within {@code maxDistance} (0 to {@link #MAX_DISTANCE}) of {@code query}, each once. */
  void search(long[] query, int maxDistance, Found out) {
    if (maxDistance < 0 || maxDistance > MAX_DISTANCE) {
      throw new IllegalArgumentException("distance " + maxDistance + " (expected: 0 to " + MAX_DISTANCE + ")");
    }
    int radius = maxDistance / SUBSTRINGS;
    int[] substrings = new int[SUBSTRINGS];
    for (int j = 0; j < SUBSTRINGS; j++) {
      substrings[j] = substring(query, j);
    }
    for (int j = 0; j < SUBSTRINGS; j++) {
      int n = neighbours(bucket(substrings[j], j), radius);
      int[] head = heads[j];
      for (int k = 0; k < n; k++) {
        for (int slot = head[probes[k]]; slot != END; slot = link(j, slot)) {
          int d = distance(slot, query);
          if (d <= maxDistance && Integer.bitCount(substring(slot, j) ^ substrings[j]) <= radius
              && !foundInEarlierTable(slot, substrings, j, radius)) {
            out.found(owner(slot), d);
          }
        }
      }
    }
  }

  private int newSlot() {
    if (slots == Integer.MAX_VALUE) {
      throw new IllegalStateException("watch hash index is full at " + slots + " slots");
    }
    int chunk = slots >>> CHUNK_BITS;
    if (chunk == words.length) {
      int grown = Math.max(8, chunk * 2);
      words = Arrays.copyOf(words, grown);
      owners = Arrays.copyOf(owners, grown);
      for (int j = 0; j < SUBSTRINGS; j++) {
        links[j] = Arrays.copyOf(links[j], grown);
      }
    }
    if (words[chunk] == null) {
      words[chunk] = new long[CHUNK * 4];
      owners[chunk] = new int[CHUNK];
      for (int j = 0; j < SUBSTRINGS; j++) {
        links[j][chunk] = new int[CHUNK];
      }
    }
    return slots++;
  }

  // New heads of 2^bits buckets and every held slot linked into them again.
  private void relink(int bits) {
    bucketBits = bits;
    for (int j = 0; j < SUBSTRINGS; j++) {
      heads[j] = null;
      int[] head = new int[1 << bits];
      Arrays.fill(head, END);
      for (int slot = 0; slot < slots; slot++) {
        if (owner(slot) != FREE) {
          int b = bucket(substring(slot, j), j);
          links[j][slot >>> CHUNK_BITS][slot & CHUNK_MASK] = head[b];
          head[b] = slot;
        }
      }
      heads[j] = head;
    }
  }

  /** Writes the buckets up to {@code radius} (0..2) bits from {@code bucket} into the probes; returns how many. */
  private int neighbours(int bucket, int radius) {
    int n = 0;
    probes[n++] = bucket;
    if (radius >= 1) {
      for (int a = 0; a < bucketBits; a++) {
        int one = bucket ^ (1 << a);
        probes[n++] = one;
        if (radius >= 2) {
          for (int b = a + 1; b < bucketBits; b++) {
            probes[n++] = one ^ (1 << b);
          }
        }
      }
    }
    return n;
  }

  // A hash is reported only from the first table where it is within the radius, so never twice.
  private boolean foundInEarlierTable(int slot, int[] substrings, int j, int radius) {
    for (int earlier = 0; earlier < j; earlier++) {
      if (Integer.bitCount(substring(slot, earlier) ^ substrings[earlier]) <= radius) {
        return true;
      }
    }
    return false;
  }

  private int bucket(int substring, int j) {
    return substring >>> (WIDTH[j] - bucketBits);
  }

  private int owner(int slot) {
    return owners[slot >>> CHUNK_BITS][slot & CHUNK_MASK];
  }

  private int link(int j, int slot) {
    return links[j][slot >>> CHUNK_BITS][slot & CHUNK_MASK];
  }

  private boolean equal(int slot, long[] hash) {
    long[] w = words[slot >>> CHUNK_BITS];
    int at = (slot & CHUNK_MASK) << 2;
    return w[at] == hash[0] && w[at + 1] == hash[1] && w[at + 2] == hash[2] && w[at + 3] == hash[3];
  }

  private int distance(int slot, long[] query) {
    long[] w = words[slot >>> CHUNK_BITS];
    int at = (slot & CHUNK_MASK) << 2;
    return Long.bitCount(w[at] ^ query[0]) + Long.bitCount(w[at + 1] ^ query[1])
        + Long.bitCount(w[at + 2] ^ query[2]) + Long.bitCount(w[at + 3] ^ query[3]);
  }

  private int substring(int slot, int j) {
    long[] w = words[slot >>> CHUNK_BITS];
    int at = (slot & CHUNK_MASK) << 2;
    return substring(w[at], w[at + 1], w[at + 2], w[at + 3], j);
  }

  private static int substring(long[] hash, int j) {
    return substring(hash[0], hash[1], hash[2], hash[3], j);
  }

  private static int substring(long w0, long w1, long w2, long w3, int j) {
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
}
