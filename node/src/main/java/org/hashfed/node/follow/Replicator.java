package org.hashfed.node.follow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.peer.PeerAnswer;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;

/**
 * Copies the leader's store into the follower's: first what it holds as of one change, page by
 * page (synced once at the end, and counted only then), then its change log, change by change and
 * in order, each one with the follower's position in the same batch: a follower killed at any
 * point resumes after the last change it holds. While following, it keeps a long poll open on the
 * leader, so a commit there reaches it in one round trip.
 */
final class Replicator {

  /** How long one long poll waits on the leader for a change. */
  static final long LONG_POLL_MS = 20_000;
  /** Bound on one exchange, long poll included. */
  static final Duration CLIENT_TIMEOUT = Duration.ofMillis(LONG_POLL_MS + 15_000);
  /** Bound on one answer: a page of changes, or a single change of the largest size. */
  static final long MAX_ANSWER_BYTES = (long) Change.MAX_BYTES + (16L << 20);
  private static final long RETRY_MS = 1_000;
  private static final Logger LOG = Logger.getLogger(Replicator.class.getName());

  /** The leader's change log is another one than the follower copied (it was started again). */
  static final class CopyAgainException extends RuntimeException {
    CopyAgainException(String message) {
      super(message);
    }
  }

  /**
   * What a follower holds in memory could not take a change its store applied: memory and store
   * disagree from then on, so following stops and the follower waits for a restart, which
   * rebuilds memory from the store.
   */
  static final class RefreshFailedException extends RuntimeException {
    RefreshFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final PeerClient client;
  private final Store store;
  private final CopiedEntries checks;
  private final Clock clock;
  private volatile Consumer<Change> applied = c -> {};
  private volatile Change.Position position;
  private volatile long leaderLast;
  private volatile boolean stopped;
  private volatile String broken;
  // Why the leader's last answer was refused by the checks, until an answer is taken.
  private volatile String refused;
  // For readiness: whether the last exchange with the leader succeeded, and when an answer last
  // left this follower with every change the leader had.
  private volatile boolean answering;
  private volatile long caughtUpAtMillis;

  Replicator(Vertx vertx, WorkerExecutor worker, PeerClient client, Store store, CopiedEntries checks, Clock clock) {
    this.vertx = vertx;
    this.worker = worker;
    this.client = client;
    this.store = store;
    this.checks = checks;
    this.clock = clock;
    this.position = store.followPosition().orElse(new Change.Position(0, 0));
    // a follower serving the copy it held when its leader did not answer at start counts its lag from then
    this.caughtUpAtMillis = clock.millis();
  }

  /**
   * Copies every change the leader had when asked (not the ones it makes meanwhile, which a leader
   * that writes all the time would never stop making); fails with {@link CopyAgainException} when
   * its log is another one.
   */
  Future<Void> catchUp() {
    Future<Void> copied = position.epoch() == 0 ? copyPage(0, 0, null, 1) : Future.succeededFuture();
    return copied.compose(v -> fetch(0)).compose(more -> catchUpTo(leaderLast));
  }

  // Asks for page n of a copy (copy 0: a new one) and applies it; the last page records the position.
  private Future<Void> copyPage(long copy, int family, byte[] afterKey, long n) {
    String path = ChangeRoutes.COPY_PATH + "?copy=" + copy + "&family=" + family + "&after_key="
        + (afterKey == null ? "" : java.util.HexFormat.of().formatHex(afterKey));
    return client.answer(HttpMethod.GET, path, null, Map.of()).compose(answer -> {
      if (answer.status() == 409) {
        return Future.failedFuture(new CopyAgainException(text(answer)));
      }
      if (answer.status() != 200) {
        return Future.<LeaderCopyPage.Next>failedFuture(new IllegalStateException("HTTP " + answer.status()
            + " from the leader while copying its store: " + text(answer)));
      }
      return worker.executeBlocking(() -> applyPage(answer.body(), n), false);
    }).compose(next -> next == null ? Future.succeededFuture() : copyPage(next.copy(), next.family(), next.afterKey(), n + 1));
  }

  private LeaderCopyPage.Next applyPage(Buffer body, long n) {
    LeaderCopyPage page = LeaderCopyPage.parse(body, n);
    store.applyCopyPage(checks.checkPage(page.change(), "page " + n + " of the leader's copy"));
    Optional<LeaderCopyPage.Next> next = page.next();
    if (next.isPresent()) {
      return next.get();
    }
    Change.Position copied = new Change.Position(page.epoch(), page.seq());
    store.finishCopy(copied);
    position = copied;
    leaderLast = page.seq();
    LOG.info(() -> "copied the leader's store as of change " + copied.seq() + " in " + n + " pages");
    return null;
  }

  private Future<Void> catchUpTo(long target) {
    if (position.seq() >= target) {
      return Future.succeededFuture();
    }
    return fetch(0).compose(more -> more ? catchUpTo(target) : Future.succeededFuture());
  }

  /** From now on, runs {@code listener} on a worker after each change is applied, then follows the leader. */
  void follow(Consumer<Change> listener) {
    this.applied = listener;
    loop();
  }

  private void loop() {
    if (stopped) {
      return;
    }
    fetch(LONG_POLL_MS).onComplete(ar -> {
      if (stopped) {
        return;
      }
      answering = ar.succeeded();
      if (ar.succeeded()) {
        refused = null;
        loop();
      } else if (ar.cause() instanceof CopyAgainException e) {
        broken = e.getMessage();
        LOG.severe(() -> "stopped following: " + e.getMessage() + "; restart the follower to copy the store again");
      } else if (ar.cause() instanceof CopiedEntries.RefusedException e) {
        // The leader's store holds what no member signed: retried, since a repaired leader ends
        // it, but said at once (readiness) and logged once, not every second.
        if (!e.getMessage().equals(refused)) {
          LOG.log(Level.SEVERE, "the leader served what its members never signed, applying nothing of it: "
              + e.getMessage() + "; retrying every " + RETRY_MS + " ms until the leader's store is repaired", e);
        }
        refused = e.getMessage();
        vertx.setTimer(RETRY_MS, id -> loop());
      } else if (ar.cause() instanceof RefreshFailedException e) {
        broken = e.getMessage();
        LOG.log(Level.SEVERE, "stopped following: " + e.getMessage() + "; restart the follower, which rebuilds what"
            + " it holds in memory from its store", e.getCause());
      } else {
        LOG.log(Level.WARNING, "following the leader failed, retrying in " + RETRY_MS + " ms: "
            + ar.cause().getMessage(), ar.cause() instanceof IllegalArgumentException ? ar.cause() : null);
        vertx.setTimer(RETRY_MS, id -> loop());
      }
    });
  }

  // Fetches and applies one page; true when it held changes.
  private Future<Boolean> fetch(long waitMs) {
    Change.Position at = position;
    String path = ChangeRoutes.PATH + "?epoch=" + at.epoch() + "&after=" + at.seq() + "&wait_ms=" + waitMs;
    return client.answer(HttpMethod.GET, path, null, Map.of()).compose(answer -> {
      if (answer.status() == 409) {
        return Future.failedFuture(new CopyAgainException(text(answer)));
      }
      if (answer.status() != 200) {
        return Future.failedFuture(new IllegalStateException("HTTP " + answer.status() + " from the leader: "
            + text(answer)));
      }
      return worker.executeBlocking(() -> apply(answer.body()), false);
    });
  }

  private boolean apply(Buffer body) {
    if (body.length() < 2 * Long.BYTES) {
      throw new IllegalArgumentException("an answer of " + body.length() + " bytes from the leader (expected: at least 16)");
    }
    long epoch = body.getLong(0);
    leaderLast = body.getLong(Long.BYTES);
    List<Change> changes = new ArrayList<>();
    int at = 2 * Long.BYTES;
    long expected = position.seq() + 1;
    while (at < body.length()) {
      if (body.length() - at < Long.BYTES + Integer.BYTES) {
        throw new IllegalArgumentException("a truncated change header at byte " + at + " of the leader's answer");
      }
      long seq = body.getLong(at);
      int length = body.getInt(at + Long.BYTES);
      at += Long.BYTES + Integer.BYTES;
      if (length < 0 || length > body.length() - at) {
        throw new IllegalArgumentException("change " + seq + " of " + length + " bytes with " + (body.length() - at)
            + " left in the leader's answer");
      }
      if (seq != expected++) {
        throw new IllegalArgumentException("change " + seq + " from the leader (expected: " + (expected - 1) + ")");
      }
      changes.add(Change.decode(seq, body.getBytes(at, at + length)));
      at += length;
    }
    for (Change c : changes) {
      checks.check(c, "change " + c.seq());
      Change.Position next = new Change.Position(epoch, c.seq());
      store.applyChange(c, next);
      position = next;
      try {
        applied.accept(c);
      } catch (RuntimeException e) {
        // retrying would not help: the store already holds the change, so the next page starts after it
        throw new RefreshFailedException("change " + c.seq() + " is in the store but updating memory with it failed: "
            + e.getMessage(), e);
      }
    }
    if (position.seq() >= leaderLast) {
      caughtUpAtMillis = clock.millis();
    }
    return !changes.isEmpty();
  }

  private static String text(PeerAnswer answer) {
    String t = answer.body().toString(StandardCharsets.UTF_8);
    return t.substring(0, Math.min(300, t.length()));
  }

  /** The last change applied. */
  Change.Position position() {
    return position;
  }

  /** Changes the leader had that this follower did not when it last answered. */
  long behind() {
    return Math.max(0, leaderLast - position.seq());
  }

  /**
   * Why this follower should not be sent requests now: following stopped, the leader's last
   * answer failed the checks, or it has not held every change of its leader for more than
   * {@code maxLag} (the leader does not answer, or it writes faster than the follower applies).
   */
  Optional<String> notReady(Duration maxLag) {
    String stoppedBecause = broken;
    if (stoppedBecause != null) {
      return Optional.of("following stopped: " + stoppedBecause);
    }
    String refusedBecause = refused;
    if (refusedBecause != null) {
      return Optional.of("the leader served what its members never signed (retrying): " + refusedBecause);
    }
    if (answering && behind() == 0) {
      return Optional.empty();
    }
    long lag = clock.millis() - caughtUpAtMillis;
    if (lag <= maxLag.toMillis()) {
      return Optional.empty();
    }
    return Optional.of("last held every change of the leader " + lag + " ms ago (follow.max_lag_ms "
        + maxLag.toMillis() + "): " + (answering ? behind() + " changes behind at its last answer"
            : "the leader does not answer"));
  }

  /** Why following stopped for good, if it did. */
  String broken() {
    return broken;
  }

  /** Stops after the exchange in flight. */
  void stop() {
    stopped = true;
  }
}
