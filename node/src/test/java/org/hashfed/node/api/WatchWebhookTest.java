package org.hashfed.node.api;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code retro.match} reaches a webhook that asked for it, and only that event. */
class WatchWebhookTest {

  @TempDir Path dir;
  Node node;
  TestClient http;
  WireMockServer receiver;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      http.close();
      node.stop();
    }
    if (receiver != null) {
      receiver.stop();
    }
  }

  @Test
  void retroMatch_isDeliveredToAWebhookForIt() throws Exception {
    receiver = new WireMockServer(options().dynamicPort());
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(ok()));
    node = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    HttpResponse<Buffer> created = http.post("/v1/admin/webhooks", admin, new JsonObject()
        .put("url", "http://127.0.0.1:" + receiver.port() + "/hook").put("events", new JsonArray().add("retro.match")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    HttpResponse<Buffer> watched = http.post("/v1/watch", admin, new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("content_id", "upload-9").put("signals", new JsonArray()
            .add(new JsonObject().put("type", "md5").put("value", WatchApiTest.MD5))))));
    assertEquals(202, watched.statusCode(), watched.bodyAsString());
    SignedEntry s = new FakeConsortium("acme").submitMd5("acme", WatchApiTest.MD5, "behavior:glorification");
    node.ledger().orElseThrow().ingest(s);
    Await.until(Duration.ofSeconds(20), () -> !receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).isEmpty(),
        () -> "a delivery of retro.match");
    List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
    JsonObject body = new JsonObject(received.get(0).getBodyAsString());
    assertEquals("retro.match", body.getString("type"));
    assertEquals("upload-9", body.getJsonObject("data").getString("content_id"));
    assertEquals(s.id().hex(), body.getJsonObject("data").getString("entry_id"));
    // One endpoint's deliveries arrive in log order, and the signal.added of this entry precedes its
    // retro.match in the log: had it been sent, it would be here already.
    assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size(), "signal.added is not asked for");
  }
}
