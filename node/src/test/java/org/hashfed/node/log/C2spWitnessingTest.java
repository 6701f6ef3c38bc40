package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.WitnessTarget;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerAnswer;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.Rfc6962;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes over the peer port: acme submits its checkpoints with C2SP tlog-witness
 * {@code add-checkpoint} to beta's witness (configured in {@code log.witnesses} with beta's
 * witness key), serves the cosignatures it gets, and after a restart learns beta's size from a
 * 409. The pull rounds are slowed to a day so that every cosignature here comes from the push.
 */
@Tag("slow")
class C2spWitnessingTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private LocalConsortium consortium;
  private CosignatureVerifier betaWitness;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  private void startAll() throws Exception {
    // beta's witness key exists before the roster does, so acme's config can name it.
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    Files.createDirectories(dir.resolve("beta"));
    KeyFiles.writePrivateKey(dir.resolve("beta").resolve("witness.key"), key);
    betaWitness = CosignatureSigner.create("witness.local/beta", Ed25519RawSigner.of(key), Clock.systemUTC()).verifier();
    String vkey = betaWitness.verifierKey();
    consortium = LocalConsortium.prepare(dir, List.of("acme", "beta"), b -> {
      b.workerThreads(2).witnessPeriod(Duration.ofDays(1))
          .sync(b.build().sync().withAntiEntropy(Duration.ofMillis(200)).withTimeout(Duration.ofSeconds(5)));
      return b.build().member().equals("acme") ? b.witnesses(List.of(WitnessTarget.ofMember("beta", vkey))) : b;
    }).startAll();
  }

  private Node node(String m) {
    return consortium.node(m);
  }

  private NodeLog log(String m) {
    return node(m).log().orElseThrow();
  }

  private void submitAndSign(int entries) {
    long target = log("acme").provenance().size() + entries;
    for (int k = 0; k < entries; k++) {
      byte[] b = new byte[16];
      ThreadLocalRandom.current().nextBytes(b);
      node("acme").ledger().orElseThrow()
          .submit(Submit.of(Signal.parse("md5", HexFormat.of().formatHex(b)), List.of(Label.parse("behavior:glorification"))));
    }
    Await.until(WAIT, () -> log("acme").provenance().size() == target,
        () -> "acme's log has " + log("acme").provenance().size() + " leaves, expected " + target);
    log("acme").checkpoints().signLatest();
  }

  private long cosignedByBeta() throws Exception {
    SignedCheckpoint served = log("acme").checkpoints().latest().orElseThrow();
    return served.verifiedCosignatures(List.of(betaWitness)).isEmpty() ? -1 : served.checkpoint().size();
  }

  @Test
  void acmeSubmitsToBetasWitness_servesItsCosignatures_andResumesAfterARestartThrough409() throws Exception {
    startAll();
    submitAndSign(3);
    List<WitnessOutcome> first = log("acme").submitToWitnessesNow().await(60, TimeUnit.SECONDS);
    assertEquals(WitnessOutcome.Status.COSIGNED, first.get(0).status(), first.toString());
    assertEquals(4, cosignedByBeta(), "genesis roster and three entries, cosigned by beta");
    String origin = log("acme").checkpoints().origin();
    assertEquals(4, Checkpoint.parse(log("beta").witness().witnessed(origin).orElseThrow().text()).size());

    submitAndSign(2);
    assertEquals(WitnessOutcome.Status.COSIGNED, log("acme").submitToWitnessesNow().await(60, TimeUnit.SECONDS).get(0).status());
    assertEquals(6, cosignedByBeta(), "a consistency proof from 4 to 6 convinced beta");

    // acme forgets beta's size on restart; beta keeps it in its store and answers 409 with it.
    consortium.stop("acme");
    consortium.start("acme");
    submitAndSign(1);
    List<WitnessOutcome> resumed = log("acme").submitToWitnessesNow().await(60, TimeUnit.SECONDS);
    assertEquals(WitnessOutcome.Status.COSIGNED, resumed.get(0).status(), resumed.toString());
    assertEquals(7, cosignedByBeta());
    assertEquals(7, Checkpoint.parse(log("beta").witness().witnessed(origin).orElseThrow().text()).size());
    String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + node("beta").port() + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("hashfed_log_witness_add_checkpoint_total{status=\"200\"} 3"), metrics);
    assertTrue(metrics.contains("hashfed_log_witness_add_checkpoint_total{status=\"409\"} 1"), metrics);
  }

  @Test
  void betasWitness_overThePeerPort_answersTheSpecsStatusCodes() throws Exception {
    startAll();
    submitAndSign(1);
    String acmeOrigin = log("acme").checkpoints().origin();
    Ed25519NoteSigner stranger = Ed25519NoteSigner.fromSeed("local/hashfed/log/zeta", new byte[32]);
    AddCheckpointRequest unknownLog = AddCheckpointRequest.create(0, List.of(),
        SignedCheckpoint.sign(Checkpoint.create(stranger.name(), 0, Rfc6962.EMPTY_ROOT), stranger).note());
    assertEquals(404, post(unknownLog.encode()).status());
    assertEquals(400, post("old 01\n\n".getBytes(StandardCharsets.UTF_8)).status());
    AddCheckpointRequest ahead = AddCheckpointRequest.create(2, List.of(),
        log("acme").checkpoints().latest().orElseThrow().note());
    PeerAnswer conflict = post(ahead.encode());
    assertEquals(409, conflict.status());
    assertEquals("text/x.tlog.size", conflict.contentType());
    assertEquals("0\n", conflict.body().toString(StandardCharsets.UTF_8));
    assertTrue(log("beta").witness().witnessed(acmeOrigin).isEmpty(), "nothing cosigned, nothing recorded");
    String originHash = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(acmeOrigin.getBytes(StandardCharsets.UTF_8)));
    assertEquals(404, get(LogPeerRoutes.WITNESS_PREFIX + "/" + originHash + "/checkpoint").status());
    assertEquals(400, get(LogPeerRoutes.WITNESS_PREFIX + "/ACME/checkpoint").status());
    assertEquals(WitnessOutcome.Status.COSIGNED, log("acme").submitToWitnessesNow().await(60, TimeUnit.SECONDS).get(0).status());
    PeerAnswer monitored = get(LogPeerRoutes.WITNESS_PREFIX + "/" + originHash + "/checkpoint");
    assertEquals(200, monitored.status());
    SignedCheckpoint cosigned = SignedCheckpoint.open(monitored.body().toString(StandardCharsets.UTF_8),
        log("acme").logKey(acmeOrigin).orElseThrow());
    assertEquals(1, cosigned.verifiedCosignatures(List.of(betaWitness)).size(), "the monitor sees beta's cosignature");
  }

  private PeerAnswer get(String path) throws Exception {
    return node("acme").sync().client(MemberId.parse("beta")).orElseThrow()
        .answer(HttpMethod.GET, path, null, Map.of())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private PeerAnswer post(byte[] body) throws Exception {
    return node("acme").sync().client(MemberId.parse("beta")).orElseThrow()
        .answer(HttpMethod.POST, LogPeerRoutes.ADD_CHECKPOINT, Buffer.buffer(body), Map.of("Content-Type", "text/plain"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
