package org.hashfed.node.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The watch hash index against a naive scan of the same hashes, through growth, removals and reused slots. */
class WatchHashIndexTest {

  @Test
  void search_agreesWithANaiveScan_throughGrowthRemovalsAndReusedSlots() {
    Random random = new Random(2026);
    WatchHashIndex index = new WatchHashIndex();
    Map<Integer, long[]> held = new HashMap<>();
    List<long[]> centres = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      centres.add(randomHash(random));
    }
    int nextOwner = 0;
    // 12,000 adds take the heads through three re-links; every third round removes a held hash
    for (int round = 0; round < 12_000; round++) {
      long[] h = near(centres.get(random.nextInt(centres.size())), random.nextInt(50), random);
      index.add(nextOwner, h);
      held.put(nextOwner++, h);
      if (round % 3 == 2) {
        int victim = new ArrayList<>(held.keySet()).get(random.nextInt(held.size()));
        assertTrue(index.remove(victim, held.remove(victim)));
      }
    }
    assertEquals(held.size(), index.size());
    for (int q = 0; q < 200; q++) {
      long[] query = near(centres.get(q % centres.size()), random.nextInt(20), random);
      int maxDistance = q % 2 == 0 ? 31 : random.nextInt(WatchHashIndex.MAX_DISTANCE + 1);
      Map<Integer, Integer> expected = new TreeMap<>();
      held.forEach((owner, h) -> {
        int d = distance(h, query);
        if (d <= maxDistance) {
          expected.put(owner, d);
        }
      });
      Map<Integer, Integer> found = new TreeMap<>();
      index.search(query, maxDistance, (owner, d) -> assertEquals(null, found.put(owner, d), "reported twice: " + owner));
      assertEquals(expected, found, "query " + q + " at distance " + maxDistance);
    }
  }

  @Test
  void remove_needsTheOwnerAndTheHash() {
    WatchHashIndex index = new WatchHashIndex();
    long[] h = randomHash(new Random(1));
    index.add(7, h);
    index.add(8, h);
    assertFalse(index.remove(9, h));
    assertFalse(index.remove(7, near(h, 1, new Random(2))));
    assertTrue(index.remove(7, h));
    List<Integer> owners = new ArrayList<>();
    index.search(h, 0, (owner, d) -> owners.add(owner));
    assertEquals(List.of(8), owners);
  }

  @Test
  void search_beyondMaxDistance_throws() {
    WatchHashIndex index = new WatchHashIndex();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> index.search(new long[4], 33, (owner, d) -> { }));
    assertTrue(e.getMessage().contains("33"), e.getMessage());
  }

  private static long[] randomHash(Random random) {
    return new long[] {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
  }

  private static long[] near(long[] h, int flips, Random random) {
    long[] w = h.clone();
    for (int i = 0; i < flips; i++) {
      int bit = random.nextInt(256);
      w[bit / 64] ^= 1L << (bit % 64);
    }
    return w;
  }

  private static int distance(long[] a, long[] b) {
    int d = 0;
    for (int i = 0; i < 4; i++) {
      d += Long.bitCount(a[i] ^ b[i]);
    }
    return d;
  }
}
