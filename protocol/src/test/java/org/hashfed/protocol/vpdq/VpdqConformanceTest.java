package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hashfed.protocol.video.VideoLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every frame of the five reference videos against the C++ reference's hashes (see vpdq/README.md). */
class VpdqConformanceTest {

  static final Path VECTORS = Path.of("src/test/resources/vpdq");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"chair-19-sd-bar", "chair-22-with-large-logo-bar", "doorknob-hd-no-bar",
      "pattern-sd-grey-bar", "test-padded-dimensions"})
  void hash_everyFrame_matchesReferenceWithinTolerance(String video) throws Exception {
    List<VpdqFrame> expected = VpdqFrameLines.parse(
        Files.readString(VECTORS.resolve("expected/" + video + ".txt"), StandardCharsets.US_ASCII));
    VpdqVideo actual = VpdqHasher.hash(VECTORS.resolve("videos/" + video + ".mp4"), 0, VideoLimits.defaults());

    assertEquals(expected.size(), actual.frames().size(), video + ": frame count");
    List<Integer> distances = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      VpdqFrame e = expected.get(i);
      VpdqFrame a = actual.frames().get(i);
      assertEquals(e.frameNumber(), a.frameNumber(), video + ": frame number at " + i);
      assertEquals(e.timestampMillis(), a.timestampMillis(), video + ": timestamp of frame " + i);
      assertTrue(Math.abs(e.quality() - a.quality()) <= 10,
          video + ": frame " + i + " quality " + a.quality() + " vs reference " + e.quality());
      if (e.quality() >= 50) {
        distances.add(e.hash().distance(a.hash()));
      }
    }
    int[] d = distances.stream().mapToInt(Integer::intValue).sorted().toArray();
    double mean = Arrays.stream(d).average().orElse(0);
    int p95 = d.length == 0 ? 0 : d[(int) Math.ceil(0.95 * d.length) - 1];
    int max = d.length == 0 ? 0 : d[d.length - 1];
    System.out.printf("vPDQ conformance %s: %d frames, %d of quality >= 50, distance mean %.3f p95 %d max %d"
        + " (%s, %.3f fps)%n", video, expected.size(), d.length, mean, p95, max, actual, actual.fps());
    assertTrue(mean <= 3, video + ": mean distance " + mean);
    assertTrue(p95 <= 10, video + ": 95th percentile distance " + p95);
    assertTrue(max <= 31, video + ": max distance " + max);
  }
}
