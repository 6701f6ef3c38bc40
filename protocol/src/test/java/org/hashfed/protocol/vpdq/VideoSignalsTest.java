package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.Bars;
import org.hashfed.protocol.video.edit.VideoEdits;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSignalsTest {

  private static final Path VIDEOS = Path.of("src/test/resources/vpdq/videos");

  @Test
  void hash_ofAVideoWithoutBars_hasStandardFramesOnly() throws Exception {
    VideoHashes v = VideoSignals.hash(VIDEOS.resolve("doorknob-hd-no-bar.mp4"), 1, VideoLimits.defaults());
    assertTrue(v.content().isEmpty(), v.toString());
    assertEquals(4, v.frames().size());
  }

  /** The content hashes of a letterboxed copy are the source's own whole-frame hashes, give or take. */
  @Test
  void hash_ofALetterboxedCopy_givesContentHashesThatMatchTheSourceFrames(@TempDir Path dir) throws Exception {
    Path source = VIDEOS.resolve("doorknob-hd-no-bar.mp4");
    Path boxed = dir.resolve("boxed.mp4");
    VideoVariants.create().write(source, boxed, List.of(Bars.letterbox(0.15)));
    VideoHashes original = VideoSignals.hash(source, 0, VideoLimits.defaults());
    VideoHashes copy = VideoSignals.hash(boxed, 0, VideoLimits.defaults());
    VpdqContent content = copy.content().orElseThrow(() -> new AssertionError("no content area in " + copy));
    assertEquals(original.frames().size(), content.frames().size());
    int near = 0;
    int compared = 0;
    for (int i = 0; i < content.frames().size(); i++) {
      PdqResult c = content.frames().get(i);
      VpdqFrame o = original.frames().get(i);
      if (o.quality() >= 50 && c.quality() >= 50) {
        compared++;
        if (c.hash().distance(o.hash()) <= 31) {
          near++;
        }
      }
    }
    assertTrue(compared > 20 && near >= compared * 9 / 10, near + " of " + compared + " frames within 31");
    int wholeNear = 0;
    for (int i = 0; i < copy.frames().size(); i++) {
      if (copy.frames().get(i).hash().distance(original.frames().get(i).hash()) <= 31) {
        wholeNear++;
      }
    }
    assertTrue(wholeNear < near / 2, "the bars alone should defeat whole-frame hashes: " + wholeNear);
  }

  @Test
  void hash_carriesTheCentreRegionsOfEveryFrame() throws Exception {
    Path source = VIDEOS.resolve("doorknob-hd-no-bar.mp4");
    VideoHashes v = VideoSignals.hash(source, 1, VideoLimits.defaults());
    VpdqCentre centre = v.centre().orElseThrow(() -> new AssertionError("no centre hashes in " + v));
    assertEquals(VpdqHasher.hashRegion(source, 1, VideoLimits.defaults(), VpdqCentre.NARROW).frames().stream()
        .map(f -> PdqResult.of(f.hash(), f.quality())).toList(), centre.narrow());
    assertEquals(VpdqHasher.hashRegion(source, 1, VideoLimits.defaults(), VpdqCentre.WIDE).frames().stream()
        .map(f -> PdqResult.of(f.hash(), f.quality())).toList(), centre.wide());
  }

  /**
   * A logo in a corner and a crop by a tenth on each side defeat whole-frame (and content-area)
   * hashes; the centre sets find both copies, each through its own pairing.
   */
  @Test
  void centreSets_matchALogoCopyAndACroppedCopy_whereVersion1HashesDoNot(@TempDir Path dir) throws Exception {
    Path source = VIDEOS.resolve("chair-19-sd-bar.mp4");
    VideoHashes original = VideoSignals.hash(source, 1, VideoLimits.defaults());
    for (String edit : List.of("logo=25%", "crop=10%")) {
      Path copy = dir.resolve(edit.replaceAll("[^a-z0-9]", "_") + ".mp4");
      VideoVariants.create().write(source, copy, VideoEdits.parseList(edit));
      VideoHashes edited = VideoSignals.hash(copy, 1, VideoLimits.defaults());
      VpdqComparison v1 = VpdqComparison.of(edited.withoutCentre(), original.withoutCentre());
      assertTrue(!v1.matches(80, 0), edit + " should defeat version-1 hashes: " + v1);
      VpdqComparison full = VpdqComparison.of(edited, original);
      assertTrue(full.matches(80, 0), edit + ": " + full);
      assertEquals(edit.startsWith("logo") ? "centre" : "query-cropped", full.pairing().via(), edit + ": " + full);
      VpdqComparison back = VpdqComparison.of(original, edited);
      assertTrue(back.matches(80, 0), edit + " the other way round: " + back);
    }
  }

  @Test
  void thinned_keepsEveryKthFrameWithinTheCap() {
    List<Integer> seven = List.of(0, 1, 2, 3, 4, 5, 6);
    assertEquals(seven, VideoSignals.thinned(seven, 7));
    assertEquals(List.of(0, 2, 4, 6), VideoSignals.thinned(seven, 4));
    assertEquals(List.of(0, 3, 6), VideoSignals.thinned(seven, 3));
  }
}
