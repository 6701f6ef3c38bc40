package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hashfed.node.Node;
import org.hashfed.node.TestVertx;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that misbehaves in one quiet way only, every other answer well formed: the honest node
 * must still score it down rather than reward it for answering.
 */
@Tag("slow")
class PeerScoringTest {

  private static final MemberId MALLORY = MemberId.parse("mallory");

  @TempDir Path root;
  private LocalConsortium c;
  private Vertx vertx;
  private PeerServer mallory;

  @AfterEach
  void stop() throws Exception {
    if (mallory != null) {
      mallory.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (c != null) {
      c.close();
    }
  }

  private void prepare() {
    c = LocalConsortium.prepare(root, List.of("node-a", "mallory"),
        b -> Federation.fast(b).witnessPeriod(Duration.ofHours(1)));
  }

  /** Starts node-a, and mallory's node answering heads with {@code heads} and everything else with {@code rest}. */
  private Node start(String heads, Consumer<HttpServerRequest> rest, AtomicInteger asked) throws Exception {
    return start(req -> {
      if (req.path().equals("/peer/v1/heads")) {
        req.response().end(heads);
      } else {
        asked.incrementAndGet();
        rest.accept(req);
      }
    });
  }

  /**
   * Starts mallory's node answering every request with {@code handler}, then node-a: node-a's first
   * requests then meet mallory's answers, not a refused connection, which would cost a failure.
   */
  private Node start(Consumer<HttpServerRequest> handler) throws Exception {
    vertx = TestVertx.create();
    TlsIdentity tls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
    mallory = PeerServer.start(vertx, "127.0.0.1", c.config("mallory").peerPort(), tls, fp -> true, handler::accept)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return c.start("node-a");
  }

  private static SyncEngine.PeerView view(Node n) {
    return n.sync().peers().stream().filter(p -> p.member().equals("mallory")).findFirst().orElseThrow();
  }

  private static int score(Node n) {
    return n.sync().peers().stream().filter(p -> p.member().equals("mallory")).findFirst().orElseThrow().score();
  }

  @Test
  void aPeerThatAnswers429_isLeftAloneForItsRetryAfter_withoutBlame() throws Exception {
    // A rate limit is the peer's to set: unlike a timeout or a 500, it costs no score and no
    // exponential backoff, and the node waits as long as the peer asked (here 3 s) before asking again.
    prepare();
    java.util.List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    Node a = start(req -> {
      if (req.path().equals(LinkKeeper.PING_PATH)) {
        // Pings go out two at a time to open both connections, and touch no peer state.
        req.response().setStatusCode(204).end();
        return;
      }
      asked.add(System.nanoTime());
      req.response().setStatusCode(429).putHeader("Retry-After", "3").end("{\"title\":\"slow down\"}");
    });
    await(Duration.ofSeconds(30), () -> asked.size() >= 3, () -> "mallory asked " + asked.size() + " times");
    SyncEngine.PeerView v = view(a);
    assertEquals(0, v.score(), "score after " + asked.size() + " 429s: " + v);
    assertEquals(0, v.failures(), v.toString());
    for (int i = 1; i < asked.size(); i++) {
      long gapMs = (asked.get(i) - asked.get(i - 1)) / 1_000_000;
      assertTrue(gapMs >= 2_900, "asked again after " + gapMs + " ms, within the 3 s it asked for");
    }
  }

  @Test
  void aPeerThatAnswersAPingWith429_isLeftAloneForItsRetryAfter_withoutBlame() throws Exception {
    prepare();
    Node a = start(req -> {
      if (req.path().equals(LinkKeeper.PING_PATH)) {
        req.response().setStatusCode(429).putHeader("Retry-After", "20").end("{\"title\":\"slow down\"}");
      } else {
        req.response().end("{\"heads\":{},\"ids\":{},\"evidence\":[],\"roster\":1}");
      }
    });
    await(Duration.ofSeconds(10), () -> view(a).retryAtMillis() > System.currentTimeMillis() + 10_000,
        () -> "mallory's wait as node-a records it: " + view(a));
    assertEquals(0, view(a).failures(), view(a).toString());
    assertTrue(view(a).score() >= 0, view(a).toString());
  }

  @Test
  void aPeerWhoseFeedAnswersAreOnlyEntriesFarAhead_isScoredDown() throws Exception {
    // Validly signed, chained to nothing this node has: the gap before them never fills.
    prepare();
    EntrySigner signer = EntrySigner.create(MALLORY, c.memberKey("mallory"));
    AtomicInteger asked = new AtomicInteger();
    Node a = start("{\"heads\":{\"mallory\":1000},\"ids\":{},\"evidence\":[],\"roster\":1}", req -> {
      long seq = 500 + asked.get();
      String env = new String(signer.sign(Entry.create(MALLORY, seq, Optional.of(EntryId.ofPayload(new byte[] {1})),
          EntryTime.truncate(Instant.now()), submission(randomMd5()))).envelope().toJson(), StandardCharsets.UTF_8);
      req.response().end("{\"member\":\"mallory\",\"from\":" + seq + ",\"entries\":[" + env + "]}");
    }, asked);
    await(Duration.ofSeconds(30), () -> asked.get() >= 5 && score(a) < PeerState.BAD_SCORE,
        () -> "mallory asked " + asked.get() + " times, score " + score(a));
    assertTrue(a.sync().stats().pending() <= c.config("node-a").sync().pendingPerMember());
  }

  @Test
  void aPeerWhoseHeadsClaimANewerRosterAndServesOneThatDoesNotVerify_isScoredDown() throws Exception {
    prepare();
    AtomicInteger asked = new AtomicInteger();
    AtomicInteger rosterAsked = new AtomicInteger();
    Node a = start("{\"heads\":{},\"ids\":{},\"evidence\":[],\"roster\":2}", req -> {
      if (req.path().equals("/peer/v1/roster")) {
        rosterAsked.incrementAndGet();
        req.response().end("{\"versions\":[{\"payloadType\":\"application/vnd.hashfed.roster.v1+json\","
            + "\"payload\":\"e30=\",\"signatures\":[]}]}");
      } else {
        req.response().setStatusCode(404).end();  // witnessing, which this test is not about
      }
    }, asked);
    // Each round is a good heads exchange (+1) and a refused roster (-10): well below bad, where
    // rewarding the answers alone would keep the score near the top.
    await(Duration.ofSeconds(30), () -> rosterAsked.get() >= 5 && score(a) < PeerState.BAD_SCORE,
        () -> "mallory asked for the roster " + rosterAsked.get() + " times, score " + score(a));
    assertTrue(a.sync().roster().current().roster().version() == 1);
  }
}
