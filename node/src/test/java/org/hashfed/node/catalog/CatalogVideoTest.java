package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.vpdq.FrameSet;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
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

  /**
   * Each edit the centre sets answer matches through its own pairing, and only through it: a
   * centre-60 frame never meets a centre-80 one, nor a centre frame a whole one.
   */
  @Test
  void match_throughTheCentreSets_usesOnlyThePairingsOfSection3() {
    VideoHashes timing = ReferenceVideos.video("chair-19-sd-bar");
    int n = timing.frames().size();
    List<PdqResult> narrow = ReferenceVideos.noise(n, 1);
    List<PdqResult> wide = ReferenceVideos.noise(n, 2);
    VideoHashes source = ReferenceVideos.withSets(timing, ReferenceVideos.noise(n, 3), narrow, wide);
    VideoHashes logo = ReferenceVideos.withSets(timing, ReferenceVideos.noise(n, 4), narrow, ReferenceVideos.noise(n, 5));
    VideoHashes cropped = ReferenceVideos.withSets(timing, wide, ReferenceVideos.noise(n, 6),
        ReferenceVideos.noise(n, 7));
    VideoHashes crossed = ReferenceVideos.withSets(timing, ReferenceVideos.noise(n, 8), wide, narrow);
    Catalog c = Catalog.create();
    c.add(listing(1, Signal.vpdq(source)));
    assertEquals("centre", only(match(c, logo, VideoThresholds.DEFAULTS)).via());
    assertEquals("query-cropped", only(match(c, cropped, VideoThresholds.DEFAULTS)).via());
    assertTrue(match(c, crossed, new VideoThresholds(1, 0)).isEmpty(), "centre-60 against centre-80 is no pairing");
    Catalog holdingTheCrop = Catalog.create();
    holdingTheCrop.add(listing(2, Signal.vpdq(cropped)));
    VideoMatch back = only(match(holdingTheCrop, source, VideoThresholds.DEFAULTS));
    assertEquals("compared-cropped", back.via());
    assertEquals(100.0, back.queryPercent());
  }

  /** A clip shared on its own is found inside the longer upload that holds it, but not a clip of a few frames. */
  @Test
  void match_ofAVideoHoldingASharedClip_isAdmittedByTheContainmentRule_fromFiveFramesOn() {
    List<org.hashfed.protocol.vpdq.VpdqFrame> all = ReferenceVideos.video("chair-19-sd-bar").frames();
    VideoHashes whole = VideoHashes.of(all);
    Catalog c = Catalog.create();
    c.add(listing(1, Signal.vpdq(VideoHashes.of(all.subList(4, 12)))));
    c.add(listing(2, Signal.vpdq(VideoHashes.of(all.subList(14, 17)))));
    List<CatalogMatch> m = match(c, whole, VideoThresholds.DEFAULTS);
    assertEquals(1, m.size(), m.toString());
    assertEquals(listing(1, Signal.vpdq(VideoHashes.of(all.subList(4, 12)))).entryId(), m.get(0).listing().entryId());
    VideoMatch v = m.get(0).video().orElseThrow();
    assertEquals(100.0, v.comparedPercent());
    assertTrue(v.queryPercent() < 80, "the clip is under half of the upload: " + v.queryPercent());
    assertTrue(v.comparedMatched() >= VideoThresholds.MIN_CONTAINED_FRAMES, v.toString());
    assertTrue(match(c, whole, VideoThresholds.PYTHON_THREATEXCHANGE).isEmpty(),
        "python-threatexchange's rule alone finds neither clip");
  }

  private static VideoMatch only(List<CatalogMatch> m) {
    assertEquals(1, m.size(), m.toString());
    assertEquals(100.0, m.get(0).video().orElseThrow().queryPercent());
    return m.get(0).video().orElseThrow();
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

  // Every step-th frame of the reference's every-frame hashes, from frame `first`.
  private static VideoHashes sampled(String name, int first, int step) {
    List<org.hashfed.protocol.vpdq.VpdqFrame> all = ReferenceVideos.frames(name, 1);
    List<org.hashfed.protocol.vpdq.VpdqFrame> out = new java.util.ArrayList<>();
    for (int i = first; i < all.size(); i += step) {
      out.add(all.get(i));
    }
    return VideoHashes.of(out);
  }

  @Test
  void match_ofADenseQuery_countsTimeBins_andReachesWhatAOneSecondQueryAtAnotherPhaseMisses() {
    Catalog c = Catalog.create();
    c.add(listing(1, Signal.vpdq(sampled("chair-19-sd-bar", 0, 30))));
    // the same video sampled once a second half a second later, as a copy trimmed at 1.5 s would be
    List<CatalogMatch> shifted = match(c, sampled("chair-19-sd-bar", 15, 30), new VideoThresholds(0, 0));
    double shiftedPercent = shifted.isEmpty() ? 0 : shifted.get(0).video().orElseThrow().queryPercent();
    assertTrue(shiftedPercent < 80, "a 1 s query half a second off: " + shiftedPercent);
    // every frame of the video, as a node hashes a query file densely: counted in 1 s bins
    List<CatalogMatch> dense = match(c, sampled("chair-19-sd-bar", 0, 1), VideoThresholds.DEFAULTS);
    assertEquals(1, dense.size(), dense.toString());
    assertTrue(dense.get(0).video().orElseThrow().queryPercent() >= 80, dense.toString());
    // frame for frame, 30 frames would count for each one the candidate has
    assertTrue(dense.get(0).video().orElseThrow().comparedPercent() >= 80, dense.toString());
  }

  @Test
  void match_ofADenseQueryOfAnotherVideo_findsNothing() {
    Catalog c = Catalog.create();
    c.add(listing(1, Signal.vpdq(sampled("chair-19-sd-bar", 0, 30))));
    assertTrue(match(c, sampled("doorknob-hd-no-bar", 0, 1), VideoThresholds.DEFAULTS).isEmpty());
  }

  @Test
  void binnedPercent_countsABinOnceWhateverNumberOfItsFramesMatched() {
    VideoHashes source = sampled("chair-19-sd-bar", 0, 1);
    IndexedVideo q = IndexedVideo.of(source);
    int[] best = new int[q.count(FrameSet.STANDARD)];
    java.util.Arrays.fill(best, Integer.MAX_VALUE);
    // the first distinct hash matched: its frames' bins, out of all bins of 1 s
    best[0] = 3;
    long bins = source.frames().stream().filter(f -> f.quality() >= 50).mapToLong(f -> f.timestampMillis() / 1000)
        .distinct().count();
    long matchedBins = java.util.Arrays.stream(q.times(0)).map(t -> t / 1000).distinct().count();
    assertEquals(100.0 * matchedBins / bins, VideoMatcher.binnedPercent(q, FrameSet.STANDARD, best, 1000), 1e-9);
  }

  @Test
  void firstOfBinPercent_countsTheFramesTheQueryWouldHaveAtTheCandidatesInterval() {
    IndexedVideo q = IndexedVideo.of(sampled("chair-19-sd-bar", 0, 1));
    int[] best = new int[q.count(FrameSet.STANDARD)];
    java.util.Arrays.fill(best, Integer.MAX_VALUE);
    // only the frame at 0 ms matched: one of the 19 frames that open a 1 s bin
    best[0] = 0;
    assertEquals(100.0 / 19, VideoMatcher.firstOfBinPercent(q, FrameSet.STANDARD, best, 1000), 1e-9);
  }
}
