package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retro-hunt checks run after the write that queues them: a write commits while its check waits,
 * and a check left pending when the node stops runs at the next start, its events in the log once.
 */
class RetroHuntResumeTest {

  @TempDir Path dir;
  Node node;
  TestClient http;
  String admin;

  private void start() {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
  }

  private void stop() throws Exception {
    http.close();
    node.stop();
    http = null;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (http != null) {
      stop();
    }
  }

  private JsonArray events(String types) {
    HttpResponse<Buffer> r = http.get("/v1/updates?limit=1000&types=" + types, admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("events");
  }

  @Test
  void checkPendingAtAStop_runsAtTheNextStart_andItsRetroMatchIsLoggedOnce() throws Exception {
    start();
    admin = Files.readString(dir.resolve("admin.key")).trim();
    HttpResponse<Buffer> watched = http.post("/v1/watch", admin, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("content_id", "upload-7").put("signals", new JsonArray()
            .add(new JsonObject().put("type", "md5").put("value", WatchApiTest.MD5))))));
    assertEquals(202, watched.statusCode(), watched.bodyAsString());
    node.retroHunter().pause();
    SignedEntry s = new FakeConsortium("acme").submitMd5("acme", WatchApiTest.MD5, "behavior:glorification");
    node.ledger().orElseThrow().ingest(s);
    assertEquals(1, events("signal.added").size(), "the write committed while its check waits");
    assertEquals(1, node.retroHunter().pendingCount());
    assertEquals(0, events("retro.match").size());
    stop();

    start();
    Await.until(Duration.ofSeconds(30), () -> node.retroHunter().pendingCount() == 0,
        () -> "the check left pending runs at start");
    JsonArray matches = events("retro.match");
    assertEquals(1, matches.size(), matches.encodePrettily());
    JsonObject d = matches.getJsonObject(0).getJsonObject("data");
    assertEquals("upload-7", d.getString("content_id"));
    assertEquals(s.id().hex(), d.getString("entry_id"));
    assertEquals("signal.added", d.getString("cause"));
    stop();

    start();
    Await.until(Duration.ofSeconds(30), () -> node.retroHunter().pendingCount() == 0, () -> "nothing pending");
    assertEquals(1, events("retro.match").size(), "a check that ran is not run again");
  }

  @Test
  void resumedHunter_runsTheChecksQueuedWhilePaused() throws Exception {
    start();
    admin = Files.readString(dir.resolve("admin.key")).trim();
    assertEquals(202, http.post("/v1/watch", admin, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("content_id", "upload-8").put("signals", new JsonArray()
            .add(new JsonObject().put("type", "md5").put("value", WatchApiTest.MD5)))))).statusCode());
    node.retroHunter().pause();
    node.ledger().orElseThrow().ingest(new FakeConsortium("acme").submitMd5("acme", WatchApiTest.MD5, "behavior:glorification"));
    assertEquals(0, events("retro.match").size());
    node.retroHunter().resume();
    Await.until(Duration.ofSeconds(30), () -> events("retro.match").size() == 1, () -> "the retro.match after resume");
    assertEquals(0, node.retroHunter().pendingCount());
  }
}
