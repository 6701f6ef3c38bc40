package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust admin API and automatic demotion: 5 submissions, share 0.4, K = 2 trusted disputers,
 * so the second submission disputed by two trusted members demotes, and nothing before it does.
 */
class TrustAdminApiTest {

  @TempDir Path dir;
  Node node;
  TestClient http;
  String admin;
  FakeConsortium members;

  @BeforeEach
  void start() {
    node = startNode();
    members = new FakeConsortium("acme", "beta", "gamma", "delta");
  }

  private Node startNode() {
    Node n = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0)
        .trust(TrustSettings.builder().share(0.4).minDisputers(2).minSubmissions(5).build()).build());
    n.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(n.port());
    try {
      admin = Files.readString(dir.resolve("admin.key")).trim();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return n;
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    node.stop();
  }

  private void deliver(SignedEntry... entries) {
    for (SignedEntry e : entries) {
      node.ledger().orElseThrow().ingest(e);
    }
  }

  private HttpResponse<Buffer> put(String member, JsonObject body) {
    return http.send(HttpMethod.PUT, "/v1/admin/trust/" + member, admin, body.toBuffer(), "application/json");
  }

  private JsonObject explain(String member) {
    HttpResponse<Buffer> r = http.get("/v1/admin/trust/" + member, admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private String level(String member) {
    return explain(member).getString("level");
  }

  private List<SignedEntry> fiveSubmissions() {
    List<SignedEntry> subs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SignedEntry s = members.submitMd5("acme", String.format("%032x", 0xacee00 + i), "behavior:glorification");
      deliver(s);
      subs.add(s);
    }
    return subs;
  }

  private void trustDisputers() {
    for (String m : List.of("beta", "gamma")) {
      assertEquals(200, put(m, new JsonObject().put("level", "trusted")).statusCode());
    }
  }

  @Test
  void demotion_triggersExactlyAtTheThreshold_isRecorded_andRestorable() {
    assertEquals(200, put("acme", new JsonObject().put("level", "trusted")).statusCode());
    trustDisputers();
    List<SignedEntry> subs = fiveSubmissions();
    deliver(members.opinion("beta", subs.get(0), Stance.DISAGREE), members.opinion("gamma", subs.get(0),
        Stance.DISAGREE));
    deliver(members.opinion("delta", subs.get(1), Stance.DISAGREE), members.opinion("beta", subs.get(1),
        Stance.DISAGREE));
    assertEquals("trusted", level("acme"), "1 of 5 disputed by two trusted members; delta (standard) does not count");
    assertEquals(1, explain("acme").getJsonObject("statistics").getInteger("disputed"));

    deliver(members.opinion("gamma", subs.get(1), Stance.DISAGREE));
    JsonObject e = explain("acme");
    assertEquals("standard", e.getString("level"), e.encodePrettily());
    assertEquals(1, e.getInteger("demotions"));
    JsonObject event = e.getJsonArray("events").getJsonObject(e.getJsonArray("events").size() - 1);
    assertEquals("demote", event.getString("action"));
    assertEquals("trusted", event.getString("from"));
    assertEquals("standard", event.getString("to"));
    assertEquals(2, event.getJsonObject("statistics").getInteger("disputed"));
    assertEquals(5, event.getJsonObject("statistics").getInteger("submissions"));
    assertEquals(0.4, event.getJsonObject("statistics").getDouble("share"));
    assertTrue(node.trust() != null);
    String metrics = http.get("/metrics", null).bodyAsString();
    assertTrue(metrics.contains("hashfed_trust_changes_total{action=\"demote\"} 1"), metrics);
    assertTrue(metrics.contains("hashfed_trust_level{member=\"acme\"} 2"), metrics);

    deliver(members.opinion("beta", subs.get(2), Stance.DISAGREE), members.opinion("gamma", subs.get(2),
        Stance.DISAGREE));
    assertEquals("standard", level("acme"), "the window restarts at a level change: old submissions do not count");

    HttpResponse<Buffer> restored = http.post("/v1/admin/trust/acme/restore", admin,
        new JsonObject().put("reason", "disputes were a misunderstanding"));
    assertEquals(200, restored.statusCode(), restored.bodyAsString());
    assertEquals("trusted", restored.bodyAsJsonObject().getString("level"));
    assertProblem(http.post("/v1/admin/trust/acme/restore", admin, new JsonObject()), 409, "trust-refused");
  }

  @Test
  void pinnedLevel_neverMoves() {
    trustDisputers();
    assertEquals(200, http.post("/v1/admin/trust/acme/pin", admin, new JsonObject()).statusCode());
    List<SignedEntry> subs = fiveSubmissions();
    for (SignedEntry s : subs) {
      deliver(members.opinion("beta", s, Stance.DISAGREE), members.opinion("gamma", s, Stance.DISAGREE));
    }
    JsonObject e = explain("acme");
    assertEquals("standard", e.getString("level"));
    assertTrue(e.getJsonObject("statistics").getBoolean("meets_threshold"));
    assertTrue(e.getBoolean("pinned"));
    assertTrue(e.getJsonArray("reasons").encode().contains("pinned"), e.encode());

    assertEquals(200, http.post("/v1/admin/trust/acme/unpin", admin, new JsonObject()).statusCode());
    assertEquals("standard", level("acme"), "unpinning alone changes no level");
    deliver(members.opinion("delta", subs.get(0), Stance.AGREE));
    assertEquals("observe", level("acme"), "unpinned: the next opinion re-judges the member, and it is demoted");
  }

  @Test
  void submissionsOutsideTheWindow_doNotCount() {
    trustDisputers();
    Instant old = EntryTime.truncate(Instant.now().minus(Duration.ofDays(40)));
    List<SignedEntry> subs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SignedEntry s = members.sign("acme", org.hashfed.protocol.entry.Submit.of(
          org.hashfed.protocol.signal.Signal.parse("md5", String.format("%032x", 0xb00 + i)),
          List.of(org.hashfed.protocol.entry.Label.parse("behavior:glorification"))), old);
      deliver(s);
      subs.add(s);
    }
    for (SignedEntry s : subs) {
      deliver(members.opinion("beta", s, Stance.DISAGREE), members.opinion("gamma", s, Stance.DISAGREE));
    }
    assertEquals("standard", level("acme"));
    assertEquals(0, explain("acme").getJsonObject("statistics").getInteger("submissions"));
  }

  @Test
  void policyEventsAndOpinions_surviveARestart() throws Exception {
    assertEquals(200, put("beta", new JsonObject().put("level", "observe").put("reason", "new member")
        .put("overrides", new JsonObject().put("ideology:*", "blocked"))).statusCode());
    SignedEntry s = members.submitMd5("acme", "0000000000000000000000000000beef", "behavior:glorification");
    deliver(s, members.opinion("delta", s, Stance.AGREE));
    double before = http.get("/v1/match?type=md5&value=0000000000000000000000000000beef", admin).bodyAsJsonObject()
        .getJsonArray("results").getJsonObject(0).getJsonArray("matches").getJsonObject(0).getDouble("confidence");
    stop();
    node = startNode();
    JsonObject beta = explain("beta");
    assertEquals("observe", beta.getString("configured_level"));
    assertEquals("blocked", beta.getJsonObject("overrides").getString("ideology:*"));
    assertEquals("new member", beta.getJsonArray("events").getJsonObject(0).getString("reason"));
    double after = http.get("/v1/match?type=md5&value=0000000000000000000000000000beef", admin).bodyAsJsonObject()
        .getJsonArray("results").getJsonObject(0).getJsonArray("matches").getJsonObject(0).getDouble("confidence");
    assertEquals(0.733, before);
    assertEquals(before, after);
  }

  @Test
  void list_showsOwnMemberTrusted_settings_andSeenMembers() {
    deliver(members.submitMd5("gamma", "0000000000000000000000000000cafe", "behavior:glorification"));
    JsonObject body = http.get("/v1/admin/trust", admin).bodyAsJsonObject();
    assertEquals("standard", body.getJsonObject("settings").getString("default_level"));
    assertEquals(0.4, body.getJsonObject("settings").getJsonObject("demotion").getDouble("share"));
    JsonArray list = body.getJsonArray("members");
    JsonObject own = list.getJsonObject(0);
    assertEquals("alpha", own.getString("member"));
    assertEquals("trusted", own.getString("level"));
    assertTrue(own.getBoolean("own"));
    assertEquals("gamma", list.getJsonObject(1).getString("member"));
    assertEquals("standard", list.getJsonObject(1).getString("level"));
    assertProblem(put("alpha", new JsonObject().put("level", "blocked")), 409, "trust-refused");
  }

  @Test
  void invalidAdminRequests_are400NamingTheValue() {
    assertProblem(put("acme", new JsonObject().put("level", "high")), 400, "invalid-level");
    assertProblem(put("acme", new JsonObject()), 400, "invalid-level");
    assertProblem(put("acme", new JsonObject().put("level", "trusted").put("overrides",
        new JsonObject().put("ideology", "observe"))), 400, "invalid-overrides");
    assertProblem(put("acme", new JsonObject().put("level", "trusted").put("overrides",
        new JsonObject().put("ideology:*", "meh"))), 400, "invalid-level");
    assertProblem(put("Not_A_Member", new JsonObject().put("level", "trusted")), 400, "invalid-member");
    assertFalse(explain("acme").containsKey("configured_level"), "nothing was changed");
  }

  @Test
  void everyTrustEndpoint_needsTheAdminRole() {
    String query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    String submit = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "submit")).bodyAsJsonObject()
        .getString("key");
    Buffer level = new JsonObject().put("level", "trusted").toBuffer();
    for (String key : new String[] {query, submit, null}) {
      int status = key == null ? 401 : 403;
      String slug = key == null ? "missing-api-key" : "insufficient-role";
      assertProblem(http.get("/v1/admin/trust", key), status, slug);
      assertProblem(http.get("/v1/admin/trust/acme", key), status, slug);
      assertProblem(http.send(HttpMethod.PUT, "/v1/admin/trust/acme", key, level, "application/json"), status, slug);
      for (String action : new String[] {"pin", "unpin", "restore"}) {
        assertProblem(http.post("/v1/admin/trust/acme/" + action, key, new JsonObject()), status, slug);
      }
    }
    assertEquals(TrustLevel.STANDARD.wireName(), level("acme"), "nothing was changed");
    assertFalse(explain("acme").getBoolean("pinned"));
  }
}
