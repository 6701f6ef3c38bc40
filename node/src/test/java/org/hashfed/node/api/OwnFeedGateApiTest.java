package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of a two-member consortium whose peer is down cannot know whether it lost entries of its
 * own feed: it refuses to sign new ones (503, nothing written) until the peer is reachable.
 */
@Tag("slow")
class OwnFeedGateApiTest {

  @Test
  void submissionWhileNoPeerHasConfirmedTheOwnFeed_is503_thenSucceedsOnceThePeerIsUp(@TempDir Path dir)
      throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(dir, List.of("acme", "beta"),
        b -> b.sync(b.build().sync().withAntiEntropy(Duration.ofMillis(200))))) {
      c.start("acme");
      String key = Files.readString(c.config("acme").adminKeyFile()).strip();
      JsonObject body = new JsonObject().put("signal", new JsonObject().put("type", "md5")
          .put("value", "0123456789abcdef0123456789abcdef")).put("labels", new io.vertx.core.json.JsonArray()
          .add("behavior:glorification"));
      try (TestClient client = new TestClient(c.node("acme").port())) {
        var refused = client.post("/v1/submissions", key, body);
        assertEquals(503, refused.statusCode(), refused.bodyAsString());
        assertEquals("urn:hashfed:problem:own-feed-unconfirmed", refused.bodyAsJsonObject().getString("type"));
        assertEquals("2", refused.getHeader("Retry-After"));
        assertEquals(0, c.node("acme").ledger().orElseThrow().feed(MemberId.parse("acme")).lastSeq(),
            "a refused submission wrote nothing");
        // Matching does not wait for the gate.
        assertEquals(200, client.get("/v1/match?type=md5&value=0123456789abcdef0123456789abcdef", key).statusCode());

        c.start("beta");
        var created = client.post("/v1/submissions", key, body);
        assertEquals(201, created.statusCode(), created.bodyAsString());
        assertEquals(1, created.bodyAsJsonObject().getLong("seq"));
      }
    }
  }
}
