package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hashfed.protocol.video.VideoLimits;
import org.junit.jupiter.api.Test;

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
}
