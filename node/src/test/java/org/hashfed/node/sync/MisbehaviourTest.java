package org.hashfed.node.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.awaitMatchableEverywhere;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submission;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.Node;
import org.hashfed.node.TestVertx;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.roster.MemberRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four honest nodes and "mallory", a listed member whose node the test plays with mallory's own
 * key and certificate: equivocation, non-members, and a peer that answers garbage, bad signatures,
 * huge bodies, slow responses and endless gaps. Mallory's client side is a {@link PeerClient}
 * with its certificate; its server side, for the malicious-peer test, is WireMock serving HTTPS on
 * mallory's roster port with mallory's pinned certificate ({@link MaliciousPeer}), so the honest
 * nodes' own peer clients (mutual TLS, fingerprint pinning, body and time limits) face it unchanged.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MisbehaviourTest {

  private static final List<String> HONEST = List.of("node-a", "node-b", "node-c", "node-d");
  private static final MemberId MALLORY = MemberId.parse("mallory");
  private static final Duration WITHIN = Duration.ofSeconds(60);
  /** Small, so that the endless gaps of the malicious-peer test overflow it many times. */
  private static final int PENDING_PER_MEMBER = 32;

  private LocalConsortium c;
  private Vertx vertx;
  /** The honest nodes' platform API, for health, metrics and admin reads. */
  private TestClient api;
  private TlsIdentity malloryTls;

  @BeforeAll
  void start(@TempDir Path root) {
    List<String> all = List.of("node-a", "node-b", "node-c", "node-d", "mallory");
    c = LocalConsortium.prepare(root, all, b -> {
      NodeConfig.Builder fast = Federation.fast(b);
      return fast.sync(fast.build().sync().withPending(PENDING_PER_MEMBER, 10 * PENDING_PER_MEMBER));
    });
    HONEST.forEach(c::start);
    vertx = TestVertx.create();
    api = new TestClient(c.node("node-a").port());
    malloryTls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
  }

  @AfterAll
  void stop() throws Exception {
    c.close();
    api.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private PeerClient client(TlsIdentity as, String target) {
    MemberRecord t = c.node(target).sync().roster().current().roster().member(MemberId.parse(target)).orElseThrow();
    return PeerClient.create(vertx, as, t.peerUrl(), t.tlsFingerprint(), fp -> true, Duration.ofSeconds(15), 1 << 20);
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private SignedEntry malloryEntry(long seq, Optional<org.hashfed.protocol.entry.EntryId> prev) {
    return EntrySigner.create(MALLORY, c.memberKey("mallory")).sign(Entry.create(MALLORY, seq, prev,
        EntryTime.truncate(Instant.now()), submission(randomMd5())));
  }

  private static Buffer push(SignedEntry... entries) {
    StringBuilder b = new StringBuilder("{\"entries\":[");
    for (int i = 0; i < entries.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"envelope\":")
          .append(new String(entries[i].envelope().toJson(), java.nio.charset.StandardCharsets.UTF_8))
          .append(",\"relay\":[]}");
    }
    return Buffer.buffer(b.append("]}").toString());
  }

  @Test
  void equivocatingMember_isDetectedOnEveryHonestNode_withEvidence() throws Exception {
    SignedEntry x = malloryEntry(1, Optional.empty());
    SignedEntry y = malloryEntry(1, Optional.empty());
    assertEquals(1, new JsonObject(get(client(malloryTls, "node-a").post("/peer/v1/entries", push(x))).toString())
        .getInteger("accepted"));
    // node-c may already have fetched x from node-a: then y is the equivocation there, not an acceptance.
    assertEquals(0, new JsonObject(get(client(malloryTls, "node-c").post("/peer/v1/entries", push(y))).toString())
        .getInteger("rejected"));
    await(WITHIN, () -> HONEST.stream().allMatch(m -> c.node(m).sync().evidence("mallory/1").isPresent()
            && c.node(m).sync().isHeld(MALLORY)),
        () -> "evidence at " + HONEST.stream().filter(m -> c.node(m).sync().evidence("mallory/1").isPresent()).toList());
    for (String m : HONEST) {
      var e = c.node(m).sync().evidence("mallory/1").orElseThrow();
      assertEquals(List.of(x.id(), y.id()).stream().sorted((p, q) -> p.hex().compareTo(q.hex())).toList(),
          List.of(e.first().id(), e.second().id()));
    }
    JsonObject admin = adminGet(c.node("node-b"), "/v1/admin/evidence");
    assertEquals("mallory", admin.getJsonArray("equivocations").getJsonObject(0).getString("member"));
    assertTrue(c.node("node-b").sync().stats().evidence() >= 1);
    // and in the admins' events feed, in the batch that stored it
    JsonObject recorded = adminGet(c.node("node-b"), "/v1/updates?types=evidence.recorded").getJsonArray("events")
        .getJsonObject(0);
    assertEquals("mallory", recorded.getJsonObject("data").getString("member"));
    assertEquals(1, recorded.getJsonObject("data").getInteger("seq"));
    // Each honest node also logs the evidence, once, as a leaf of its provenance log.
    await(WITHIN, () -> HONEST.stream().allMatch(m -> c.node(m).log().orElseThrow().evidenceLeaf(MALLORY, 1).isPresent()),
        () -> "evidence not logged everywhere");
    for (String m : HONEST) {
      var log = c.node(m).log().orElseThrow();
      var leaf = org.hashfed.protocol.dsse.Envelope.parse(log.provenance().leaf(log.evidenceLeaf(MALLORY, 1).orElseThrow()));
      assertEquals(org.hashfed.node.log.NodeLog.EVIDENCE_PAYLOAD_TYPE, leaf.payloadType());
      assertEquals(new JsonObject(new String(c.node(m).sync().evidence("mallory/1").orElseThrow().toJson(),
          java.nio.charset.StandardCharsets.UTF_8)), new JsonObject(new String(leaf.payload(),
          java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Test
  void certificateNotInTheRoster_isRefusedAtTheHandshake() {
    PeerClient stranger = client(TlsIdentity.generate("stranger"), "node-a");
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(stranger.get("/peer/v1/roster")));
    assertFalse(e.getCause() instanceof org.hashfed.node.peer.PeerException, "got an HTTP answer: " + e.getCause());
  }

  @Test
  void apiKeyOnThePeerPort_isRefused() throws Exception {
    PeerClient member = client(malloryTls, "node-d");
    String key = c.node("node-d").firstAdminKey().orElseThrow().secret();
    var req = member.get("/peer/v1/roster");
    assertEquals(1, new JsonObject(get(req).toString()).getJsonArray("versions").size());
    PeerClient withKey = client(malloryTls, "node-d");
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> get(withKey.send(HttpMethod.GET, "/peer/v1/roster", null,
            java.util.Map.of("Authorization", "Bearer " + key))));
    assertTrue(e.getCause().getMessage().contains("HTTP 400"), e.getCause().getMessage());
  }

  @Test
  @Order(1) // while mallory's score is still 0, so that its drop shows
  void entrySignedByANonMemberKey_isRefusedAndScoresTheSenderDown() throws Exception {
    Ed25519PrivateKey stranger = Ed25519PrivateKey.generate(new SecureRandom());
    SignedEntry forged = EntrySigner.create(MemberId.parse("node-b"), stranger).sign(Entry.create(
        MemberId.parse("node-b"), 1, Optional.empty(), EntryTime.truncate(Instant.now()), submission(randomMd5())));
    JsonObject r = new JsonObject(get(client(malloryTls, "node-a").post("/peer/v1/entries", push(forged))).toString());
    assertEquals(1, r.getInteger("rejected"));
    assertTrue(r.getJsonArray("problems").getString(0).contains("which no roster version lists"), r.encode());
    assertTrue(c.node("node-a").ledger().orElseThrow().find(forged.id()).isEmpty());
    assertTrue(score(c.node("node-a"), "mallory") < 0);
  }

  @Test
  @Order(2) // before the equivocation test holds mallory (see below)
  void maliciousPeer_nodeStaysHealthy_keepsSyncing_andScoresItDown(@TempDir Path dir) throws Exception {
    for (String m : HONEST) {
      // A held member's entries never reach the pending area, and releasing it after the equivocation
      // test would not do: honest nodes holding different seq-1 entries keep finding the equivocation
      // again, which empties mallory's pending entries. Hence the order of the tests.
      assertFalse(c.node(m).sync().isHeld(MALLORY), m + " holds mallory: this test must run before the equivocation test");
    }
    try (MaliciousPeer mallory = MaliciousPeer.start(c, "mallory", HONEST, PENDING_PER_MEMBER, dir)) {
      for (String m : HONEST) {
        // Twice the pending bound of validly signed entries far ahead of mallory's feed: each node
        // keeps the nearest ones only, and asks mallory's node for the gap before them.
        get(client(malloryTls, m).post("/peer/v1/entries",
            push(mallory.gaps().subList(0, 2 * PENDING_PER_MEMBER).toArray(SignedEntry[]::new))));
        assertEquals(PENDING_PER_MEMBER, c.node(m).sync().stats().pending(), m);
      }
      for (int i = 0; i < 5; i++) {
        get(client(malloryTls, "node-b").post("/peer/v1/entries", Buffer.buffer("{\"entries\":[{\"envelope\":"
            + "{\"payloadType\":\"x\",\"payload\":\"AA==\",\"signatures\":[]}}]}")).recover(t -> Future.succeededFuture()));
      }
      // Failures alone (timeouts, oversize) can score mallory down: each node must also have
      // refused something it sent (garbage, a bad signature, an empty promise, bogus evidence).
      await(Duration.ofSeconds(120), () -> mallory.served().containsAll(MaliciousPeer.MISBEHAVIOURS)
              && HONEST.stream().allMatch(m -> score(c.node(m), "mallory") < PeerState.BAD_SCORE
                  && peer(c.node(m), "mallory").rejects() > 0),
          () -> "mallory's node served " + mallory.served() + " of " + MaliciousPeer.MISBEHAVIOURS + "; at the honest nodes "
              + HONEST.stream().map(m -> m + " " + peer(c.node(m), "mallory")).toList());
      // The request journal: the honest nodes really asked mallory's node for heads and feeds.
      WireMockServer wm = mallory.wireMock();
      wm.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo("/peer/v1/heads")));
      wm.verify(moreThanOrExactly(1), getRequestedFor(urlPathEqualTo("/peer/v1/feeds/mallory")));
      wm.verify(moreThanOrExactly(MaliciousPeer.FEED_MISBEHAVIOURS.size()),
          getRequestedFor(urlPathMatching("/peer/v1/feeds/node-[a-d]")));
      for (String m : HONEST) {
        String health = api.send(c.node(m).port(), HttpMethod.GET, "/healthz", null, null, null).bodyAsString();
        assertTrue(health.contains("ok"), m + ": " + health);
      }
      var s = randomMd5();
      submit(c.node("node-d"), s);
      awaitMatchableEverywhere(c, HONEST, s, Duration.ofSeconds(60));
      for (String m : HONEST) {
        int pending = c.node(m).sync().stats().pending();
        assertTrue(pending <= PENDING_PER_MEMBER, m + " has " + pending + " pending entries");
        assertTrue(metric(c.node(m), "hashfed_peer_rejects_total{peer=\"mallory\"}") > 0, m + " exports no rejects of mallory");
      }
    }
  }

  private double metric(Node n, String series) {
    return Federation.metric(api, n, series);
  }

  private static int score(Node n, String member) {
    return peer(n, member).score();
  }

  private static SyncEngine.PeerView peer(Node n, String member) {
    return n.sync().peers().stream().filter(p -> p.member().equals(member)).findFirst().orElseThrow();
  }

  private JsonObject adminGet(Node n, String path) {
    String key = n.firstAdminKey().orElseThrow().secret();
    return api.send(n.port(), HttpMethod.GET, path, key, null, null).bodyAsJsonObject();
  }
}
