package org.hashfed.node.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.pdq.PdqHash;

class PdqIndexProperties {

  @Property(tries = 60)
  void search_matchesLinearScan_atEveryDistance_afterBuildAddsAndRemoves(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3000) int built,
      @ForAll @IntRange(min = 0, max = 2500) int addedLater,
      @ForAll @IntRange(min = 0, max = 100) int removedPercent) {
    Random random = new Random(seed);
    PdqHash[] corpus = Corpora.clustered(built + addedLater, random);
    PdqIndex.Builder builder = PdqIndex.builder(built);
    LinearScanIndex scan = LinearScanIndex.create(corpus.length);
    long[] refs = random.longs(corpus.length).distinct().toArray();
    int n = refs.length;
    for (int i = 0; i < Math.min(built, n); i++) {
      builder.add(refs[i], corpus[i]);
      scan.add(refs[i], corpus[i]);
    }
    PdqIndex index = builder.build();
    for (int i = built; i < n; i++) {
      index.add(refs[i], corpus[i]);
      scan.add(refs[i], corpus[i]);
    }
    for (int i = 0; i < n; i++) {
      if (random.nextInt(100) < removedPercent) {
        assertEquals(scan.remove(refs[i]), index.remove(refs[i]));
      }
    }
    assertEquals(scan.size(), index.size());
    for (int q = 0; q < 8; q++) {
      PdqHash query = Corpora.query(corpus, random);
      for (int maxDistance = 0; maxDistance <= PdqMatcher.MAX_DISTANCE; maxDistance++) {
        assertEquals(scan.search(query, maxDistance), index.search(query, maxDistance),
            "query " + query + " at max distance " + maxDistance);
      }
    }
  }

  @Property(tries = 40)
  void searchWithLimit_returnsTheFirstMatchesInOrder(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int limit,
      @ForAll @IntRange(min = 0, max = 63) int maxDistance) {
    Random random = new Random(seed);
    PdqHash centre = Corpora.random(random);
    PdqIndex index = PdqIndex.create();
    for (int ref = 0; ref < 200; ref++) {
      index.add(ref, Corpora.flip(centre, random.nextInt(64), random));
    }
    List<PdqMatch> all = index.search(centre, maxDistance);
    List<PdqMatch> first = index.search(centre, maxDistance, limit);
    assertEquals(all.subList(0, Math.min(limit, all.size())), first);
  }
}
