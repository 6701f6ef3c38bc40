package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqComparison;
import org.junit.jupiter.api.Test;

/**
 * The indexed matcher against the plain pairwise comparison it must agree with: the same query%,
 * compared% and pairing for every pair of reference videos (and their boxed variants), all sampled
 * once a second.
 */
class VideoMatcherAgreementTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final List<String> NAMES = List.of("chair-19-sd-bar", "chair-22-with-large-logo-bar",
      "pattern-sd-grey-bar", "doorknob-hd-no-bar", "test-padded-dimensions");

  @Test
  void everyPair_givesThePercentagesOfThePairwiseComparison() {
    List<VideoHashes> videos = new java.util.ArrayList<>();
    for (String n : NAMES) {
      VideoHashes v = ReferenceVideos.video(n);
      videos.add(v);
      videos.add(ReferenceVideos.boxedAround(v, n.length()));
    }
    for (int c = 0; c < videos.size(); c++) {
      Catalog catalog = Catalog.create();
      catalog.add(Listing.create(EntryId.parse(String.format("%064x", c + 1)), MemberId.parse("acme"),
          Signal.vpdq(videos.get(c)), List.of(Label.parse("content:attack-livestream")), Optional.empty(), T0,
          Optional.empty()));
      for (int q = 0; q < videos.size(); q++) {
        VpdqComparison expected = VpdqComparison.of(videos.get(q), videos.get(c));
        List<CatalogMatch> m = catalog.match(Signal.vpdq(videos.get(q)), VpdqComparison.MAX_DISTANCE,
            new VideoThresholds(0, 0), T0, Optional::of);
        String pair = "query " + q + " against " + c;
        if (expected.queryMatched() == 0) {
          assertEquals(0, m.size(), pair);
          continue;
        }
        assertEquals(1, m.size(), pair);
        VideoMatch v = m.get(0).video().orElseThrow();
        assertEquals(expected.queryPercent(), v.queryPercent(), 1e-9, pair);
        assertEquals(expected.comparedPercent(), v.comparedPercent(), 1e-9, pair);
        assertEquals(expected.pairing().via(), v.via(), pair);
      }
    }
  }
}
