package org.hashfed.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.roster.MemberRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One push carrying several entries goes through the intake as one batch and one ledger write. */
@Tag("slow")
class BatchIntakeTest {

  private static final MemberId MALLORY = MemberId.parse("mallory");

  @TempDir Path root;

  private static Buffer push(SignedEntry... entries) {
    StringBuilder b = new StringBuilder("{\"entries\":[");
    for (int i = 0; i < entries.length; i++) {
      b.append(i == 0 ? "" : ",").append("{\"envelope\":")
          .append(new String(entries[i].envelope().toJson(), StandardCharsets.UTF_8)).append(",\"relay\":[]}");
    }
    return Buffer.buffer(b.append("]}").toString());
  }

  /** A peer client to node-a with mallory's certificate, as mallory's node would connect. */
  private static PeerClient malloryToNodeA(LocalConsortium c, Vertx vertx) {
    TlsIdentity tls = TlsIdentity.loadOrCreate(c.config("mallory").dataDir(), "mallory");
    MemberRecord a = c.node("node-a").sync().roster().current().roster().member(MemberId.parse("node-a"))
        .orElseThrow();
    return PeerClient.create(vertx, tls, a.peerUrl(), a.tlsFingerprint(), fp -> true, Duration.ofSeconds(15), 1 << 20);
  }

  private static SignedEntry entry(EntrySigner signer, long seq, Optional<EntryId> prev) {
    return signer.sign(Entry.create(MALLORY, seq, prev, EntryTime.truncate(Instant.now()),
        Federation.submission(Federation.randomMd5())));
  }

  @Test
  void pushWithDuplicateAndEquivocationInside_storesTheValidPrefix_andRecordsTheEvidence() throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(root, List.of("node-a", "mallory"), Federation::fast)) {
      c.start("node-a");
      Vertx vertx = TestVertx.create();
      try {
        PeerClient client = malloryToNodeA(c, vertx);
        EntrySigner signer = EntrySigner.create(MALLORY, c.memberKey("mallory"));
        SignedEntry first = entry(signer, 1, Optional.empty());
        SignedEntry second = entry(signer, 2, Optional.of(first.id()));
        SignedEntry fork = entry(signer, 2, Optional.of(first.id()));

        JsonObject r = new JsonObject(client.post("/peer/v1/entries", push(first, first, second, fork))
            .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS).toString());

        assertEquals(2, r.getInteger("accepted"), r.encode());
        assertEquals(1, r.getInteger("duplicates"), r.encode());
        var node = c.node("node-a");
        assertEquals(2L, node.ledger().orElseThrow().feed(MALLORY).lastSeq());
        assertEquals(second.id(), node.ledger().orElseThrow().feed(MALLORY).lastId().orElseThrow());
        assertTrue(node.sync().evidence("mallory/2").isPresent(), "the fork inside the batch is evidence");
        assertTrue(node.sync().isHeld(MALLORY));
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void pushOfMoreGapsThanThePendingAreaHolds_reportsTheRestAsDropped() throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(root, List.of("node-a", "mallory"),
        b -> Federation.fast(b).sync(Federation.fast(b).build().sync().withPending(4, 100)))) {
      c.start("node-a");
      Vertx vertx = TestVertx.create();
      try {
        PeerClient client = malloryToNodeA(c, vertx);
        EntrySigner signer = EntrySigner.create(MALLORY, c.memberKey("mallory"));
        SignedEntry[] ahead = new SignedEntry[6];
        Optional<EntryId> prev = Optional.of(EntryId.ofPayload(new byte[] {7}));
        for (int i = 0; i < ahead.length; i++) {
          ahead[i] = entry(signer, 100 + i, prev);
          prev = Optional.of(ahead[i].id());
        }

        JsonObject r = new JsonObject(client.post("/peer/v1/entries", push(ahead))
            .toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS).toString());

        assertEquals(4, r.getInteger("pending"), r.encode());
        assertEquals(2, r.getInteger("dropped"), r.encode());
        assertEquals(0, r.getInteger("accepted"), r.encode());
        assertEquals(4, c.node("node-a").sync().stats().pending());
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }
}
