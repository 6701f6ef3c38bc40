package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.awaitMatchableEverywhere;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submission;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.Node;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerServer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four honest nodes and "mallory", a listed member whose node the test plays with mallory's own
 * key and certificate: equivocation, non-members, and a peer that answers garbage, huge bodies,
 * slow responses and endless gaps. (The issue names WireMock for the malicious peer; its
 * dependencies are not in the offline repository, so a Vert.x server with mallory's pinned
 * certificate plays it, which also exercises mutual TLS for real.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MisbehaviourTest {

  private static final List<String> HONEST = List.of("node-a", "node-b", "node-c", "node-d");
  private static final MemberId MALLORY = MemberId.parse("mallory");
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private LocalConsortium c;
  private Vertx vertx;
  private TlsIdentity malloryTls;

  @BeforeAll
  void start(@TempDir Path root) {
    List<String> all = List.of("node-a", "node-b", "node-c", "node-d", "mallory");
    c = LocalConsortium.prepare(root, all, Federation::fast);
    HONEST.forEach(c::start);
    vertx = Vertx.vertx();
    malloryTls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
  }

  @AfterAll
  void stop() throws Exception {
    c.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private PeerClient client(TlsIdentity as, String target) {
    MemberRecord t = c.node(target).sync().roster().current().roster().member(MemberId.parse(target)).orElseThrow();
    return PeerClient.create(vertx, as, t.peerUrl(), t.tlsFingerprint(), fp -> true, Duration.ofSeconds(5), 1 << 20);
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
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
        () -> get(withKey.send(io.vertx.core.http.HttpMethod.GET, "/peer/v1/roster", null,
            java.util.Map.of("Authorization", "Bearer " + key))));
    assertTrue(e.getCause().getMessage().contains("HTTP 400"), e.getCause().getMessage());
  }

  @Test
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
  void maliciousPeer_nodeStaysHealthy_keepsSyncing_andScoresItDown() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    int port = c.config("mallory").peerPort();
    PeerServer evil = get(PeerServer.start(vertx, "127.0.0.1", port, malloryTls, fp -> true,
        req -> misbehave(req, requests.incrementAndGet())));
    try {
      for (int i = 0; i < 5; i++) {
        get(client(malloryTls, "node-b").post("/peer/v1/entries", Buffer.buffer("{\"entries\":[{\"envelope\":"
            + "{\"payloadType\":\"x\",\"payload\":\"AA==\",\"signatures\":[]}}]}")).recover(t -> Future.succeededFuture()));
      }
      await(Duration.ofSeconds(15), () -> requests.get() >= 12 && HONEST.stream()
              .allMatch(m -> score(c.node(m), "mallory") < PeerState.BAD_SCORE),
          () -> "requests " + requests.get() + ", mallory scores "
              + HONEST.stream().map(m -> m + "=" + score(c.node(m), "mallory")).toList());
      io.vertx.core.buffer.Buffer health = get(vertx.createHttpClient()
          .request(io.vertx.core.http.HttpMethod.GET, c.node("node-a").port(), "127.0.0.1", "/healthz")
          .compose(r -> r.send()).compose(r -> r.body()));
      assertTrue(health.toString().contains("ok"));
      var s = randomMd5();
      submit(c.node("node-d"), s);
      awaitMatchableEverywhere(c, HONEST, s, WITHIN);
      for (String m : HONEST) {
        assertTrue(c.node(m).sync().stats().pending() <= c.config(m).sync().pendingPerMember(), m);
      }
    } finally {
      get(evil.close());
    }
  }

  /** Each request gets another kind of bad answer. */
  private void misbehave(HttpServerRequest req, int n) {
    String path = req.path();
    if (path.equals("/peer/v1/heads")) {
      req.response().end("{\"heads\":{\"mallory\":1000000,\"node-a\":999999,\"node-b\":999999,"
          + "\"node-c\":999999,\"node-d\":999999},\"ids\":{},\"evidence\":[],\"roster\":1}");
      return;
    }
    switch (n % 5) {
      case 0 -> req.response().end("{not json");
      case 1 -> req.response().putHeader("Content-Length", "" + (64L << 20)).write(Buffer.buffer(new byte[1 << 16]));
      case 2 -> vertx.setTimer(5000, t -> req.response().end("{}"));
      case 3 -> req.response().end("{\"member\":\"mallory\",\"from\":1,\"entries\":["
          + new String(malloryEntry(1, Optional.empty()).envelope().toJson(), java.nio.charset.StandardCharsets.UTF_8)
              .replaceFirst("\"sig\":\"[A-Za-z0-9+/]", "\"sig\":\"A") + "]}");
      default -> req.response().end("{\"member\":\"mallory\",\"from\":1,\"entries\":["
          + new String(malloryEntry(500 + n, Optional.of(malloryEntry(1, Optional.empty()).id())).envelope().toJson(),
              java.nio.charset.StandardCharsets.UTF_8) + "]}");
    }
  }

  private static int score(Node n, String member) {
    return n.sync().peers().stream().filter(p -> p.member().equals(member)).findFirst().orElseThrow().score();
  }

  private JsonObject adminGet(Node n, String path) throws Exception {
    String key = n.firstAdminKey().orElseThrow().secret();
    Buffer b = get(vertx.createHttpClient()
        .request(new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.GET).setHost("127.0.0.1")
            .setPort(n.port()).setURI(path).putHeader("Authorization", "Bearer " + key))
        .compose(r -> r.send()).compose(r -> r.body()));
    return new JsonObject(b.toString());
  }
}
