package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.Test;

/**
 * The reverse direction of video matching agrees with the catalog: each held video matched by a
 * new one gets the figures a catalog holding the new video alone gives that held video as a query.
 */
class VideoQueryIndexTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final String[] NAMES = {"chair-19-sd-bar", "chair-22-with-large-logo-bar", "doorknob-hd-no-bar",
      "pattern-sd-grey-bar", "test-padded-dimensions"};

  /** The reference videos, a letterboxed copy, a clip, a logo and a crop through the centre sets. */
  private static Map<String, VideoHashes> corpus() {
    Map<String, VideoHashes> videos = new LinkedHashMap<>();
    for (String name : NAMES) {
      videos.put(name, ReferenceVideos.video(name));
    }
    VideoHashes chair = videos.get("chair-19-sd-bar");
    videos.put("chair-boxed", ReferenceVideos.boxedAround(chair, 7));
    List<VpdqFrame> frames = chair.frames();
    videos.put("chair-clip", VideoHashes.of(frames.subList(4, 12)));
    int n = frames.size();
    List<PdqResult> narrow = ReferenceVideos.noise(n, 1);
    List<PdqResult> wide = ReferenceVideos.noise(n, 2);
    videos.put("centre-source", ReferenceVideos.withSets(chair, ReferenceVideos.noise(n, 3), narrow, wide));
    videos.put("centre-logo", ReferenceVideos.withSets(chair, ReferenceVideos.noise(n, 4), narrow,
        ReferenceVideos.noise(n, 5)));
    videos.put("centre-cropped", ReferenceVideos.withSets(chair, wide, ReferenceVideos.noise(n, 6),
        ReferenceVideos.noise(n, 7)));
    return videos;
  }

  private static Listing listing(VideoHashes v) {
    return Listing.create(EntryId.parse("0".repeat(63) + "1"), MemberId.parse("acme"), Signal.vpdq(v),
        List.of(Label.parse("content:attack-livestream")), Optional.empty(), T0, Optional.empty());
  }

  @Test
  void matchedBy_givesEveryHeldVideoTheCatalogsFigures_forEachSharedVideo() {
    Map<String, VideoHashes> videos = corpus();
    List<String> names = new ArrayList<>(videos.keySet());
    VideoQueryIndex held = VideoQueryIndex.create();
    for (int i = 0; i < names.size(); i++) {
      held.add(i, videos.get(names.get(i)));
    }
    int matched = 0;
    for (String shared : names) {
      Catalog alone = Catalog.create();
      alone.add(listing(videos.get(shared)));
      Map<Long, CatalogMatch> expected = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        List<CatalogMatch> m = alone.match(Signal.vpdq(videos.get(names.get(i))), 31, VideoThresholds.DEFAULTS, T0,
            Optional::of);
        if (!m.isEmpty()) {
          expected.put((long) i, m.get(0));
        }
      }
      Map<Long, VideoQueryIndex.Hit> actual = new LinkedHashMap<>();
      held.matchedBy(videos.get(shared), 31, VideoThresholds.DEFAULTS).forEach(h -> actual.put(h.ref(), h));
      assertEquals(expected.keySet(), actual.keySet(), "held videos matched by " + shared);
      expected.forEach((ref, m) -> {
        assertEquals(m.video().orElseThrow(), actual.get(ref).match(), shared + " against " + names.get(ref.intValue()));
        assertEquals(m.distance(), actual.get(ref).distance());
      });
      matched += actual.size();
    }
    assertTrue(matched > names.size(), "copies match across videos, not only each video itself: " + matched);
  }

  @Test
  void letterboxedAndLogoCopies_findTheHeldUpload_andUnrelatedFootageDoesNot() {
    Map<String, VideoHashes> videos = corpus();
    VideoQueryIndex held = VideoQueryIndex.create();
    held.add(1, videos.get("chair-19-sd-bar"));
    held.add(2, videos.get("centre-source"));
    List<VideoQueryIndex.Hit> boxed = held.matchedBy(videos.get("chair-boxed"), 31, VideoThresholds.DEFAULTS);
    assertEquals(List.of(1L), boxed.stream().map(VideoQueryIndex.Hit::ref).toList());
    assertEquals("content", boxed.get(0).match().via());
    List<VideoQueryIndex.Hit> logo = held.matchedBy(videos.get("centre-logo"), 31, VideoThresholds.DEFAULTS);
    assertEquals(List.of(2L), logo.stream().map(VideoQueryIndex.Hit::ref).toList());
    assertEquals("centre", logo.get(0).match().via());
    assertTrue(held.matchedBy(videos.get("doorknob-hd-no-bar"), 31, VideoThresholds.DEFAULTS).isEmpty());
  }

  @Test
  void remove_takesEveryFrameOut_andAddUnderTheSameRefReplaces() {
    VideoHashes chair = ReferenceVideos.video("chair-19-sd-bar");
    VideoHashes doorknob = ReferenceVideos.video("doorknob-hd-no-bar");
    VideoQueryIndex held = VideoQueryIndex.create();
    held.add(5, chair);
    assertEquals(VideoQueryIndex.framesOf(chair), held.frames());
    held.add(5, doorknob);
    assertEquals(VideoQueryIndex.framesOf(doorknob), held.frames());
    assertTrue(held.matchedBy(chair, 31, VideoThresholds.DEFAULTS).isEmpty(), "the chair was replaced");
    assertTrue(held.remove(5));
    assertFalse(held.remove(5));
    assertEquals(0, held.frames());
    assertTrue(held.matchedBy(doorknob, 31, VideoThresholds.DEFAULTS).isEmpty());
  }
}
