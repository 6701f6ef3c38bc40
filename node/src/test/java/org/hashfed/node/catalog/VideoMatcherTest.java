package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.Test;

/** The search of a subset of a query's frames against the search of all of them. */
class VideoMatcherTest {

  private static final int FRAMES = 40;

  private static PdqHash flip(PdqHash h, int bits, SplittableRandom r) {
    long[] w = h.words();
    for (int i = 0; i < bits; i++) {
      int b = r.nextInt(256);
      w[b >> 6] ^= 1L << b;
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  private static PdqHash random(SplittableRandom r) {
    return PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  private static VideoHashes video(List<PdqHash> hashes) {
    List<VpdqFrame> frames = new ArrayList<>();
    for (int i = 0; i < hashes.size(); i++) {
      frames.add(VpdqFrame.of(i * 30, i * 1000L, hashes.get(i), 100));
    }
    return VideoHashes.of(frames);
  }

  @Test
  void match_atEightyPercent_searchingAFifthOfTheFrames_findsWhatSearchingAllFinds() {
    SplittableRandom r = new SplittableRandom(11);
    PdqIndex index = PdqIndex.create();
    Map<Long, IndexedVideo> videos = new HashMap<>();
    List<List<PdqHash>> walks = new ArrayList<>();
    for (long ref = 0; ref < 300; ref++) {
      List<PdqHash> walk = new ArrayList<>();
      PdqHash h = random(r);
      for (int f = 0; f < FRAMES; f++) {
        h = flip(h, 1 + r.nextInt(30), r);
        walk.add(h);
      }
      walks.add(walk);
      IndexedVideo v = IndexedVideo.of(video(walk));
      videos.put(ref, v);
      for (int slot = 0; slot < v.slots(); slot++) {
        index.add(FrameRefs.of(ref, slot), v.hash(slot));
      }
    }
    int matched = 0;
    for (int q = 0; q < 200; q++) {
      // a noisy copy of one video with a share of its frames (50-100%) replaced by noise, so that
      // queries fall on both sides of 80%
      List<PdqHash> walk = walks.get(r.nextInt(walks.size()));
      double kept = 0.5 + r.nextDouble() / 2;
      List<PdqHash> query = new ArrayList<>();
      for (PdqHash h : walk) {
        query.add(r.nextDouble() < kept ? flip(h, r.nextInt(20), r) : random(r));
      }
      IndexedVideo qv = IndexedVideo.of(video(query));
      List<VideoMatcher.Hit> all = VideoMatcher.match(index, qv, 31, new VideoThresholds(0, 0), 1000, videos::get).stream()
          .filter(h -> h.match().queryPercent() >= 80).toList();
      List<VideoMatcher.Hit> probed = VideoMatcher.match(index, qv, 31, VideoThresholds.PYTHON_THREATEXCHANGE, 1000,
          videos::get);
      assertEquals(all, probed, "query " + q);
      matched += all.isEmpty() ? 0 : 1;
    }
    assertTrue(matched > 20 && matched < 180, "queries on both sides of 80%: " + matched);
  }

  @Test
  void probes_atEightyPercent_areAFifthOfTheFramesAndOne() {
    List<PdqHash> hashes = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 600; i++) {
      hashes.add(random(r));
    }
    assertEquals(121, VideoMatcher.probes(IndexedVideo.of(video(hashes)), 80, Integer.MAX_VALUE).length);
    assertEquals(600, VideoMatcher.probes(IndexedVideo.of(video(hashes)), 0.01, Integer.MAX_VALUE).length);
  }

  @Test
  void probes_withTheContainmentRule_areAtMostARunApart() {
    List<PdqHash> hashes = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 600; i++) {
      hashes.add(random(r));
    }
    int[] probes = VideoMatcher.probes(IndexedVideo.of(video(hashes)), 80, VideoMatcher.CONTAINED_RUN);
    assertEquals(150, probes.length);
    for (int i = 1; i < probes.length; i++) {
      assertTrue(probes[i] - probes[i - 1] <= VideoMatcher.CONTAINED_RUN, "gap at " + i);
    }
  }
}
