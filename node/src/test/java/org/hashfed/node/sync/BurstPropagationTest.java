package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.heads;
import static org.hashfed.node.sync.Federation.matchable;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of entries at one node of five: every node ends with all of them, and tree push with
 * batching delivers each about once (flood would deliver each entry four times to every node).
 */
@Tag("slow")
class BurstPropagationTest {

  private static final List<String> ALL = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
  private static final int BURST = 100;

  @TempDir Path root;

  /** Anti-entropy slower than in the other federation tests, so that push does the delivering. */
  private static NodeConfig.Builder config(NodeConfig.Builder b) {
    return b.workerThreads(2).sync(b.build().sync().withAntiEntropy(Duration.ofSeconds(1))
        .withTimeout(Duration.ofSeconds(10)));
  }

  @Test
  void burstAtOneNode_reachesEveryNode_withFewCopiesPerEntry() {
    try (LocalConsortium c = LocalConsortium.prepare(root, ALL, BurstPropagationTest::config).startAll()) {
      List<Signal> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        Signal s = randomMd5();
        submit(c.node("node-a"), s);
        burst.add(s);
      }
      Map<String, Long> expected = heads(c.node("node-a"));
      await(Duration.ofSeconds(60), () -> ALL.stream().allMatch(m -> heads(c.node(m)).equals(expected)),
          () -> "heads " + ALL.stream().map(m -> m + "=" + heads(c.node(m))).toList() + ", expected " + expected);

      for (String m : ALL) {
        assertTrue(burst.stream().allMatch(s -> matchable(c.node(m), s)), "an entry of the burst is not matchable at " + m);
      }
      for (String m : ALL.subList(1, ALL.size())) {
        long received = c.node(m).sync().stats().received();
        assertTrue(received >= BURST, m + " received " + received + " envelopes for " + BURST + " entries");
        assertTrue(received < 3L * BURST, m + " received " + received + " envelopes for " + BURST
            + " entries: expected fewer than 3 copies per entry (flood gives 4)");
      }
    }
  }
}
