package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.Await;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower's copy loop against a real leader, with what it does after applying a change under test's control. */
class ReplicatorTest {

  private static final Duration WAIT = PinnedLeader.WAIT;

  @TempDir Path leaderDir;
  @TempDir Path followerDir;
  private PinnedLeader leader;

  @BeforeEach
  void start() {
    leader = PinnedLeader.start(leaderDir, followerDir);
  }

  @AfterEach
  void stop() {
    leader.close();
  }

  private static Submit submit(String md5) {
    return Submit.of(Signal.parse("md5", md5), List.of(Label.parse("behavior:glorification")));
  }

  @Test
  void memoryRefreshThrows_afterTheStoreApplied_stopsFollowing_andARestartServesTheChange() {
    WorkerExecutor worker = leader.vertx().createSharedWorkerExecutor("test-store", 2);
    PeerClient client = leader.client();
    Path storeDir = followerDir.resolve("store");
    Appended failing;
    try (Store store = Store.open(storeDir)) {
      Replicator replicator = new Replicator(leader.vertx(), worker, client, store, CopiedEntries.open(store),
          Clock.systemUTC());
      replicator.catchUp().await();
      AtomicInteger refreshed = new AtomicInteger();
      replicator.follow(change -> {
        refreshed.incrementAndGet();
        throw new IllegalStateException("simulated failure of the catalog");
      });
      failing = leader.node().ledger().orElseThrow().submit(submit("99".repeat(16)));
      Await.until(WAIT, () -> replicator.broken() != null, () -> "follower at change " + replicator.position());
      assertTrue(replicator.broken().contains("updating memory with it failed"), replicator.broken());
      assertTrue(replicator.broken().contains("simulated failure of the catalog"), replicator.broken());
      String reason = replicator.notReady(FollowOptions.DEFAULT_MAX_LAG).orElseThrow();
      assertTrue(reason.startsWith("following stopped"), reason);
      assertEquals(1, refreshed.get(), "the change memory could not take is the last one applied");
      assertEquals(0, replicator.behind(), "the store holds the change memory missed");
      replicator.stop();
    }
    worker.close().await();

    Follower restarted = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try {
      assertTrue(restarted.ledger().catalog().contains(failing.entryId()),
          "a restart rebuilds memory from the store, which holds the change memory missed");
      assertEquals(leader.node().ledger().orElseThrow().entriesByMember(), restarted.ledger().entriesByMember());
      assertTrue(restarted.notReady().isEmpty(), () -> restarted.notReady().orElseThrow());
    } finally {
      restarted.stop();
    }
  }
}
