package org.hashfed.node.log;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a C2SP tlog-witness client against WireMock playing an external witness: the
 * request bytes as the spec lays them out, the retry with the size of a 409, and witnesses that
 * misbehave (a 409 without a size, a size beyond the log, cosignatures by another key, junk),
 * none of which changes the served checkpoint.
 */
class WitnessSubmissionsTest {

  private static final String ORIGIN = "hashfed.example/hashfed/log/acme";
  private static final byte[] LOG_SEED = new byte[32];
  private static final byte[] WITNESS_SEED = "an external c2sp witness seed...".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private WireMockServer witness;
  private Vertx vertx;
  private WorkerExecutor worker;
  private Store store;
  private ProvenanceLog log;
  private CheckpointSigner checkpoints;
  private final CosignatureSigner witnessKey = CosignatureSigner.fromSeed("witness.example/w1", WITNESS_SEED);
  private final Metrics metrics = new Metrics();
  private final List<WitnessSubmissions> created = new java.util.ArrayList<>();

  private final org.hashfed.node.metrics.Counter counter = metrics.counter("submissions_total", "test", "outcome");

  @BeforeEach
  void start() {
    witness = new WireMockServer(options().dynamicPort());
    witness.start();
    vertx = TestVertx.create();
    worker = vertx.createSharedWorkerExecutor("witness-submissions-test");
    store = Store.open(dir);
    log = ProvenanceLog.open(store);
    checkpoints = CheckpointSigner.open(log, store, Ed25519NoteSigner.fromSeed(ORIGIN, LOG_SEED));
  }

  @AfterEach
  void stop() {
    created.forEach(WitnessSubmissions::stop);
    witness.stop();
    vertx.close().await();
    store.close();
  }

  private void grow(int leaves) {
    for (int i = 0; i < leaves; i++) {
      log.appendDocument(("leaf " + log.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private WitnessSubmissions submissions() {
    return submissions(Duration.ofSeconds(10), target(witnessKey, "http://127.0.0.1:" + witness.port() + "/w1",
        Duration.ofSeconds(10)));
  }

  private WitnessSubmissions.Target target(CosignatureSigner key, String url, Duration timeout) {
    return new WitnessSubmissions.Target(key.verifier(), new UrlWitnessEndpoint(vertx, URI.create(url), timeout));
  }

  private WitnessSubmissions submissions(Duration timeout, WitnessSubmissions.Target... targets) {
    WitnessSubmissions s = new WitnessSubmissions(vertx, worker, checkpoints, log, List.of(targets), counter, timeout);
    created.add(s);
    return s;
  }

  private static List<WitnessOutcome> await(Future<List<WitnessOutcome>> round) throws Exception {
    return round.await(60, TimeUnit.SECONDS);
  }

  private String cosignatureLine(SignedNote note) {
    SignedNote cosigned = note.withSignature(witnessKey);
    return cosigned.signatures().get(cosigned.signatures().size() - 1).line();
  }

  private void answer(String bodyStartsWith, int status, String contentType, String body) {
    witness.stubFor(post(urlEqualTo("/w1/add-checkpoint"))
        .withRequestBody(WireMock.matching("(?s)" + java.util.regex.Pattern.quote(bodyStartsWith) + ".*"))
        .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
  }

  @Test
  void submit_after409_retriesFromTheWitnessSizeWithTheProof_andServesTheCosignature() throws Exception {
    grow(2);
    checkpoints.signLatest();
    grow(5);
    SignedCheckpoint latest = checkpoints.signLatest();
    AddCheckpointRequest expected = AddCheckpointRequest.create(2, log.consistencyProof(2, 7), latest.note());
    answer("old 0\n", 409, "text/x.tlog.size", "2\n");
    answer("old 2\n", 200, "text/plain; charset=utf-8", cosignatureLine(latest.note()));

    List<WitnessOutcome> outcomes = await(submissions().round());

    assertEquals(WitnessOutcome.Status.COSIGNED, outcomes.get(0).status(), outcomes.toString());
    witness.verify(postRequestedFor(urlEqualTo("/w1/add-checkpoint"))
        .withRequestBody(equalTo(new String(expected.encode(), StandardCharsets.UTF_8))));
    assertEquals(1, checkpoints.latest().orElseThrow().verifiedCosignatures(List.of(witnessKey.verifier())).size());
    assertTrue(metrics.scrape().contains("submissions_total{outcome=\"cosigned\"} 1"), metrics.scrape());
  }

  @Test
  void submit_ofACheckpointTheWitnessCosigned_sendsNothing() throws Exception {
    grow(3);
    SignedCheckpoint latest = checkpoints.signLatest();
    answer("old 0\n", 200, "text/plain", cosignatureLine(latest.note()));
    WitnessSubmissions s = submissions();
    await(s.round());
    List<WitnessOutcome> again = await(s.round());
    assertEquals(WitnessOutcome.Status.COSIGNED, again.get(0).status());
    assertTrue(again.get(0).message().startsWith("already cosigned"), again.get(0).message());
    assertEquals(1, witness.getAllServeEvents().size());
  }

  @Test
  void submit_toMisbehavingWitnesses_failsAndLeavesTheServedCheckpointAlone() throws Exception {
    grow(3);
    SignedCheckpoint latest = checkpoints.signLatest();
    CosignatureSigner other = CosignatureSigner.fromSeed("witness.example/w1", new byte[32]);
    String otherLine = latest.note().withSignature(other).signatures().get(1).line();
    List<String[]> cases = List.of(
        new String[] {"409", "text/plain", "2\n", "409 without the witness's size"},
        new String[] {"409", "text/x.tlog.size", "100\n", "beyond this log's checkpoint at 3"},
        new String[] {"200", "text/plain", otherLine, "cosignature refused"},
        new String[] {"200", "text/plain", "hello\n", "answer is not cosignature lines"},
        new String[] {"500", "text/plain", "down\n", "HTTP 500: down"},
        new String[] {"404", "text/plain", "unknown log\n", "HTTP 404: unknown log"});
    for (String[] c : cases) {
      witness.resetAll();
      answer("old 0\n", Integer.parseInt(c[0]), c[1], c[2]);
      WitnessOutcome o = await(submissions().round()).get(0);
      assertEquals(WitnessOutcome.Status.FAILED, o.status(), c[3]);
      assertTrue(o.message().contains(c[3]), o.message() + " (expected: " + c[3] + ")");
      assertEquals(latest.note(), checkpoints.latest().orElseThrow().note(), c[3]);
    }
  }

  @Test
  void submit_toAWitnessWhoseSizeKeepsMoving_givesUpAfterOneRetry() throws Exception {
    grow(4);
    checkpoints.signLatest();
    answer("old 0\n", 409, "text/x.tlog.size", "1\n");
    answer("old 1\n", 409, "text/x.tlog.size", "0\n");
    WitnessOutcome o = await(submissions().round()).get(0);
    assertEquals(WitnessOutcome.Status.FAILED, o.status());
    assertTrue(o.message().contains("changed between two requests"), o.message());
    assertEquals(2, witness.getAllServeEvents().size());
  }

  @Test
  void submit_toAWitnessAnsweringForSeveralKeys_keepsOnlyTheConfiguredKeysCosignature() throws Exception {
    grow(3);
    SignedCheckpoint latest = checkpoints.signLatest();
    CosignatureSigner sibling = CosignatureSigner.fromSeed("witness.example/w1-next", new byte[32]);
    String siblingLine = latest.note().withSignature(sibling).signatures().get(1).line();
    answer("old 0\n", 200, "text/plain", siblingLine + cosignatureLine(latest.note()));
    WitnessOutcome o = await(submissions().round()).get(0);
    assertEquals(WitnessOutcome.Status.COSIGNED, o.status(), o.message());
    SignedNote served = checkpoints.latest().orElseThrow().note();
    assertEquals(2, served.signatures().size(), "the log's signature and the configured witness's: " + served);
    assertTrue(served.signatures().stream().noneMatch(sig -> sig.name().equals("witness.example/w1-next")), served.toString());
  }

  /** A witness that takes requests and never answers; its URL. */
  private String silentWitness(java.util.concurrent.atomic.AtomicInteger requests) throws Exception {
    io.vertx.core.http.HttpServer server = vertx.createHttpServer()
        .requestHandler(req -> requests.incrementAndGet()).listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS);
    return "http://127.0.0.1:" + server.actualPort() + "/silent";
  }

  @Test
  void submit_toASilentWitness_failsByItsDeadline_whileAnotherWitnessCosigns() throws Exception {
    grow(3);
    SignedCheckpoint latest = checkpoints.signLatest();
    answer("old 0\n", 200, "text/plain", cosignatureLine(latest.note()));
    CosignatureSigner silentKey = CosignatureSigner.fromSeed("witness.example/silent", new byte[32]);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    WitnessSubmissions s = submissions(Duration.ofSeconds(10),
        target(silentKey, silentWitness(asked), Duration.ofMillis(300)),
        target(witnessKey, "http://127.0.0.1:" + witness.port() + "/w1", Duration.ofSeconds(10)));

    List<WitnessOutcome> outcomes = await(s.round());

    assertEquals(WitnessOutcome.Status.FAILED, outcomes.get(0).status(), outcomes.toString());
    // the request's idle timeout or the endpoint's deadline, whichever the loaded machine lets fire first
    assertTrue(outcomes.get(0).message().startsWith("cannot submit the checkpoint:")
        && outcomes.get(0).message().matches("(?s).*300 ?ms.*"), outcomes.get(0).message());
    assertEquals(WitnessOutcome.Status.COSIGNED, outcomes.get(1).status(), outcomes.toString());
    assertEquals(1, asked.get());
    SignedCheckpoint served = checkpoints.latest().orElseThrow();
    assertEquals(1, served.verifiedCosignatures(List.of(witnessKey.verifier())).size());
    assertEquals(2, served.note().signatures().size(), "the log's and the answering witness's: " + served);
    assertTrue(metrics.scrape().contains("submissions_total{outcome=\"failed\"} 1"), metrics.scrape());
  }

  @Test
  void stop_endsASubmissionWaitingForItsWitness_withoutWaitingForTheDeadline() throws Exception {
    grow(3);
    checkpoints.signLatest();
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    CosignatureSigner silentKey = CosignatureSigner.fromSeed("witness.example/silent", new byte[32]);
    // deadlines far beyond the test's wait: only the stop can end this round in time
    WitnessSubmissions s = submissions(Duration.ofMinutes(10),
        target(silentKey, silentWitness(asked), Duration.ofMinutes(10)));
    Future<List<WitnessOutcome>> round = s.round();
    org.hashfed.node.Await.until(Duration.ofSeconds(30), () -> asked.get() == 1, () -> "the witness was not asked");

    s.stop();

    List<WitnessOutcome> outcomes = await(round);
    assertEquals(WitnessOutcome.Status.FAILED, outcomes.get(0).status(), outcomes.toString());
    assertEquals("stopped", outcomes.get(0).message());
    assertEquals(1, checkpoints.latest().orElseThrow().note().signatures().size(), "nothing cosigned");
  }
}
