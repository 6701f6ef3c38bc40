package org.hashfed.node.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hashfed.node.TestVertx;
import org.hashfed.protocol.roster.PeerUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A peer client against a real peer server on loopback that answers promptly or dribbles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerClientTest {

  /** Generous, for a first TLS handshake on a machine at load 30. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** A blank every 250 ms for 60 s: never idle for the timeout, yet done only long after it. */
  private static final int DRIBBLES = 240;
  private static final long DRIBBLE_MS = 250;
  /** An answer of many TLS records, so that its end arrives while the caller may still be setting up. */
  private static final String BIG = "{\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";

  private Vertx vertx;
  private PeerServer server;
  private PeerClient client;

  @BeforeAll
  void start() throws Exception {
    vertx = TestVertx.create();
    TlsIdentity serverTls = TlsIdentity.generate("server");
    server = get(PeerServer.start(vertx, "127.0.0.1", 0, serverTls, fp -> true, this::answer));
    client = PeerClient.create(vertx, TlsIdentity.generate("client"),
        PeerUrl.parse("https://127.0.0.1:" + server.port()), serverTls.fingerprint(), fp -> true, TIMEOUT, 1 << 20);
  }

  @AfterAll
  void stop() throws Exception {
    get(client.close());
    get(server.close());
    get(vertx.close());
  }

  private void answer(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    if (req.path().equals("/big")) {
      res.end(BIG);
      return;
    }
    if (req.path().equals("/refused")) {
      // fewer characters than bytes: an error message must not cut the text by the byte count
      res.setStatusCode(500).end("\u00e9chec \u2014 \u00fcberlastet");
      return;
    }
    if (req.path().equals("/full")) {
      res.setStatusCode(507).putHeader("Retry-After", "10").putHeader("Content-Type", "application/problem+json")
          .end("{\"type\":\"urn:hashfed:problem:peer\",\"status\":507,\"detail\":\"store-full: disk full\"}");
      return;
    }
    if (!req.path().equals("/dribble")) {
      res.end("{\"ok\":true}");
      return;
    }
    res.setChunked(true).putHeader("Content-Type", "application/json").write("{");
    int[] left = {DRIBBLES};
    vertx.setPeriodic(DRIBBLE_MS, id -> {
      if (res.closed() || res.ended()) {
        vertx.cancelTimer(id);
      } else if (--left[0] > 0) {
        res.write(" ");
      } else {
        vertx.cancelTimer(id);
        res.end("}");
      }
    });
  }

  @Test
  void get_whenThePeerAnswersInTime_returnsTheBody() throws Exception {
    assertEquals("{\"ok\":true}", get(client.get("/prompt")).toString());
  }

  @Test
  void get_whenThePeerFailsWithAShortNonAsciiBody_failsWithItsStatusAndText() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(client.get("/refused")));
    PeerException p = assertInstanceOf(PeerException.class, e.getCause(), e.getCause().toString());
    assertEquals(PeerException.Kind.STATUS, p.kind());
    assertTrue(p.getMessage().endsWith(": \u00e9chec \u2014 \u00fcberlastet"), p.getMessage());
  }

  @Test
  void post_whenThePeersDiskIsFull_isBusyForItsRetryAfter_notABadPeer() {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> get(client.post("/full", Buffer.buffer("{}"))));
    PeerException p = assertInstanceOf(PeerException.class, e.getCause(), e.getCause().toString());
    assertTrue(PeerException.isBusy(p), p.kind() + ": " + p.getMessage());
    assertEquals(10_000, p.retryAfterMillis());
    assertTrue(p.getMessage().contains("store-full"), p.getMessage());
  }

  @Test
  void get_whenThePeerDribblesPastTheTimeout_failsAtTheDeadline() {
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(client.get("/dribble")));
    assertInstanceOf(TimeoutException.class, e.getCause(), e.getCause().toString());
  }

  @Test
  void requestsFromWorkerAndOutsideThreads_allGetTheirWholeAnswer() throws Exception {
    // Under Vert.x 5.0.7 some of these never completed: it lost the end of a response read on
    // another thread than its handlers' (eclipse-vertx/vert.x#6038), fixed in the version we use.
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Buffer>> answers = new ArrayList<>();
      List<java.util.concurrent.Future<Buffer>> fromThreads = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        answers.add(client.get(i % 2 == 0 ? "/big" : "/prompt"));
        fromThreads.add(threads.submit(() -> get(client.get("/big"))));
      }
      vertx.executeBlocking(() -> {
        for (int i = 0; i < 100; i++) {
          assertEquals(BIG, get(client.get("/big")).toString());
        }
        return null;
      }).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(i % 2 == 0 ? BIG : "{\"ok\":true}", get(answers.get(i)).toString());
      }
      for (var f : fromThreads) {
        assertEquals(BIG, f.get(30, TimeUnit.SECONDS).toString());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anEventLoopCaller_getsTheAnswerOnItsOwnContext() throws Exception {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Context> answeredOn = new CompletableFuture<>();
    caller.runOnContext(v -> client.get("/prompt").onComplete(ar -> answeredOn.complete(Vertx.currentContext())));
    assertSame(caller, answeredOn.get(30, TimeUnit.SECONDS));
  }

  @Test
  void retryAfter_isWholeSecondsUpToAMinute_elseOneSecond() {
    assertEquals(5_000, PeerClient.retryAfterMillis("5"));
    assertEquals(5_000, PeerClient.retryAfterMillis(" 5 "));
    assertEquals(0, PeerClient.retryAfterMillis("0"));
    assertEquals(60_000, PeerClient.retryAfterMillis("3600"));
    assertEquals(0, PeerClient.retryAfterMillis("-3"));
    assertEquals(1_000, PeerClient.retryAfterMillis("Wed, 02 Dec 2026 07:28:00 GMT"));
    assertEquals(1_000, PeerClient.retryAfterMillis(null));
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
