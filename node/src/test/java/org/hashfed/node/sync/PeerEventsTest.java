package org.hashfed.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.Node;
import org.hashfed.node.events.CursorExpiredException;
import org.hashfed.node.events.EventFilter;
import org.hashfed.node.events.EventType;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.trust.MatchFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** peer.unreachable and peer.recovered between two real nodes, one of them stopped for a while. */
@Tag("slow")
class PeerEventsTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private LocalConsortium c;

  @AfterEach
  void stop() {
    if (c != null) {
      c.close();
    }
  }

  private static List<JsonObject> peerEvents(Node n) {
    try {
      return n.events().read(Optional.empty(), 100, EventFilter.of(
          EnumSet.of(EventType.PEER_UNREACHABLE, EventType.PEER_RECOVERED), Set.of(), MatchFilter.defaults(), true))
          .events();
    } catch (CursorExpiredException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aStoppedPeer_isUnreachable_once_andRecoveredWhenItIsBack(@TempDir Path root) {
    c = LocalConsortium.prepare(root, List.of("node-a", "node-b"), Federation::fast).startAll();
    c.stop("node-b");
    Node a = c.node("node-a");
    Federation.await(WITHIN, () -> !peerEvents(a).isEmpty(), () -> "no peer event on node-a");
    JsonObject down = peerEvents(a).get(0);
    assertEquals("peer.unreachable", down.getString("type"));
    assertEquals("node-b", down.getJsonObject("data").getString("member"));
    c.start("node-b");
    Federation.await(WITHIN, () -> peerEvents(a).size() >= 2, () -> "events on node-a: " + peerEvents(a));
    List<String> types = peerEvents(a).stream().map(e -> e.getString("type")).toList();
    assertEquals(List.of("peer.unreachable", "peer.recovered"), types);
  }
}
