package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes receive the same entries of other members (as a peer would deliver them) and judge
 * them by their own trust settings: acme submits, beta and gamma dispute, delta agrees.
 */
class TrustMultiNodeTest {

  @TempDir static Path dir;
  static final FakeConsortium members = new FakeConsortium("acme", "beta", "gamma", "delta");
  static Peer alpha;
  static Peer omega;

  /** One node with its HTTP client and admin key. */
  record Peer(Node node, TestClient http, String admin) {
    static Peer start(Path dir, String member) throws Exception {
      Node n = Node.start(NodeConfig.builder().dataDir(dir).member(member).port(0).peerPort(0).build());
      n.awaitReady(Duration.ofSeconds(20));
      return new Peer(n, new TestClient(n.port()), Files.readString(dir.resolve("admin.key")).trim());
    }

    void deliver(SignedEntry... entries) {
      for (SignedEntry e : entries) {
        node.ledger().orElseThrow().ingest(e);
      }
    }

    void setTrust(String member, String level) {
      setTrust(member, new JsonObject().put("level", level));
    }

    void setTrust(String member, JsonObject body) {
      HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/v1/admin/trust/" + member, admin, body.toBuffer(),
          "application/json");
      assertEquals(200, r.statusCode(), r.bodyAsString());
    }

    JsonArray match(String query) {
      HttpResponse<Buffer> r = http.get("/v1/match?" + query, admin);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      return r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches");
    }

    void close() throws Exception {
      http.close();
      node.stop();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    alpha = Peer.start(dir.resolve("alpha"), "alpha");
    omega = Peer.start(dir.resolve("omega"), "omega");
    alpha.setTrust("acme", "trusted");
    alpha.setTrust("beta", "trusted");
    alpha.setTrust("gamma", "standard");
    alpha.setTrust("delta", "trusted");
    omega.setTrust("beta", "observe");
    omega.setTrust("gamma", "blocked");
    omega.setTrust("delta", "trusted");
  }

  @AfterAll
  static void stop() throws Exception {
    alpha.close();
    omega.close();
  }

  private static void deliverToBoth(SignedEntry... entries) {
    alpha.deliver(entries);
    omega.deliver(entries);
  }

  @Test
  void sameEntries_eachNodeJudgesByItsOwnTrust() {
    String md5 = "00000000000000000000000000a11ce1";
    SignedEntry submit = members.submitMd5("acme", md5, "behavior:glorification");
    deliverToBoth(submit,
        members.opinion("beta", submit, Stance.DISAGREE),
        members.opinion("gamma", submit, Stance.DISAGREE),
        members.opinion("delta", submit, Stance.AGREE));

    JsonObject onAlpha = alpha.match("type=md5&value=" + md5).getJsonObject(0);
    assertEquals(submit.id().hex(), onAlpha.getString("entry_id"));
    assertEquals("trusted", onAlpha.getString("trust"));
    assertEquals(0.38, onAlpha.getDouble("confidence"), "the worked example of spec/trust.md");
    assertEquals(1, onAlpha.getInteger("agreements"));
    assertEquals(2, onAlpha.getInteger("disputes"));

    JsonObject onOmega = omega.match("type=md5&value=" + md5).getJsonObject(0);
    assertEquals("standard", onOmega.getString("trust"), "acme is not configured on omega: the default level");
    assertEquals(0.727, onOmega.getDouble("confidence"));
  }

  @Test
  void changedOpinion_latestCounts() {
    String md5 = "00000000000000000000000000a11ce2";
    SignedEntry submit = members.submitMd5("acme", md5, "behavior:glorification");
    deliverToBoth(submit, members.opinion("beta", submit, Stance.DISAGREE));
    assertEquals(0.45, alpha.match("type=md5&value=" + md5).getJsonObject(0).getDouble("confidence"));
    deliverToBoth(members.opinion("beta", submit, Stance.AGREE));
    JsonObject m = alpha.match("type=md5&value=" + md5).getJsonObject(0);
    assertEquals(0.95, m.getDouble("confidence"));
    assertEquals(0, m.getInteger("disputes"));
  }

  @Test
  void blockedMember_neverMatches_butItsEntriesAreStored() {
    String md5 = "00000000000000000000000000a11ce3";
    SignedEntry submit = members.submitMd5("gamma", md5, "behavior:glorification");
    deliverToBoth(submit);
    assertEquals(0, omega.match("type=md5&value=" + md5 + "&include_observed=true").size());
    HttpResponse<Buffer> stored = omega.http().get("/v1/entries/" + submit.id().hex(), omega.admin());
    assertEquals(200, stored.statusCode(), "a blocked member's entry is still stored, for relaying");
    assertEquals(submit.entry().seq(), omega.node().ledger().orElseThrow().entriesByMember().get("gamma"));
    assertEquals(1, alpha.match("type=md5&value=" + md5).size());
  }

  @Test
  void observedMember_onlyWithIncludeObserved() {
    String md5 = "00000000000000000000000000a11ce4";
    deliverToBoth(members.submitMd5("beta", md5, "behavior:glorification"));
    assertEquals(0, omega.match("type=md5&value=" + md5).size());
    JsonArray observed = omega.match("type=md5&value=" + md5 + "&include_observed=true");
    assertEquals(1, observed.size());
    assertEquals("observe", observed.getJsonObject(0).getString("trust"));
    assertEquals(0.3, observed.getJsonObject(0).getDouble("confidence"));
  }

  @Test
  void labelOverrides_andRelabel_changeTheLevel() {
    omega.setTrust("delta", new JsonObject().put("level", "trusted")
        .put("overrides", new JsonObject().put("behavior:*", "standard").put("ideology:*", "observe")));
    String md5 = "00000000000000000000000000a11ce5";
    SignedEntry submit = members.submitMd5("delta", md5, "behavior:recruitment");
    deliverToBoth(submit);
    assertEquals("standard", omega.match("type=md5&value=" + md5).getJsonObject(0).getString("trust"));
    deliverToBoth(members.relabel("delta", submit.id(), "group:example"));
    JsonObject m = omega.match("type=md5&value=" + md5).getJsonObject(0);
    assertEquals("trusted", m.getString("trust"));
    assertEquals(new JsonArray().add("group:example"), m.getJsonArray("labels"));
    deliverToBoth(members.relabel("delta", submit.id(), "group:example", "ideology:x"));
    assertEquals(0, omega.match("type=md5&value=" + md5).size(), "observe for ideology:*, not asked for");
    omega.setTrust("delta", "trusted");
  }

  @Test
  void retraction_bySubmitterOnly_removesTheMatch() {
    String md5 = "00000000000000000000000000a11ce6";
    SignedEntry submit = members.submitMd5("acme", md5, "behavior:glorification");
    deliverToBoth(submit, members.retract("beta", submit.id()));
    assertEquals(1, alpha.match("type=md5&value=" + md5).size(), "another member cannot retract acme's entry");
    deliverToBoth(members.retract("acme", submit.id()));
    assertEquals(0, alpha.match("type=md5&value=" + md5).size());
    assertEquals(0, omega.match("type=md5&value=" + md5).size());
  }

  @Test
  void filters_minTrustMinConfidenceLabels_onGetAndPost() {
    String md5 = "00000000000000000000000000a11ce7";
    SignedEntry submit = members.submitMd5("acme", md5, "behavior:glorification");
    deliverToBoth(submit, members.opinion("beta", submit, Stance.DISAGREE));
    assertEquals(1, alpha.match("type=md5&value=" + md5 + "&min_trust=trusted").size());
    assertEquals(0, omega.match("type=md5&value=" + md5 + "&min_trust=trusted").size());
    assertEquals(1, alpha.match("type=md5&value=" + md5 + "&min_confidence=0.45").size());
    assertEquals(0, alpha.match("type=md5&value=" + md5 + "&min_confidence=0.46").size());
    assertEquals(1, alpha.match("type=md5&value=" + md5 + "&labels=ideology:*,behavior:*").size());
    assertEquals(0, alpha.match("type=md5&value=" + md5 + "&labels=ideology:*").size());
    JsonObject body = new JsonObject()
        .put("signals", new JsonArray().add(new JsonObject().put("type", "md5").put("value", md5)))
        .put("min_trust", "standard").put("min_confidence", 0.4).put("include_observed", false)
        .put("labels", new JsonArray().add("behavior:glorification"));
    HttpResponse<Buffer> r = alpha.http().post("/v1/match", alpha.admin(), body);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(1, r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches").size());
  }

  @Test
  void invalidFilters_are400NamingTheValue() {
    String q = "/v1/match?type=md5&value=00000000000000000000000000a11ce8";
    assertProblem(alpha.http().get(q + "&min_trust=high", alpha.admin()), 400, "invalid-min-trust");
    assertProblem(alpha.http().get(q + "&min_trust=blocked", alpha.admin()), 400, "invalid-min-trust");
    assertProblem(alpha.http().get(q + "&min_confidence=1.5", alpha.admin()), 400, "invalid-min-confidence");
    assertProblem(alpha.http().get(q + "&min_confidence=abc", alpha.admin()), 400, "invalid-min-confidence");
    assertProblem(alpha.http().get(q + "&include_observed=yes", alpha.admin()), 400, "invalid-include-observed");
    assertProblem(alpha.http().get(q + "&labels=Bad", alpha.admin()), 400, "invalid-labels");
    JsonObject body = new JsonObject()
        .put("signals", new JsonArray().add(new JsonObject().put("type", "md5").put("value", "0".repeat(32))));
    assertProblem(alpha.http().post("/v1/match", alpha.admin(), body.copy().put("labels", "behavior:*")), 400,
        "invalid-labels");
    assertProblem(alpha.http().post("/v1/match", alpha.admin(), body.copy().put("include_observed", "true")), 400,
        "invalid-include-observed");
    HttpResponse<Buffer> r = alpha.http().get(q + "&min_trust=high", alpha.admin());
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("\"high\""), r.bodyAsString());
  }
}
