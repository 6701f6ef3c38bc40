package org.hashfed.node.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.Test;

class PdqIndexTest {

  private static final PdqHash ZERO = PdqHash.ofWords(0, 0, 0, 0);

  @Test
  void search_withMaxDistanceOutOfRange_throwsNamingTheValue() {
    for (PdqMatcher matcher : List.of(PdqIndex.create(), LinearScanIndex.create(0))) {
      IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> matcher.search(ZERO, 64));
      assertEquals("max_distance 64 out of range (expected: 0..63)", high.getMessage());
      IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> matcher.search(ZERO, -1));
      assertEquals("max_distance -1 out of range (expected: 0..63)", low.getMessage());
    }
  }

  @Test
  void search_withLimitBelowOne_throwsNamingTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PdqIndex.create().search(ZERO, 31, 0));
    assertEquals("limit 0 out of range (expected: at least 1)", e.getMessage());
  }

  @Test
  void add_withRefAlreadyPresent_throws_butAcceptsItAgainAfterRemove() {
    PdqIndex index = PdqIndex.create();
    index.add(7, ZERO);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> index.add(7, ZERO));
    assertEquals("ref 7 is already indexed (expected: a ref not yet added)", e.getMessage());
    assertTrue(index.remove(7));
    PdqHash other = flipLowBits(3);
    index.add(7, other);
    assertEquals(List.of(new PdqMatch(7, 0)), index.search(other, 0));
    assertEquals(List.of(new PdqMatch(7, 3)), index.search(ZERO, 31));
  }

  @Test
  void remove_absentRef_returnsFalse() {
    PdqIndex index = PdqIndex.create();
    assertFalse(index.remove(1));
    index.add(1, ZERO);
    assertTrue(index.remove(1));
    assertFalse(index.remove(1));
    assertEquals(0, index.size());
  }

  @Test
  void removedRef_neverMatches_atAnyDistance() {
    PdqIndex index = PdqIndex.builder(2).add(1, ZERO).add(2, flipLowBits(20)).build();
    assertTrue(index.remove(1));
    for (int d = 0; d <= PdqMatcher.MAX_DISTANCE; d++) {
      assertTrue(index.search(ZERO, d).stream().noneMatch(m -> m.ref() == 1), "distance " + d);
    }
    assertEquals(List.of(new PdqMatch(2, 20)), index.search(ZERO, 63));
  }

  @Test
  void builder_cannotBeReused() {
    PdqIndex.Builder builder = PdqIndex.builder(0);
    builder.build();
    assertThrows(IllegalStateException.class, () -> builder.add(1, ZERO));
    assertThrows(IllegalStateException.class, builder::build);
  }

  @Test
  void manyAdds_throughEveryRebuildAndCompaction_matchLinearScan() {
    Random random = new Random(42);
    PdqHash[] corpus = Corpora.clustered(90_000, random);
    PdqIndex index = PdqIndex.create();
    LinearScanIndex scan = LinearScanIndex.create(corpus.length);
    for (int ref = 0; ref < corpus.length; ref++) {
      index.add(ref, corpus[ref]);
      scan.add(ref, corpus[ref]);
      // Removing a third of the early hashes makes the main rebuild compact the store.
      if (ref == 40_000) {
        for (int r = 0; r < 40_000; r += 3) {
          index.remove(r);
          scan.remove(r);
        }
      }
    }
    assertEquals(scan.size(), index.size());
    assertSameAsScan(index, scan, corpus, random, 50, 0, 8, 15, 16, 24, 31, 32, 63);
  }

  @Test
  void mainTablesRebuiltInTheBackground_matchLinearScan_beforeDuringAndAfterTheSwap() throws Exception {
    Random random = new Random(11);
    PdqHash[] corpus = Corpora.clustered(80_000, random);
    PdqIndex index = PdqIndex.create();
    LinearScanIndex scan = LinearScanIndex.create(corpus.length);
    for (int ref = 0; ref < corpus.length; ref++) {
      index.add(ref, corpus[ref]);
      scan.add(ref, corpus[ref]);
      // Searches while the main tables may be building (past 65,536 recent slots) and after the swap.
      if (ref % 4_000 == 0 || ref > 65_536 && ref < 67_000 && ref % 100 == 0) {
        assertSameAsScan(index, scan, corpus, random);
      }
      if (ref == 70_000) {
        index.remove(3);
        scan.remove(3);
      }
    }
    awaitNoRebuild(index);
    assertTrue(index.backgroundRebuilds() >= 1, "the recent tables passed 65,536 slots: main tables must have been rebuilt");
    assertSameAsScan(index, scan, corpus, random);
    assertEquals(scan.size(), index.size());
  }

  @Test
  void compactionWhileAMainRebuildIsQueued_discardsThatRebuild_andMatchesStayExact() throws Exception {
    // The rebuild thread is held, so the background build is certainly still to run when the
    // writer compacts the store (renumbering its slots); the build then covers the old numbering
    // and must be thrown away, not swapped in.
    Random random = new Random(5);
    PdqHash[] corpus = Corpora.clustered(80_000, random);
    PdqIndex index = PdqIndex.create();
    LinearScanIndex scan = LinearScanIndex.create(corpus.length);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    PdqIndex.onRebuildThread(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      int ref = 0;
      while (!index.isRebuilding()) {
        index.add(ref, corpus[ref]);
        scan.add(ref, corpus[ref]);
        ref++;
      }
      for (int r = 0; r < ref; r += 3) { // a third removed: the next fold compacts
        index.remove(r);
        scan.remove(r);
      }
      for (int end = ref + PdqIndex.TAIL_SLOTS; ref < end; ref++) {
        index.add(ref, corpus[ref]);
        scan.add(ref, corpus[ref]);
      }
      assertTrue(index.isRebuilding(), "the held build is still queued");
      assertSameAsScan(index, scan, corpus, random, 20, 0, 16, 31, 32);
    } finally {
      release.countDown();
    }
    awaitNoRebuild(index);
    assertEquals(0, index.backgroundRebuilds(), "a build over the slots before compaction was swapped in");
    assertEquals(scan.size(), index.size());
    assertSameAsScan(index, scan, corpus, random, 30, 0, 16, 31, 32);
  }

  private static void awaitNoRebuild(PdqIndex index) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    while (index.isRebuilding() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertFalse(index.isRebuilding(), "the background rebuild did not finish within 60 s");
  }

  private static void assertSameAsScan(PdqIndex index, LinearScanIndex scan, PdqHash[] corpus, Random random) {
    assertSameAsScan(index, scan, corpus, random, 10, 0, 16, 31);
  }

  /** {@code queries} corpus-derived queries give the scan's results at each of {@code distances}. */
  private static void assertSameAsScan(PdqIndex index, LinearScanIndex scan, PdqHash[] corpus, Random random,
      int queries, int... distances) {
    for (int q = 0; q < queries; q++) {
      PdqHash query = Corpora.query(corpus, random);
      for (int d : distances) {
        assertEquals(scan.search(query, d), index.search(query, d), "query " + query + " distance " + d);
      }
    }
  }

  @Test
  void concurrentAdds_areFoundByEverySearchStartedAfterThem() throws Exception {
    Random random = new Random(7);
    PdqIndex index = PdqIndex.builder(0).build();
    int planted = 20_000;
    PdqHash[] near = new PdqHash[planted];
    for (int i = 0; i < planted; i++) {
      // Every other hash is within 31 of ZERO; the rest are random misses.
      near[i] = i % 2 == 0 ? Corpora.flip(ZERO, random.nextInt(32), random) : Corpora.random(random);
    }
    AtomicInteger added = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < planted; i++) {
          index.add(i, near[i]);
          added.set(i + 1);
        }
      });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int searches = 0;
          while (added.get() < planted) {
            int before = added.get();
            List<PdqMatch> matches = index.search(ZERO, 31);
            Set<Long> refs = new HashSet<>();
            for (PdqMatch m : matches) {
              assertEquals(near[(int) m.ref()].distance(ZERO), m.distance());
              assertTrue(refs.add(m.ref()), "ref " + m.ref() + " returned twice");
            }
            for (int i = 0; i < before; i += 2) {
              assertTrue(refs.contains((long) i), "ref " + i + " added before the search but not found");
            }
            searches++;
          }
          return searches;
        }));
      }
      writer.get(60, TimeUnit.SECONDS);
      for (Future<Integer> reader : readers) {
        assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(planted / 2, index.search(ZERO, 31).size());
  }

  @Test
  void memoryEstimate_growsWithTheHashes() {
    PdqIndex.Builder builder = PdqIndex.builder(100_000);
    Random random = new Random(1);
    for (int ref = 0; ref < 100_000; ref++) {
      builder.add(ref, Corpora.random(random));
    }
    long bytes = builder.build().memoryBytesEstimate();
    // 32 bytes of hash, 8 of ref, 48 of postings, about 16 of ref map and 15 of offsets per hash.
    assertTrue(bytes > 100_000L * 100 && bytes < 100_000L * 200, "estimate " + bytes);
  }

  @Test
  void flipsSpreadOverEverySubstring_areFoundUpToTheIndexedLimit_andBeyondByTheScan() {
    // The pigeonhole worst case: as many bits flipped in every substring as the distance allows,
    // in the top bits that choose the bucket. 32 = 3 in ten substrings and 2 in one (radius 2 finds
    // it only in that one); 33 = 3 in each (beyond the index, scanned).
    int[] thirtyTwo = new int[SubstringTables.SUBSTRINGS];
    java.util.Arrays.fill(thirtyTwo, 3);
    thirtyTwo[SubstringTables.SUBSTRINGS - 1] = 2;
    int[] thirtyThree = new int[SubstringTables.SUBSTRINGS];
    java.util.Arrays.fill(thirtyThree, 3);
    Random random = new Random(32);
    PdqIndex.Builder builder = PdqIndex.builder(200_002);
    for (int i = 0; i < 200_000; i++) {
      builder.add(1_000 + i, PdqHash.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()));
    }
    PdqIndex index = builder.add(1, flipTopBits(thirtyTwo)).add(2, flipTopBits(thirtyThree)).build();
    assertEquals(32, SubstringTables.MAX_INDEXED_DISTANCE);
    assertEquals(List.of(new PdqMatch(1, 32)), index.search(ZERO, 32));
    assertEquals(List.of(), index.search(ZERO, 31));
    assertEquals(List.of(new PdqMatch(1, 32), new PdqMatch(2, 33)), index.search(ZERO, 33));
  }

  /** ZERO with {@code perSubstring[j]} of the highest bits of substring j set. */
  private static PdqHash flipTopBits(int[] perSubstring) {
    long[] w = new long[4];
    for (int j = 0, start = 0; j < perSubstring.length; start += SubstringTables.width(j), j++) {
      for (int k = 1; k <= perSubstring[j]; k++) {
        int bit = start + SubstringTables.width(j) - k;
        w[bit >>> 6] |= 1L << (bit & 63);
      }
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  private static PdqHash flipLowBits(int bits) {
    return PdqHash.ofWords((1L << bits) - 1, 0, 0, 0);
  }
}
