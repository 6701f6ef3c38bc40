package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.Crop;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling as the reference does it. */
class VpdqHasherTest {

  @Test
  void frameMod_truncatesAndNeverZero() {
    assertEquals(30, VpdqHasher.frameMod(1.0, 30.0));
    assertEquals(29, VpdqHasher.frameMod(1.0, 29.97));
    assertEquals(1, VpdqHasher.frameMod(0, 30.0));
    assertEquals(1, VpdqHasher.frameMod(1.0, 0.5));
  }

  @Test
  void hash_oneSecond_hashesEveryThirtiethFrameOfTheEveryFrameHashes() throws Exception {
    var file = VpdqConformanceTest.VECTORS.resolve("videos/pattern-sd-grey-bar.mp4");
    List<VpdqFrame> all = VpdqHasher.hash(file, 0, VideoLimits.defaults()).frames();
    VpdqVideo sampled = VpdqHasher.hash(file, 1.0, VideoLimits.defaults());
    assertEquals(7, sampled.frames().size());
    for (VpdqFrame f : sampled.frames()) {
      assertEquals(0, f.frameNumber() % 30);
      assertEquals(all.get(f.frameNumber()), f);
    }
  }

  @Test
  void hash_negativeInterval_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> VpdqHasher.hash(VpdqConformanceTest.VECTORS.resolve("videos/pattern-sd-grey-bar.mp4"), -1,
            VideoLimits.defaults()));
  }

  @Test
  void hashRegion_wholeFrame_isThePlainHash() throws Exception {
    var file = VpdqConformanceTest.VECTORS.resolve("videos/pattern-sd-grey-bar.mp4");
    assertEquals(VpdqHasher.hash(file, 1.0, VideoLimits.defaults()).frames(),
        VpdqHasher.hashRegion(file, 1.0, VideoLimits.defaults(), FrameRegion.of(0, 0, 1, 1)).frames());
  }

  /** A copy cut by a tenth on each side shows the source's central 80%: its whole frames match that region. */
  @Test
  void hashRegion_centralFourFifths_matchesTheWholeFramesOfACopyCroppedByATenth(@TempDir Path dir) throws Exception {
    Path source = VpdqConformanceTest.VECTORS.resolve("videos/doorknob-hd-no-bar.mp4");
    Path cropped = dir.resolve("cropped.mp4");
    VideoVariants.create().write(source, cropped, List.of(Crop.of(0.1, false)));
    List<VpdqFrame> centre = VpdqHasher.hashRegion(source, 0.25, VideoLimits.defaults(), FrameRegion.centre(0.8))
        .frames();
    List<VpdqFrame> whole = VpdqHasher.hash(source, 0.25, VideoLimits.defaults()).frames();
    List<VpdqFrame> copy = VpdqHasher.hash(cropped, 0.25, VideoLimits.defaults()).frames();
    assertEquals(centre.size(), copy.size());
    int compared = 0;
    int centreNear = 0;
    int wholeNear = 0;
    for (int i = 0; i < copy.size(); i++) {
      assertEquals(whole.get(i).frameNumber(), centre.get(i).frameNumber());
      if (copy.get(i).quality() >= 50 && centre.get(i).quality() >= 50) {
        compared++;
        centreNear += copy.get(i).hash().distance(centre.get(i).hash()) <= 31 ? 1 : 0;
        wholeNear += copy.get(i).hash().distance(whole.get(i).hash()) <= 31 ? 1 : 0;
      }
    }
    assertTrue(compared >= 5 && centreNear >= compared * 9 / 10, centreNear + " of " + compared + " frames within 31");
    assertTrue(wholeNear < centreNear / 2, "the crop alone should defeat whole-frame hashes: " + wholeNear);
  }

  @Test
  void hashRegion_nullRegion_throws() {
    assertThrows(NullPointerException.class,
        () -> VpdqHasher.hashRegion(VpdqConformanceTest.VECTORS.resolve("videos/pattern-sd-grey-bar.mp4"), 1.0,
            VideoLimits.defaults(), null));
  }
}
