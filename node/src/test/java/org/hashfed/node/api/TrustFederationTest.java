package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust over real gossip: five member nodes with mutual TLS on loopback. Submissions and opinions
 * travel between nodes; each node judges them by its own trust settings, and a node that blocks
 * a member still relays that member's entries.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustFederationTest {

  private static final List<String> MEMBERS = List.of("acme", "beta", "gamma", "delta", "omega");
  private static final Duration WITHIN = Duration.ofSeconds(60);
  /** Far beyond a request between nodes on loopback, however loaded the machine. */
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

  private LocalConsortium consortium;
  private final Map<String, TestClient> http = new HashMap<>();

  @BeforeAll
  void start(@TempDir Path root) {
    consortium = LocalConsortium.prepare(root, MEMBERS, b -> b.workerThreads(2)
        .sync(b.build().sync().withAntiEntropy(Duration.ofMillis(200)).withTimeout(PEER_TIMEOUT)))
        .startAll();
    for (String m : MEMBERS) {
      http.put(m, new TestClient(node(m).port()));
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (TestClient c : http.values()) {
      c.close();
    }
    consortium.close();
  }

  private Node node(String member) {
    return consortium.node(member);
  }

  private String admin(String member) {
    return node(member).firstAdminKey().orElseThrow().secret();
  }

  private void setTrust(String on, String member, String level) {
    HttpResponse<Buffer> r = http.get(on).send(HttpMethod.PUT, "/v1/admin/trust/" + member, admin(on),
        new JsonObject().put("level", level).toBuffer(), "application/json");
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  private JsonArray matches(String on, Signal s) {
    HttpResponse<Buffer> r = http.get(on).get("/v1/match?type=md5&value=" + s.value(), admin(on));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches");
  }

  private boolean stored(String on, Signal s) {
    return !node(on).ledger().orElseThrow().catalog().match(s, 0, Instant.now()).isEmpty();
  }

  private boolean heldEverywhere(EntryId id) {
    return MEMBERS.stream().allMatch(m -> node(m).ledger().orElseThrow().find(id).isPresent());
  }

  private Appended submit(String member, Signal s) {
    return node(member).ledger().orElseThrow()
        .submit(Submit.of(s, List.of(Label.parse("behavior:glorification"))));
  }

  private EntryId opinion(String member, EntryId target, Stance stance, ReasonCode reason) {
    return node(member).ledger().orElseThrow().opinion(target, stance, reason, Optional.empty()).entryId();
  }

  @Test
  void gossipedOpinions_eachNodeJudgesByItsOwnTrust() {
    setTrust("delta", "acme", "trusted");
    setTrust("delta", "gamma", "standard");
    setTrust("omega", "beta", "observe");
    setTrust("omega", "gamma", "blocked");
    setTrust("omega", "delta", "trusted");

    Signal s = Signal.parse("md5", "0000000000000000000000000000f00d");
    EntryId submitted = submit("acme", s).entryId();
    Await.until(WITHIN, () -> heldEverywhere(submitted), () -> "submission not everywhere");
    List<EntryId> opinions = List.of(
        opinion("beta", submitted, Stance.DISAGREE, ReasonCode.FALSE_POSITIVE),
        opinion("gamma", submitted, Stance.DISAGREE, ReasonCode.FALSE_POSITIVE),
        opinion("delta", submitted, Stance.AGREE, ReasonCode.CONFIRMED));
    Await.until(WITHIN, () -> opinions.stream().allMatch(this::heldEverywhere), () -> "opinions not everywhere");

    // delta: acme trusted (0.9); beta's dispute counts 0.5 (default standard), gamma's 0.5, its own agreement 1.
    JsonObject onDelta = matches("delta", s).getJsonObject(0);
    assertEquals("trusted", onDelta.getString("trust"));
    assertEquals(1, onDelta.getInteger("agreements"));
    assertEquals(2, onDelta.getInteger("disputes"));
    // omega: acme standard (default, 0.6); beta observed (0.1), gamma blocked (0), delta trusted (1).
    JsonObject onOmega = matches("omega", s).getJsonObject(0);
    assertEquals("standard", onOmega.getString("trust"));
    assertEquals(0.727, onOmega.getDouble("confidence"), "the second node of spec/trust.md's worked example");
    assertTrue(onDelta.getDouble("confidence") < onOmega.getDouble("confidence"),
        "delta weighs the disputes more than omega: " + onDelta + " vs " + onOmega);
  }

  @Test
  void relabelOverHttp_reachesEveryNode_andEachAppliesItsLabelTrust() {
    // gamma watches acme's ideology labels only: after the relabel, gamma stops returning the match.
    HttpResponse<Buffer> policy = http.get("gamma").send(HttpMethod.PUT, "/v1/admin/trust/acme", admin("gamma"),
        new JsonObject().put("level", "standard").put("overrides", new JsonObject().put("ideology:*", "observe"))
            .toBuffer(), "application/json");
    assertEquals(200, policy.statusCode(), policy.bodyAsString());
    Signal s = Signal.parse("md5", "0000000000000000000000000000abe1");
    EntryId submitted = submit("acme", s).entryId();
    Await.until(WITHIN, () -> heldEverywhere(submitted), () -> "submission not everywhere");
    assertEquals(1, matches("gamma", s).size());

    HttpResponse<Buffer> r = http.get("acme").post("/v1/entries/" + submitted.hex() + "/relabel", admin("acme"),
        new JsonObject().put("labels", new JsonArray().add("ideology:accelerationism")));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonArray relabelled = new JsonArray().add("ideology:accelerationism");
    List<String> others = List.of("acme", "beta", "delta", "omega");
    // The store holds an entry a moment before the catalog applies it: wait for what matches show.
    Await.until(WITHIN, () -> others.stream().allMatch(m -> relabelled.equals(matches(m, s).getJsonObject(0)
        .getJsonArray("labels"))) && matches("gamma", s).isEmpty(), () -> "relabel not applied everywhere");
    for (String m : others) {
      assertEquals(new JsonArray().add("ideology:accelerationism"), matches(m, s).getJsonObject(0).getJsonArray("labels"),
          m);
      assertEquals(new JsonArray().add("ideology:accelerationism"),
          http.get(m).get("/v1/entries/" + submitted.hex(), admin(m)).bodyAsJsonObject().getJsonArray("labels"), m);
    }
    assertEquals(0, matches("gamma", s).size(), "gamma observes acme's ideology labels");
  }

  @Test
  void blockedMember_neverMatchesThere_butIsRelayedThroughToOthers() {
    setTrust("delta", "acme", "blocked");
    // omega can reach the consortium only through delta, which blocks acme.
    for (String other : List.of("acme", "beta", "gamma")) {
      node("omega").sync().block(MemberId.parse(other), true);
      node(other).sync().block(MemberId.parse("omega"), true);
    }
    try {
      Signal s = Signal.parse("md5", "0000000000000000000000000000beef");
      submit("acme", s);
      Await.until(WITHIN, () -> stored("omega", s), () -> "acme's entry did not reach omega through delta");
      assertTrue(stored("delta", s), "delta stores what it blocks");
      assertEquals(0, matches("delta", s).size(), "a blocked member's entry is never returned");
      assertEquals(1, matches("omega", s).size(), "omega does not block acme");
    } finally {
      for (String other : List.of("acme", "beta", "gamma")) {
        node("omega").sync().block(MemberId.parse(other), false);
        node(other).sync().block(MemberId.parse("omega"), false);
      }
      setTrust("delta", "acme", "trusted");
    }
  }
}
