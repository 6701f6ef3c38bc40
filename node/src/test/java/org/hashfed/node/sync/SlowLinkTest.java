package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submission;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.Node;
import org.hashfed.node.TestVertx;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An honest peer behind a slow link: a full batch of its feed takes longer to arrive than the
 * exchange deadline ({@code peer.timeout_ms}, 2 s here), so asking for full batches would never
 * succeed. The node cuts its requests down after each timeout and gets the whole feed.
 */
@Tag("slow")
class SlowLinkTest {

  private static final MemberId MALLORY = MemberId.parse("mallory");
  private static final int FEED = 100;
  /** The link's speed, as the time one entry takes to arrive: 64 of them take 2.56 s, 32 take 1.28 s. */
  private static final long MS_PER_ENTRY = 40;

  @TempDir Path root;

  @Test
  void feedOnASlowLink_isFetchedInSmallerBatches_untilComplete() throws Exception {
    Vertx vertx = TestVertx.create();
    try (LocalConsortium c = LocalConsortium.prepare(root, List.of("node-a", "mallory"), b -> {
      NodeConfig.Builder fast = Federation.fast(b);
      // the link is slow against this deadline, whatever the other federation tests use
      return fast.sync(fast.build().sync().withTimeout(Duration.ofSeconds(2)));
    })) {
      List<String> envelopes = signedFeed(c);
      List<Integer> limitsAsked = new CopyOnWriteArrayList<>();
      TlsIdentity tls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
      PeerServer slow = PeerServer.start(vertx, "127.0.0.1", c.config("mallory").peerPort(), tls, fp -> true,
          req -> answer(vertx, req, envelopes, limitsAsked)).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      try {
        Node a = c.start("node-a");
        await(Duration.ofSeconds(90), () -> a.ledger().orElseThrow().feed(MALLORY).lastSeq() == FEED,
            () -> "node-a holds mallory's feed up to " + a.ledger().orElseThrow().feed(MALLORY).lastSeq()
                + " of " + FEED + "; limits asked " + limitsAsked);
        assertTrue(limitsAsked.get(0) > 64, "first fetch asked for " + limitsAsked.get(0));
        assertTrue(limitsAsked.stream().anyMatch(l -> l <= 32), "limits asked " + limitsAsked);
      } finally {
        slow.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static List<String> signedFeed(LocalConsortium c) {
    EntrySigner signer = EntrySigner.create(MALLORY, c.memberKey("mallory"));
    List<String> out = new ArrayList<>();
    Optional<org.hashfed.protocol.entry.EntryId> prev = Optional.empty();
    for (long seq = 1; seq <= FEED; seq++) {
      SignedEntry e = signer.sign(Entry.create(MALLORY, seq, prev, EntryTime.truncate(Instant.now()),
          submission(randomMd5())));
      out.add(new String(e.envelope().toJson(), StandardCharsets.UTF_8));
      prev = Optional.of(e.id());
    }
    return out;
  }

  /** Mallory's node: heads claim the whole feed; a feed answer comes after {@link #MS_PER_ENTRY} per entry. */
  private static void answer(Vertx vertx, HttpServerRequest req, List<String> envelopes, List<Integer> limitsAsked) {
    if (req.path().equals("/peer/v1/heads")) {
      req.response().end("{\"heads\":{\"mallory\":" + FEED + "},\"ids\":{},\"evidence\":[],\"roster\":1}");
      return;
    }
    if (!req.path().equals("/peer/v1/feeds/mallory")) {
      req.response().setStatusCode(404).end();
      return;
    }
    int from = Integer.parseInt(req.getParam("from"));
    int limit = Integer.parseInt(req.getParam("limit"));
    limitsAsked.add(limit);
    List<String> page = envelopes.subList(Math.min(FEED, from - 1), Math.min(FEED, from - 1 + limit));
    String body = "{\"member\":\"mallory\",\"from\":" + from + ",\"entries\":[" + String.join(",", page) + "]}";
    vertx.setTimer(Math.max(1, page.size() * MS_PER_ENTRY), id -> {
      if (!req.response().closed()) {
        req.response().end(body);
      }
    });
  }
}
