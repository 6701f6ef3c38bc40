package org.hashfed.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.hashfed.node.MovableClock;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.node.trust.TrustService;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.node.trust.TrustView;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps over a real store and ledger, one of them held in progress while another is asked for. */
class ExpirySweeperTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock();
  private final ExecutorService sweeps = Executors.newSingleThreadExecutor();
  private Store store;
  private Ledger ledger;
  private TrustService trust;
  private Instant start;

  @BeforeEach
  void open() {
    MemberIdentity acme = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    store = Store.open(dir.resolve("store"));
    trust = TrustService.open(store, acme.member(), TrustSettings.defaults(), clock, new Metrics());
    ledger = Ledger.open(store, acme, 50, clock, List.of(trust));
    start = EntryTime.truncate(clock.instant());
  }

  @AfterEach
  void close() {
    sweeps.shutdownNow();
    store.close();
  }

  private Appended expiring(String md5, Instant at) {
    return ledger.submit(Submit.of(Signal.parse("md5", md5), List.of(Label.parse("behavior:glorification")))
        .withExpiresAt(at));
  }

  /** The entry ids of the stored expiry events, in the event log's order. */
  private List<String> expiryEvents() {
    List<String> ids = new ArrayList<>();
    store.forEachEvent(0, (seq, bytes) -> {
      JsonObject data = new JsonObject(Buffer.buffer(bytes)).getJsonObject("data");
      if ("expired".equals(data.getString("reason"))) {
        ids.add(data.getString("entry_id"));
      }
      return true;
    });
    return ids;
  }

  /** Trust views whose first one is handed out only once the test releases it: a sweep held in progress. */
  private static final class HeldViews implements Supplier<TrustView> {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean held = new AtomicBoolean();
    private final TrustService trust;

    HeldViews(TrustService trust) {
      this.trust = trust;
    }

    @Override
    public TrustView get() {
      if (held.compareAndSet(false, true)) {
        entered.countDown();
        try {
          if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the held sweep");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return trust.view();
    }
  }

  @Test
  void sweepAskedForWhileOneRuns_doesNotWait_andTheRunningOneSweepsAgain_writingEachExpiryOnce() throws Exception {
    Appended first = expiring("11".repeat(16), start.plusSeconds(60));
    Appended second = expiring("22".repeat(16), start.plusSeconds(180));
    HeldViews views = new HeldViews(trust);
    ExpirySweeper sweeper = new ExpirySweeper(store, ledger::catalog, views, clock);
    assertEquals(0, sweeper.sweep(), "the first sweep of a store only sets the mark");

    clock.advance(Duration.ofSeconds(61));
    CompletableFuture<Integer> held = CompletableFuture.supplyAsync(sweeper::sweep, sweeps);
    assertTrue(views.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the sweep never judged a listing");

    // the timer's sweep comes while the first is between reading the mark and writing its events
    clock.advance(Duration.ofSeconds(120));
    int asked = assertTimeoutPreemptively(WAIT, sweeper::sweep, "a sweep asked for during another one waited for it");
    assertEquals(0, asked, "the running sweep writes for it");
    views.release.countDown();

    assertEquals(2, held.get(WAIT.toSeconds(), TimeUnit.SECONDS),
        "the held sweep wrote the first expiry, then swept again for the request and wrote the second");
    assertEquals(List.of(first.entryId().hex(), second.entryId().hex()), expiryEvents());
    assertEquals(0, sweeper.sweep());
    assertEquals(List.of(first.entryId().hex(), second.entryId().hex()), expiryEvents(), "each expiry written once");
  }

  @Test
  void failedSweep_leavesItsExpiriesToTheNext() {
    Appended first = expiring("33".repeat(16), start.plusSeconds(60));
    AtomicBoolean failing = new AtomicBoolean(true);
    ExpirySweeper sweeper = new ExpirySweeper(store, ledger::catalog, () -> {
      if (failing.getAndSet(false)) {
        throw new IllegalStateException("simulated failure of the trust view");
      }
      return trust.view();
    }, clock);
    sweeper.sweep();
    clock.advance(Duration.ofSeconds(61));

    assertThrows(IllegalStateException.class, sweeper::sweep);
    assertEquals(List.of(), expiryEvents());
    assertEquals(1, sweeper.sweep(), "the next sweep runs, and writes what the failed one did not");
    assertEquals(List.of(first.entryId().hex()), expiryEvents());
  }
}
