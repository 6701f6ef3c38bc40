package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hashfed.node.Node;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.audit.AuditReport;
import org.hashfed.protocol.audit.AuditVerifier;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import org.hashfed.protocol.roster.SignedRoster;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes witness each other's logs over the peer port on a short period: every
 * checkpoint collects both peers' cosignatures, a node that rewrites its history is caught as a
 * split view, and roster versions adopted by gossip are served and logged.
 */
@Tag("slow")
class WitnessingTest {

  private static final List<String> MEMBERS = List.of("acme", "beta", "gamma");
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Far beyond a request between nodes on loopback, however loaded the machine. */
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private LocalConsortium consortium;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  private void startAll() {
    consortium = LocalConsortium.prepare(dir, MEMBERS, b -> b.workerThreads(2)
        .witnessPeriod(Duration.ofMillis(200))
        .sync(b.build().sync().withAntiEntropy(Duration.ofMillis(200)).withTimeout(PEER_TIMEOUT)))
        .startAll();
  }

  private Node node(String m) {
    return consortium.node(m);
  }

  private NodeLog log(String m) {
    return node(m).log().orElseThrow();
  }

  private List<CosignatureVerifier> witnessesOf(String member) throws LogFormatException {
    List<CosignatureVerifier> out = new ArrayList<>();
    for (String m : MEMBERS) {
      if (!m.equals(member)) {
        out.add(CosignatureVerifier.parse(log(m).witness().witnessKey()));
      }
    }
    return out;
  }

  private static Signal randomMd5() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return Signal.parse("md5", HexFormat.of().formatHex(b));
  }

  private void submit(String m, int n) {
    for (int k = 0; k < n; k++) {
      node(m).ledger().orElseThrow().submit(Submit.of(randomMd5(), List.of(Label.parse("behavior:glorification"))));
    }
  }

  /** Waits until every node logged {@code size} leaves, then signs a checkpoint of that size on each. */
  private void settleAt(long size) {
    await(() -> MEMBERS.stream().allMatch(m -> log(m).provenance().size() == size),
        () -> "log sizes " + MEMBERS.stream().map(m -> log(m).provenance().size()).toList() + ", expected " + size);
    MEMBERS.forEach(m -> log(m).checkpoints().signLatest());
  }

  private SignedCheckpoint served(String m) throws Exception {
    NodeLog l = log(m);
    return SignedCheckpoint.open(l.checkpoints().latest().orElseThrow().note(),
        l.logKey(l.checkpoints().origin()).orElseThrow());
  }

  private void awaitCosignedByBothPeers(String m) throws Exception {
    List<CosignatureVerifier> witnesses = witnessesOf(m);
    await(() -> {
      try {
        return served(m).verifiedCosignatures(witnesses).size() == 2;
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, () -> "checkpoint of " + m + " is not cosigned by both peers: " + log(m).checkpoints().latest());
  }

  private AuditReport audit(String m) throws Exception {
    NodeLog l = log(m);
    String note = l.checkpoints().latest().orElseThrow().note().encode();
    LogSource source = new LogSource() {
      @Override
      public String checkpoint() {
        return note;
      }

      @Override
      public List<byte[]> leaves(long start, long end) {
        List<byte[]> out = new ArrayList<>();
        for (long i = start; i < end; i++) {
          out.add(l.provenance().leaf(i));
        }
        return out;
      }

      @Override
      public List<Envelope> rosterHistory() {
        return l.rosterHistory();
      }
    };
    return AuditVerifier.create(null, null, witnessesOf(m), null).verify(source);
  }

  @Test
  void scheduledRounds_cosignEveryNodesCheckpoint_andAuditVerifyChecksTheCosignatures() throws Exception {
    startAll();
    submit("acme", 3);
    submit("beta", 2);
    settleAt(1 + 5);
    for (String m : MEMBERS) {
      awaitCosignedByBothPeers(m);
      AuditReport report = audit(m);
      assertTrue(report.ok(), m + ": " + report.findings());
      assertEquals(2, report.cosigners().size(), m + ": " + report.cosigners());
      assertEquals(1, report.counts().rosterDocuments(), m + ": the genesis roster is leaf 0");
    }
    assertTrue(metrics("beta").contains("hashfed_log_witness_rounds_total{outcome=\"cosigned\"}"), metrics("beta"));
    assertTrue(metrics("beta").contains("hashfed_log_checkpoint_cosignatures 2"), metrics("beta"));
  }

  @Test
  void aNodeThatRewritesItsHistory_isCaughtByBothPeersAsASplitView() throws Exception {
    startAll();
    submit("acme", 3);
    settleAt(1 + 3);
    awaitCosignedByBothPeers("acme");

    // acme loses its store and starts again, with the same keys, from a different first leaf.
    consortium.stop("acme");
    Path store = consortium.config("acme").dataDir().resolve("store");
    try (Stream<Path> files = Files.walk(store)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    }
    try (Store s = Store.open(store)) {
      ProvenanceLog.open(s).appendDocument(consortium.genesis().toJson());
    }
    consortium.start("acme");

    for (String witness : List.of("beta", "gamma")) {
      await(() -> log(witness).witness().splitViewCount() == 1,
          () -> witness + " recorded no split view of acme: " + log(witness).witness().splitViews());
      SplitView evidence = log(witness).witness().splitViews().get(0);
      assertEquals(log("acme").checkpoints().origin(), evidence.origin());
      assertTrue(evidence.earlier().contains("\n4\n"), evidence.earlier());
      assertTrue(metrics(witness).contains("hashfed_log_split_views_total 1"), metrics(witness));
    }
    // acme keeps signing checkpoints of its rewritten log: later rounds still see the split but
    // record no further evidence.
    for (String witness : List.of("beta", "gamma")) {
      await(() -> splitViewRounds(witness) >= 3, () -> witness + " ran " + splitViewRounds(witness) + " split-view rounds");
      assertEquals(1, log(witness).witness().splitViewCount(), witness + ": " + log(witness).witness().splitViews());
      assertEquals(1, log(witness).witness().splitViews().size());
    }
    String admin = get("beta", "/v1/admin/evidence");
    assertTrue(admin.contains("\"split_views\":[{\"origin\":\"" + log("acme").checkpoints().origin()), admin);
    // The earlier checkpoint stays the reference: the rewritten log is not cosigned.
    List<CosignatureVerifier> betaOnly = List.of(CosignatureVerifier.parse(log("beta").witness().witnessKey()));
    assertEquals(0, served("acme").verifiedCosignatures(betaOnly).size(), served("acme").encode());
  }

  @Test
  void aRosterVersionAdoptedByGossip_isServedAndLogged_andAuditVerifyPasses() throws Exception {
    startAll();
    submit("acme", 2);
    settleAt(1 + 2);
    SignedRoster v1 = node("acme").sync().roster().current();
    Roster v2 = v1.successor(EntryTime.truncate(Instant.now()));
    Envelope adopted = RosterEnvelopes.cosign(RosterEnvelopes.propose(v2, consortium.memberKey("acme")),
        consortium.memberKey("beta"));
    node("acme").sync().adoptRoster(adopted);

    await(() -> log("gamma").rosterLeaf(2).isPresent(), () -> "gamma did not log roster version 2");
    String served = get("gamma", "/v1/log/roster");
    assertTrue(served.contains("\"versions\":[{") && served.contains(new String(adopted.toJson(), java.nio.charset.StandardCharsets.UTF_8).substring(0, 40)), served);
    assertEquals(2, log("gamma").rosterHistory().size());
    assertArrayEquals(adopted.toJson(), log("gamma").provenance().leaf(log("gamma").rosterLeaf(2).orElseThrow()));

    settleAt(1 + 2 + 1);
    awaitCosignedByBothPeers("gamma");
    AuditReport report = audit("gamma");
    assertTrue(report.ok(), report.findings().toString());
    assertEquals(2, report.counts().rosterDocuments());
    assertEquals(2, report.cosigners().size());
  }

  @Test
  void cosignatureUnderAnotherMembersWitnessName_orWithALogKey_orADuplicateKey_isRefusedOnThePeerPort() throws Exception {
    startAll();
    settleAt(1);
    MemberId acme = MemberId.parse("acme");
    PeerClient fromBeta = node("beta").sync().client(acme).orElseThrow();
    SignedNote latest = log("acme").checkpoints().latest().orElseThrow().note();

    CosignatureSigner posingAsGamma = CosignatureSigner.fromSeed(log("acme").witnessName(MemberId.parse("gamma")),
        new byte[32]);
    assertRefused(fromBeta, latest.withSignature(posingAsGamma), posingAsGamma.verifierKey(), "HTTP 403");

    CosignatureSigner withLogKey = CosignatureSigner.create(log("acme").witnessName(MemberId.parse("beta")),
        Ed25519RawSigner.of(consortium.memberKey("gamma")), java.time.Clock.systemUTC());
    assertRefused(fromBeta, latest.withSignature(withLogKey), withLogKey.verifierKey(), "HTTP 422");
    String one = new io.vertx.core.json.JsonObject().put("note", latest.encode())
        .put("witness_key", posingAsGamma.verifierKey()).encode();
    // A last-wins reader would see the real note and answer 403; the hardened one refuses the body.
    assertRefused(fromBeta, io.vertx.core.buffer.Buffer.buffer("{\"note\":\"x\"," + one.substring(1)), "HTTP 400");
    assertEquals(1, log("acme").checkpoints().latest().orElseThrow().note().signatures().size()
        - served("acme").verifiedCosignatures(witnessesOf("acme")).size());
  }

  private static void assertRefused(PeerClient client, SignedNote note, String witnessKey, String status) {
    assertRefused(client, new io.vertx.core.json.JsonObject().put("note", note.encode())
        .put("witness_key", witnessKey).toBuffer(), status);
  }

  private static void assertRefused(PeerClient client, io.vertx.core.buffer.Buffer body, String status) {
    try {
      client.post("/peer/v1/log/cosignatures", body).toCompletionStage().toCompletableFuture().get();
      fail("the cosignature was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause().getMessage().contains(status), e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private long splitViewRounds(String m) {
    java.util.regex.Matcher r = java.util.regex.Pattern
        .compile("hashfed_log_witness_rounds_total\\{outcome=\"split_view\"} (\\d+)").matcher(metrics(m));
    return r.find() ? Long.parseLong(r.group(1)) : 0;
  }

  private String metrics(String m) {
    return get(m, "/metrics");
  }

  private String get(String m, String path) {
    try {
      String key = Files.readString(consortium.config(m).adminKeyFile()).strip();
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node(m).port() + path))
          .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      return r.body();
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " on " + m + " failed: " + e, e);
    }
  }

  private static void await(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("within " + WAIT.toSeconds() + " s: " + what.get());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
