package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.junit.jupiter.api.Test;

class VpdqComparisonTest {

  private static VideoHashes reference(String name) throws Exception {
    try (var in = VpdqComparisonTest.class.getResourceAsStream("/vpdq/expected/" + name + ".txt")) {
      return VideoHashes.of(VpdqFrameLines.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII)));
    }
  }

  private static PdqHash hash(int seed) {
    return PdqHash.ofWords(seed * 0x9E3779B97F4A7C15L, seed * 0xC2B2AE3D27D4EB4FL, seed * 0x165667B19E3779F9L,
        seed * 0x27D4EB2F165667C5L);
  }

  private static VideoHashes video(int quality, int... seeds) {
    List<VpdqFrame> frames = new ArrayList<>();
    for (int i = 0; i < seeds.length; i++) {
      frames.add(VpdqFrame.of(i, i * 1000L, hash(seeds[i]), quality));
    }
    return VideoHashes.of(frames);
  }

  @Test
  void referenceVideo_againstItself_is100_100() throws Exception {
    VideoHashes v = reference("pattern-sd-grey-bar");
    VpdqComparison c = VpdqComparison.of(v, v);
    assertEquals(100.0, c.queryPercent());
    assertEquals(100.0, c.comparedPercent());
    assertEquals(VpdqPairing.STANDARD, c.pairing());
    assertTrue(c.matches(80, 0));
  }

  @Test
  void differentReferenceVideos_matchNothing() throws Exception {
    VpdqComparison c = VpdqComparison.of(reference("chair-19-sd-bar"), reference("doorknob-hd-no-bar"));
    assertEquals(0.0, c.queryPercent());
    assertEquals(0.0, c.comparedPercent());
    assertFalse(c.matches(80, 0));
  }

  @Test
  void percentages_countDistinctHashes_onBothSides() {
    // Query: 1, 1, 2, 3 -> distinct {1, 2, 3}; compared {1, 2, 4, 5}: query 2/3, compared 2/4.
    VpdqComparison c = VpdqComparison.of(video(100, 1, 1, 2, 3), video(100, 1, 2, 4, 5));
    assertEquals(2, c.queryMatched());
    assertEquals(3, c.queryTotal());
    assertEquals(200.0 / 3, c.queryPercent(), 1e-9);
    assertEquals(50.0, c.comparedPercent());
    assertFalse(c.matches(80, 0));
    assertTrue(c.matches(60, 50));
  }

  @Test
  void framesBelowQuality50_doNotCount() {
    VpdqComparison c = VpdqComparison.of(video(49, 1, 2), video(100, 1, 2));
    assertEquals(0, c.queryTotal());
    assertEquals(0.0, c.queryPercent());
    assertFalse(c.matches(0, 0), "a video without usable frames matches nothing, whatever the thresholds");
  }

  @Test
  void contentHashes_pairWithTheOtherSidesWholeFrames() {
    VideoHashes plain = video(100, 1, 2, 3);
    List<PdqResult> content = List.of(PdqResult.of(hash(1), 100), PdqResult.of(hash(2), 100),
        PdqResult.of(hash(3), 100));
    VideoHashes letterboxed = VideoHashes.of(video(100, 7, 8, 9).frames(),
        Optional.of(VpdqContent.of(0, 60, 640, 360, content)));
    VpdqComparison c = VpdqComparison.of(letterboxed, plain);
    assertEquals(100.0, c.queryPercent());
    assertEquals(VpdqPairing.QUERY_CONTENT, c.pairing());
    assertEquals("content", c.pairing().via());
    assertEquals(VpdqPairing.COMPARED_CONTENT, VpdqComparison.of(plain, letterboxed).pairing());
  }
}
