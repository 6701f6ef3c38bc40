package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.junit.jupiter.api.Test;

/** Video matching over the reference's own hashes of the vector videos. */
class CatalogVideoTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final MemberId ACME = MemberId.parse("acme");
  private static final List<Label> LABELS = List.of(Label.parse("content:attack-livestream"));

  private static Listing listing(int n, Signal signal) {
    return Listing.create(EntryId.parse(String.format("%064x", n)), ACME, signal, LABELS, Optional.empty(), T0,
        Optional.empty());
  }

  private static List<CatalogMatch> match(Catalog c, VideoHashes q, VideoThresholds t) {
    return c.match(Signal.vpdq(q), 31, t, T0, Optional::of);
  }

  private static Catalog withChairAndDoorknob() {
    Catalog c = Catalog.create();
    c.add(listing(1, Signal.vpdq(ReferenceVideos.video("chair-19-sd-bar"))));
    c.add(listing(2, Signal.vpdq(ReferenceVideos.video("doorknob-hd-no-bar"))));
    return c;
  }

  @Test
  void match_ofTheSameVideo_isFullOnBothSides_andFindsNoOther() {
    List<CatalogMatch> m = match(withChairAndDoorknob(), ReferenceVideos.video("chair-19-sd-bar"),
        VideoThresholds.DEFAULTS);
    assertEquals(1, m.size(), m.toString());
    VideoMatch v = m.get(0).video().orElseThrow();
    assertEquals(100.0, v.queryPercent());
    assertEquals(100.0, v.comparedPercent());
    assertEquals("standard", v.via());
    assertEquals(0, m.get(0).distance());
    assertEquals(1, v.ranges().size(), v.ranges().toString());
    assertEquals(0, v.ranges().get(0).fromMillis());
  }

  @Test
  void match_ofTheFirstHalf_isFullForTheQueryAndHalfForTheShared_andReportsTheRange() {
    List<org.hashfed.protocol.vpdq.VpdqFrame> all = ReferenceVideos.video("chair-19-sd-bar").frames();
    VideoHashes half = VideoHashes.of(all.subList(0, all.size() / 2));
    VideoMatch v = match(withChairAndDoorknob(), half, VideoThresholds.DEFAULTS).get(0).video().orElseThrow();
    assertEquals(100.0, v.queryPercent());
    assertTrue(v.comparedPercent() > 35 && v.comparedPercent() < 65, String.valueOf(v.comparedPercent()));
    assertTrue(v.ranges().get(v.ranges().size() - 1).toMillis() < all.get(all.size() - 1).timestampMillis(),
        v.ranges().toString());
    assertTrue(match(withChairAndDoorknob(), half, new VideoThresholds(80, 90)).isEmpty(),
        "compared_percent 90 leaves out a match that covers half the shared video");
  }

  @Test
  void match_ofALetterboxedCopy_matchesThroughTheContentHashes() {
    Catalog c = Catalog.create();
    VideoHashes source = ReferenceVideos.video("chair-19-sd-bar");
    c.add(listing(1, Signal.vpdq(ReferenceVideos.boxedAround(source, 7))));
    List<CatalogMatch> m = match(c, source, VideoThresholds.DEFAULTS);
    assertEquals(1, m.size());
    assertEquals("content", m.get(0).video().orElseThrow().via());
    assertEquals(100.0, m.get(0).video().orElseThrow().queryPercent());
  }

  @Test
  void match_ofAnImageHash_neverReturnsAVideoFrame_andRemoveTakesEveryFrameOut() {
    Catalog c = withChairAndDoorknob();
    VideoHashes chair = ReferenceVideos.video("chair-19-sd-bar");
    PdqHash frame = chair.frames().get(3).hash();
    assertTrue(c.match(Signal.pdq(frame.toHex(), 100), 31, T0).isEmpty());
    assertTrue(c.remove(EntryId.parse(String.format("%064x", 1))));
    assertTrue(match(c, chair, new VideoThresholds(0, 0)).isEmpty());
    assertEquals(1, c.sizeByType().get(org.hashfed.protocol.signal.SignalType.VPDQ));
  }

  @Test
  void build_indexesVideosAsAddDoes() {
    Catalog.Builder b = Catalog.builder(2);
    b.add(listing(1, Signal.vpdq(ReferenceVideos.video("chair-19-sd-bar"))));
    b.add(listing(2, Signal.vpdq(ReferenceVideos.video("doorknob-hd-no-bar"))));
    Catalog built = b.build();
    List<CatalogMatch> m = match(built, ReferenceVideos.video("doorknob-hd-no-bar"), VideoThresholds.DEFAULTS);
    assertEquals(1, m.size());
    assertEquals(EntryId.parse(String.format("%064x", 2)), m.get(0).listing().entryId());
  }
}
