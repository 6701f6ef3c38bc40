package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries accepted while a push is in flight go together in the next pushes, split so that no
 * body exceeds {@code peer.max_body_bytes}; feed responses are shortened to the same limit. The peer is "mallory", played by a server with mallory's
 * pinned certificate that records every push and holds its answer to the first one until the
 * burst is queued behind it.
 */
@Tag("slow")
class PushBatchingTest {

  private static final long LIMIT = 64 * 1024;
  private static final int BURST = 100;
  private static final String NOTE = "n".repeat(1000);

  @TempDir Path root;

  /** One push as mallory received it: body size and the entries it carried, as {@code member#seq}. */
  private record Received(int bytes, List<String> seqs) {}

  private static NodeConfig.Builder config(NodeConfig.Builder b) {
    return b.workerThreads(2).sync(b.build().sync().withMaxBodyBytes(LIMIT).withAntiEntropy(Duration.ofMinutes(10)));
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @Test
  void burstQueuedBehindASlowPush_goesInBatches_eachWithinTheBodyLimit_inOrder() throws Exception {
    Vertx vertx = TestVertx.create();
    try (LocalConsortium c = LocalConsortium.prepare(root, List.of("node-a", "mallory"), PushBatchingTest::config)) {
      List<Received> pushes = new CopyOnWriteArrayList<>();
      Promise<Void> release = Promise.promise();
      PeerServer mallory = startWithMallory(c, vertx, req -> answer(req, pushes, release.future()));
      TlsIdentity tls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
      try {
        submitWithNote(c);
        await(Duration.ofSeconds(30), () -> pushes.size() == 1, () -> "pushes received: " + pushes);
        for (int i = 1; i < BURST; i++) {
          submitWithNote(c);
        }
        release.complete();
        await(Duration.ofSeconds(60), () -> pushes.stream().mapToInt(p -> p.seqs().size()).sum() >= BURST,
            () -> "pushes received: " + pushes.size() + ", entries " + pushes.stream().mapToInt(p -> p.seqs().size()).sum());

        List<String> seqs = new ArrayList<>();
        for (Received p : pushes) {
          assertTrue(p.bytes() <= LIMIT, "a push body of " + p.bytes() + " bytes exceeds the limit of " + LIMIT);
          seqs.addAll(p.seqs());
        }
        List<String> expected = new ArrayList<>();
        for (long s = 1; s <= BURST; s++) {
          expected.add("node-a#" + s);
        }
        assertEquals(expected, seqs, "node-a's entries, each pushed once and in feed order");
        assertTrue(pushes.size() >= 4, "99 entries of about 1.9 KiB fit in no fewer than 3 bodies of 64 KiB, after the first: "
            + pushes.size() + " pushes");
        assertTrue(pushes.size() < BURST / 2, "the burst was not batched: " + pushes.size() + " pushes");
        var peer = c.node("node-a").sync().peers().stream().filter(p -> p.member().equals("mallory")).findFirst()
            .orElseThrow();
        assertEquals(0, peer.failures(), "no push to mallory failed");

        // A fetch of the same entries is shortened to fit the body limit, and starts where asked.
        MemberRecord a = c.node("node-a").sync().roster().current().roster().member(MemberId.parse("node-a"))
            .orElseThrow();
        PeerClient client = PeerClient.create(vertx, tls, a.peerUrl(), a.tlsFingerprint(), fp -> true,
            Duration.ofSeconds(10), LIMIT);
        Promise<Buffer> fetched = Promise.promise();
        vertx.runOnContext(v -> client.get("/peer/v1/feeds/node-a?from=1&limit=256").onComplete(fetched));
        Buffer body = get(fetched.future());
        JsonArray entries = new JsonObject(body.toString()).getJsonArray("entries");
        assertTrue(body.length() <= LIMIT, "feed response of " + body.length() + " bytes");
        assertTrue(entries.size() > 1 && entries.size() < BURST, entries.size() + " entries in the response");
        assertEquals(1L, new JsonObject(Buffer.buffer(Base64.getDecoder().decode(entries.getJsonObject(0)
            .getString("payload")))).getLong("seq"));
      } finally {
        get(mallory.close());
      }
    } finally {
      get(vertx.close());
    }
  }

  /**
   * A peer that answers a push with 429 is up and asked to wait: the refused entries, and those
   * accepted during the wait, reach it by push once the wait is over (anti-entropy runs every 10
   * minutes here), in feed order, and the peer is not blamed.
   */
  @Test
  void pushRefusedWith429_goesAgainAfterTheRetryAfter_inOrder() throws Exception {
    Vertx vertx = TestVertx.create();
    try (LocalConsortium c = LocalConsortium.prepare(root, List.of("node-a", "mallory"), PushBatchingTest::config)) {
      List<Received> pushes = new CopyOnWriteArrayList<>();
      List<Long> refusedAt = new CopyOnWriteArrayList<>();
      List<Long> acceptedAt = new CopyOnWriteArrayList<>();
      PeerServer mallory = startWithMallory(c, vertx, req -> {
        if (req.path().equals("/peer/v1/entries") && refusedAt.isEmpty()) {
          refusedAt.add(System.nanoTime());
          req.response().setStatusCode(429).putHeader("Retry-After", "2").end("{\"title\":\"slow down\"}");
        } else {
          if (req.path().equals("/peer/v1/entries")) {
            acceptedAt.add(System.nanoTime());
          }
          answer(req, pushes, Future.succeededFuture());
        }
      });
      try {
        submitWithNote(c);
        await(Duration.ofSeconds(30), () -> !refusedAt.isEmpty(), () -> "no push reached mallory");
        // Accepted during the wait, with no other peer to take them: queued for mallory.
        submitWithNote(c);
        submitWithNote(c);
        await(Duration.ofSeconds(30), () -> pushes.stream().mapToInt(p -> p.seqs().size()).sum() >= 3,
            () -> "refused " + refusedAt.size() + ", pushes received " + pushes);
        List<String> seqs = pushes.stream().flatMap(p -> p.seqs().stream()).toList();
        assertEquals(List.of("node-a#1", "node-a#2", "node-a#3"), seqs, "node-a's entries after the 429");
        long waitedMs = (acceptedAt.get(0) - refusedAt.get(0)) / 1_000_000;
        assertTrue(waitedMs >= 1_900, "pushed again " + waitedMs + " ms after a 429 asking for 2 s");
        var peer = c.node("node-a").sync().peers().stream().filter(p -> p.member().equals("mallory")).findFirst()
            .orElseThrow();
        assertEquals(0, peer.failures(), peer.toString());
        assertTrue(peer.score() >= 0, peer.toString());
      } finally {
        get(mallory.close());
      }
    } finally {
      get(vertx.close());
    }
  }

  /**
   * Starts mallory's stub answering with {@code handler}, then node-a: node-a's first requests find
   * it listening, so no refused connection counts against mallory.
   */
  private static PeerServer startWithMallory(LocalConsortium c, Vertx vertx, Handler<HttpServerRequest> handler)
      throws Exception {
    TlsIdentity tls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
    PeerServer mallory = get(PeerServer.start(vertx, "127.0.0.1", c.config("mallory").peerPort(), tls, fp -> true,
        handler));
    c.start("node-a");
    return mallory;
  }

  private static void submitWithNote(LocalConsortium c) {
    c.node("node-a").ledger().orElseThrow().submit(submission(randomMd5()).withNote(NOTE));
  }

  /** Mallory's node: records pushes (the first held until released), answers heads with nothing held. */
  private static void answer(HttpServerRequest req, List<Received> pushes, Future<Void> release) {
    if (req.path().equals("/peer/v1/heads")) {
      req.response().end("{\"heads\":{},\"ids\":{},\"evidence\":[],\"roster\":1}");
      return;
    }
    if (!req.path().equals("/peer/v1/entries")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(body -> {
      JsonArray entries = new JsonObject(body.toString()).getJsonArray("entries");
      List<String> seqs = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        String payload = entries.getJsonObject(i).getJsonObject("envelope").getString("payload");
        JsonObject entry = new JsonObject(Buffer.buffer(Base64.getDecoder().decode(payload)));
        seqs.add(entry.getString("member") + "#" + entry.getLong("seq"));
      }
      boolean first = pushes.isEmpty();
      pushes.add(new Received(body.length(), seqs));
      String ok = new JsonObject().put("accepted", seqs.size()).put("duplicates", 0).put("pending", 0)
          .put("rejected", 0).put("held", 0).put("problems", new JsonArray()).encode();
      (first ? release : Future.<Void>succeededFuture()).onComplete(v -> req.response().end(ok));
    });
  }
}
