package org.hashfed.node;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.entries.Ledger;

/**
 * Writes the ledger's start-up snapshot every {@code snapshot.interval_s} in the background and
 * once more at a clean stop. A write takes seconds at millions of listings, so it runs on a thread
 * of its own rather than a worker Vert.x would report blocked, and a period that comes while one
 * is still being written is skipped.
 */
final class SnapshotWriter {

  private static final Logger LOG = Logger.getLogger(SnapshotWriter.class.getName());
  private static final Duration STOP_WAIT = Duration.ofMinutes(5);

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "hashfed-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean writing = new AtomicBoolean();
  private volatile Ledger ledger;
  private long timer = -1;

  /** Starts the periodic writes of {@code ready}'s snapshot; none when {@code interval} is zero. */
  synchronized void start(Vertx vertx, Ledger ready, Duration interval) {
    ledger = ready;
    if (!interval.isZero()) {
      timer = vertx.setPeriodic(interval.toMillis(), id -> {
        if (writing.compareAndSet(false, true)) {
          thread.execute(() -> {
            try {
              write(ready, "periodic");
            } finally {
              writing.set(false);
            }
          });
        }
      });
    }
  }

  /**
   * Stops the periodic writes, waits for one in progress, then writes the final snapshot; call
   * once nothing writes entries any more, before the store closes. Blocking.
   */
  synchronized void stop(Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warning(() -> "a periodic start-up snapshot was still being written after " + STOP_WAIT.toMinutes()
            + " minutes; the final one is not written (the next start replays from the last complete one)");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Ledger l = ledger;
    if (l != null) {
      write(l, "final");
    }
  }

  private static void write(Ledger l, String which) {
    try {
      l.writeSnapshot();
    } catch (IOException | RuntimeException e) {
      // The store holds everything: without this snapshot the next start replays more, nothing is lost.
      LOG.log(Level.WARNING, "writing the " + which + " start-up snapshot failed; the previous one (if any) stays", e);
    }
  }
}
