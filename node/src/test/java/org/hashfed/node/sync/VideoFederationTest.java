package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.matchable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A video entry travels, matches, survives a restart and is retracted like an image entry. */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VideoFederationTest {

  private static final List<String> ALL = List.of("node-a", "node-b");
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private LocalConsortium c;

  @BeforeAll
  void start(@TempDir Path root) {
    c = LocalConsortium.prepare(root, ALL, Federation::fast).startAll();
  }

  @AfterAll
  void stop() {
    c.close();
  }

  /** The reference vPDQ hashes of {@code chair-19-sd-bar.mp4}, every frame (564 of them). */
  static VideoHashes chair() throws IOException {
    List<VpdqFrame> frames = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../protocol/src/test/resources/vpdq/expected/chair-19-sd-bar.txt"))) {
      String[] f = line.split(",");
      frames.add(VpdqFrame.of(Integer.parseInt(f[0]), Math.round(Double.parseDouble(f[3]) * 1000),
          PdqHash.fromHex(f[2]), Integer.parseInt(f[1])));
    }
    return VideoHashes.of(frames);
  }

  @Test
  void videoSubmittedAtOneNode_matchesAtTheOther_afterItsRestart_untilRetracted() throws Exception {
    Signal video = Signal.vpdq(chair());
    Appended a = c.node("node-a").ledger().orElseThrow().submit(
        Submit.of(video, List.of(Label.parse("content:attack-livestream"))));
    await(WITHIN, () -> matchable(c.node("node-b"), video), () -> "node-b never matched the video");

    c.stop("node-b");
    c.start("node-b").awaitReady(WITHIN);
    List<CatalogMatch> m = c.node("node-b").ledger().orElseThrow().catalog()
        .match(video, 31, VideoThresholds.DEFAULTS, Instant.now(), Optional::of);
    assertEquals(1, m.size(), "after the replay: " + m);
    assertEquals(a.entryId(), m.get(0).listing().entryId());
    assertEquals(video, m.get(0).listing().signal());
    assertTrue(m.get(0).video().orElseThrow().queryPercent() == 100.0);

    c.node("node-a").ledger().orElseThrow().retract(a.entryId(), ReasonCode.FALSE_POSITIVE, Optional.empty());
    await(WITHIN, () -> !matchable(c.node("node-b"), video), () -> "node-b still matches the retracted video");
  }
}
