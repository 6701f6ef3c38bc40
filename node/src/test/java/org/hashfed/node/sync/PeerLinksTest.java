package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.awaitMatchableEverywhere;
import static org.hashfed.node.sync.Federation.metric;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.Node;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer links are opened when a node starts, not by the first entries that need them: a burst then
 * costs no mutual-TLS handshake on any node.
 */
@Tag("slow")
class PeerLinksTest {

  private static final List<String> ALL = List.of("node-a", "node-b", "node-c", "node-d");
  private static final int EXPECTED_PER_NODE = PeerClient.MAX_CONNECTIONS * (ALL.size() - 1);

  @TempDir Path root;

  /**
   * Anti-entropy once an hour: apart from the one head exchange each node makes at start, only
   * the link keeper and the pushes open connections.
   */
  private static NodeConfig.Builder config(NodeConfig.Builder b) {
    return b.workerThreads(2).sync(b.build().sync().withAntiEntropy(Duration.ofHours(1))
        .withTimeout(Duration.ofSeconds(10)));
  }

  @Test
  void everyNodeOpensItsLinksAtStart_andABurstOpensNoConnection() throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(root, ALL, PeerLinksTest::config).startAll();
        TestClient api = new TestClient(c.node("node-a").port())) {
      await(Duration.ofSeconds(30), () -> ALL.stream().allMatch(m -> inbound(c.node(m)).open() == EXPECTED_PER_NODE),
          () -> "open inbound peer connections " + openByNode(c) + ", expected " + EXPECTED_PER_NODE + " on each");
      for (String m : ALL) {
        assertEquals(EXPECTED_PER_NODE, metric(api, c.node(m), "hashfed_peer_connections_open"), m);
      }
      Map<String, Long> accepted = acceptedByNode(c);

      Signal last = null;
      for (int i = 0; i < 40; i++) {
        last = randomMd5();
        submit(c.node(ALL.get(i % ALL.size())), last);
      }
      awaitMatchableEverywhere(c, ALL, last, Duration.ofSeconds(30));

      assertEquals(accepted, acceptedByNode(c), "connections accepted before the burst and after it");
      for (String m : ALL) {
        assertEquals(accepted.get(m), (long) metric(api, c.node(m), "hashfed_peer_connections_accepted_total"), m);
      }
    }
  }

  /**
   * The others' links to a restarted node closed with it; they reopen them as soon as it connects
   * to them, well before their next round (30 s) would.
   */
  @Test
  void aRestartedNodeIsLinkedAgainByEveryPeerAtOnce() {
    try (LocalConsortium c = LocalConsortium.prepare(root, ALL, PeerLinksTest::config).startAll()) {
      await(Duration.ofSeconds(30), () -> ALL.stream().allMatch(m -> inbound(c.node(m)).open() == EXPECTED_PER_NODE),
          () -> "open inbound peer connections " + openByNode(c));
      c.stop("node-b");
      c.start("node-b");
      await(Duration.ofSeconds(60), () -> inbound(c.node("node-b")).open() == EXPECTED_PER_NODE,
          () -> "open inbound peer connections at the restarted node-b: " + inbound(c.node("node-b")).open());
      Signal s = randomMd5();
      long before = inbound(c.node("node-b")).accepted();
      submit(c.node("node-a"), s);
      awaitMatchableEverywhere(c, ALL, s, Duration.ofSeconds(30));
      assertEquals(before, inbound(c.node("node-b")).accepted(), "connections node-b accepted for one entry");
    }
  }

  @Test
  void aPeerAnswersAPingWithNoContent() throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(root, ALL.subList(0, 2), PeerLinksTest::config).startAll()) {
      PeerClient client = c.node("node-a").sync().client(MemberId.parse("node-b")).orElseThrow();
      Future<io.vertx.core.buffer.Buffer> ping = client.get(LinkKeeper.PING_PATH);
      assertEquals(0, ping.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).length());
    }
  }

  private static PeerServer.Connections inbound(Node n) {
    return n.sync().inboundConnections().orElseThrow();
  }

  private static Map<String, Integer> openByNode(LocalConsortium c) {
    Map<String, Integer> out = new TreeMap<>();
    ALL.forEach(m -> out.put(m, inbound(c.node(m)).open()));
    return out;
  }

  private static Map<String, Long> acceptedByNode(LocalConsortium c) {
    Map<String, Long> out = new TreeMap<>();
    ALL.forEach(m -> out.put(m, inbound(c.node(m)).accepted()));
    return out;
  }

}
