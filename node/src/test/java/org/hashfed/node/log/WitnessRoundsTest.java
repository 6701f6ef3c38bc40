package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.Await;
import org.hashfed.node.TestVertx;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.roster.PeerUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witnessing rounds against real peer servers on loopback that misbehave: a silent peer fails by
 * the peer client's deadline while a refusing one fails at once, each with its own outcome, and a
 * stop ends a round whose peer has not answered, however long its deadline.
 */
class WitnessRoundsTest {

  private static final MemberId SILENT = MemberId.parse("silent");
  private static final MemberId REFUSING = MemberId.parse("refusing");
  private static final MemberId ABSENT = MemberId.parse("absent");

  @TempDir Path dir;
  private Vertx vertx;
  private WorkerExecutor worker;
  private Store store;
  private WitnessService witness;
  private final Metrics metrics = new Metrics();
  private final TlsIdentity self = TlsIdentity.generate("acme");
  private final Map<MemberId, PeerClient> clients = new HashMap<>();
  private final AtomicInteger asked = new AtomicInteger();

  @BeforeEach
  void start() {
    vertx = TestVertx.create();
    worker = vertx.createSharedWorkerExecutor("witness-rounds-test");
    store = Store.open(dir);
    witness = WitnessService.create(store, CosignatureSigner.fromSeed("witness.example/acme", new byte[32]),
        origin -> Optional.empty(), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    store.close();
  }

  private void peer(MemberId member, Duration timeout, Handler<HttpServerRequest> answer) throws Exception {
    TlsIdentity tls = TlsIdentity.generate(member.value());
    PeerServer server = PeerServer.start(vertx, "127.0.0.1", 0, tls, fp -> true, req -> {
      asked.incrementAndGet();
      answer.handle(req);
    }).await(30, TimeUnit.SECONDS);
    clients.put(member, PeerClient.create(vertx, self, PeerUrl.parse("https://127.0.0.1:" + server.port()),
        tls.fingerprint(), fp -> true, timeout, 1 << 20));
  }

  private WitnessRounds rounds(List<MemberId> peers, Duration timeout) {
    return new WitnessRounds(vertx, worker, witness, () -> peers, m -> Optional.ofNullable(clients.get(m)),
        metrics.counter("rounds_total", "test", "outcome"), timeout);
  }

  private static List<WitnessOutcome> await(Future<List<WitnessOutcome>> round) throws Exception {
    return round.await(60, TimeUnit.SECONDS);
  }

  @Test
  void round_withASilentAndARefusingPeer_failsEachWithItsReason_andSkipsAPeerWithoutAClient() throws Exception {
    Duration timeout = Duration.ofMillis(500);
    peer(SILENT, timeout, req -> { });
    peer(REFUSING, timeout, req -> req.response().setStatusCode(500).end("not now"));

    List<WitnessOutcome> out = await(rounds(List.of(SILENT, ABSENT, REFUSING), timeout).round());

    assertEquals(2, out.size(), out.toString());
    assertEquals(WitnessOutcome.Status.FAILED, out.get(0).status());
    assertEquals("peer silent", out.get(0).peer());
    // the client's idle timeout or its deadline, whichever the loaded machine lets fire first
    assertTrue(out.get(0).message().startsWith("cannot get a checkpoint: peer silent:")
        && out.get(0).message().matches("(?s).*500 ?ms.*"), out.get(0).message());
    assertEquals(WitnessOutcome.Status.FAILED, out.get(1).status());
    assertTrue(out.get(1).message().contains("HTTP 500") && out.get(1).message().contains("not now"),
        out.get(1).message());
    assertTrue(metrics.scrape().contains("rounds_total{outcome=\"failed\"} 2"), metrics.scrape());
    assertTrue(witness.splitViews().isEmpty());
  }

  @Test
  void stop_endsARoundWaitingForItsPeer_withoutWaitingForTheDeadline() throws Exception {
    // a deadline far beyond the test's wait: only the stop can end this round in time
    Duration timeout = Duration.ofMinutes(10);
    peer(SILENT, timeout, req -> { });
    WitnessRounds rounds = rounds(List.of(SILENT), timeout);
    Future<List<WitnessOutcome>> round = rounds.round();
    Await.until(Duration.ofSeconds(30), () -> asked.get() == 1, () -> "the peer was not asked");

    rounds.stop();

    List<WitnessOutcome> out = await(round);
    assertEquals(List.of(new WitnessOutcome(WitnessOutcome.Status.FAILED, "peer silent", "stopped")), out);
  }
}
