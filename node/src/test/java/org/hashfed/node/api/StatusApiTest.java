package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/status} and {@code GET /v1/members} against a real node. */
class StatusApiTest {

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String query;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("acme").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    Ledger l = node.ledger().orElseThrow();
    l.submit(Submit.of(Signal.parse("md5", "00112233445566778899aabbccddeeff"),
        List.of(Label.parse("behavior:glorification"))));
    MemberId beta = MemberId.parse("beta");
    EntrySigner betaSigner = EntrySigner.create(beta, Ed25519PrivateKey.generate(new SecureRandom()));
    l.ingest(betaSigner.sign(Entry.create(beta, 1, Optional.empty(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Submit.of(Signal.parse("sha256", "ab".repeat(32)), List.of(Label.parse("behavior:glorification"))))));
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  @Test
  void status_withQueryKey_givesMemberIndexSizesAndFeedHeads() {
    HttpResponse<Buffer> r = http.get("/v1/status", query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject s = r.bodyAsJsonObject();
    assertEquals("acme", s.getString("member"));
    assertTrue(s.getBoolean("ready"));
    assertEquals("query", s.getString("caller_role"));
    assertFalse(s.getString("version").isBlank());
    assertTrue(s.getLong("uptime_seconds") >= 0);
    JsonObject index = s.getJsonObject("index");
    assertEquals(1, index.getInteger("md5"));
    assertEquals(1, index.getInteger("sha256"));
    assertEquals(0, index.getInteger("pdq"));
    assertEquals(2, index.getInteger("total"));
    assertEquals(new JsonObject().put("acme", 1).put("beta", 1), s.getJsonObject("entries_by_member"));
  }

  @Test
  void status_withoutKey_isRefused() {
    assertProblem(http.get("/v1/status", null), 401, "missing-api-key");
  }

  @Test
  void members_listsRosterMemberAndMemberKnownOnlyByItsFeed() {
    HttpResponse<Buffer> r = http.get("/v1/members", query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray members = r.bodyAsJsonObject().getJsonArray("members");
    assertEquals(2, members.size(), members.encode());
    JsonObject acme = members.getJsonObject(0);
    assertEquals("acme", acme.getString("member"));
    assertTrue(acme.getBoolean("self"));
    assertTrue(acme.getBoolean("in_roster"));
    assertEquals("active", acme.getString("status"));
    assertEquals(64, acme.getString("key_id").length());
    assertEquals(1, acme.getLong("entries"));
    JsonObject beta = members.getJsonObject(1);
    assertEquals("beta", beta.getString("member"));
    assertFalse(beta.getBoolean("self"));
    assertFalse(beta.getBoolean("in_roster"));
    assertEquals(1, beta.getLong("entries"));
  }
}
