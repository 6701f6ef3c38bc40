package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.node.watch.PendingChecks;
import org.hashfed.node.watch.WatchHit;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;

/**
 * Runs the retro-hunt checks that {@link EventRecorder} queued in the batches of the changes, on a
 * thread of its own after those batches commit, so that no write waits for matching against the
 * watch list (an hour-long video takes seconds). Each check's {@code retro.match} events are
 * committed in one batch with the check's deletion: a node killed before that batch runs the check
 * again at its next start, and one killed after finds it gone, so each event is in the log once.
 *
 * <p>A check names the listing whose signal is matched and carries the event as it was when the
 * change committed (labels, trust, confidence, cause); a listing retracted or expired before its
 * check runs is no longer matchable and reports nothing.
 */
public final class RetroHunter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RetroHunter.class.getName());
  private static final int CHECKS_PER_READ = 64;
  // Wakes at least this often: a commit between reading the head and waiting is caught at the latest then.
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final Store store;
  private final PendingChecks pending;
  private final Supplier<Ledger> ledger;
  private final Supplier<Watchlist> watch;
  private final EventLog events;
  private final Clock clock;
  private final Thread thread;
  private final Object pause = new Object();
  private volatile boolean closed;
  private boolean paused;
  private boolean running;

  private RetroHunter(Store store, PendingChecks pending, Supplier<Ledger> ledger, Supplier<Watchlist> watch,
      EventLog events, Clock clock) {
    this.store = store;
    this.pending = pending;
    this.ledger = ledger;
    this.watch = watch;
    this.events = events;
    this.clock = clock;
    this.thread = new Thread(this::loop, "hashfed-retro-hunt");
    thread.setDaemon(true);
  }

  /**
   * Starts running the checks of {@code pending} (the ones left by an earlier run first), matching
   * the listings of the catalog of {@code ledger} (null until the node is ready) against
   * {@code watch}, waking when {@code events} commit.
   */
  public static RetroHunter start(Store store, PendingChecks pending, Supplier<Ledger> ledger,
      Supplier<Watchlist> watch, EventLog events, Clock clock) {
    RetroHunter h = new RetroHunter(store, pending, ledger, watch, events, clock);
    h.thread.start();
    return h;
  }

  /** Holds checks back until {@link #resume()}, after the one running (tests: a check left pending at a stop). */
  public void pause() {
    synchronized (pause) {
      paused = true;
      while (running) {
        try {
          pause.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Runs checks again after {@link #pause()}. */
  public void resume() {
    synchronized (pause) {
      paused = false;
    }
    thread.interrupt();
  }

  /** Checks not yet run; blocking. */
  public int pendingCount() {
    return pending.oldest(Integer.MAX_VALUE).size();
  }

  /** Stops after the check running; what is left runs at the next start. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (!closed) {
      Cursor head = events.head();
      boolean ran = false;
      try {
        ran = runSome();
      } catch (RuntimeException e) {
        // the checks stay queued: the store may be full or closing; they run on a later wake
        LOG.log(Level.WARNING, "running retro-hunt checks failed; they stay pending", e);
      }
      if (!ran && !closed) {
        try {
          events.awaitAfter(head, IDLE_WAIT).toCompletionStage().toCompletableFuture()
              .get(IDLE_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.interrupted();
        } catch (Exception e) {
          LOG.log(Level.FINE, "waiting for events to commit", e);
        }
      }
    }
  }

  // Runs the oldest checks; returns whether there were any to run.
  private boolean runSome() {
    Ledger l = ledger.get();
    Watchlist w = watch.get();
    if (l == null || w == null) {
      return false;
    }
    Catalog c = l.catalog();
    // A check commits with its entry, which the catalog takes only after the commit: read while no
    // entry is being committed, so that the listing of every check read is in the catalog.
    List<PendingChecks.Pending> checks = l.whileIdle(() -> pending.oldest(CHECKS_PER_READ));
    for (PendingChecks.Pending p : checks) {
      synchronized (pause) {
        if (paused || closed) {
          return false;
        }
        running = true;
      }
      try {
        run(p, c, w);
      } catch (StoreException e) {
        throw e;
      } catch (RuntimeException e) {
        // a check that cannot run would hold back every later one: it is logged and dropped
        LOG.log(Level.SEVERE, "dropping retro-hunt check " + p.seq() + " that cannot run: " + p.check().encode(), e);
        StoreWrite drop = StoreWrite.create();
        pending.done(drop, p.seq());
        store.commit(drop);
      } finally {
        synchronized (pause) {
          running = false;
          pause.notifyAll();
        }
      }
    }
    return !checks.isEmpty();
  }

  private void run(PendingChecks.Pending p, Catalog c, Watchlist w) {
    JsonObject check = p.check();
    StoreWrite write = StoreWrite.create();
    Optional<Listing> listing = c.listing(EntryId.parse(check.getString("entry_id")));
    if (listing.isPresent() && !listing.get().isExpired(clock.instant())) {
      for (WatchHit hit : w.matches(listing.get().signal())) {
        JsonObject event = check.getJsonObject("event").copy();
        event.getJsonObject("data")
            .put("content_id", hit.contentId())
            .put("uploaded_at", EntryTime.format(hit.uploadedAt()))
            .put("watched_signal", SignalEvents.signal(hit.watched()))
            .put("distance", hit.distance());
        hit.video().ifPresent(v -> event.getJsonObject("data").put("video", VideoMatchJson.of(v)));
        write.appendEvent(event.toBuffer().getBytes());
      }
    }
    pending.done(write, p.seq());
    store.commit(write);
  }
}
