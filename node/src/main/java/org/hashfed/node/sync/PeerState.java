package org.hashfed.node.sync;

import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.PeerException;
import org.hashfed.protocol.entry.MemberId;

/**
 * What this node knows of one peer: its client, a local score that drops for invalid data and
 * failures, exponential backoff after failures, an inbound rate limit and counters for metrics.
 * Never gossiped.
 */
final class PeerState {

  static final int MAX_SCORE = 100;
  static final int MIN_SCORE = -100;
  /** Below this a peer is used only when no better one is available, and rarely. */
  static final int BAD_SCORE = -20;
  private static final long BACKOFF_BASE_MS = 250;
  private static final long BACKOFF_MAX_MS = 60_000;
  /** Requests to a peer whose exchanges time out are cut down to at most 1/2^this of a full one. */
  static final int MAX_SHRINK = 6;
  /** Pushes or fetches in time, in a row, after which requests to a peer that timed out grow back one step. */
  private static final int GROW_AFTER = 4;

  private final MemberId member;
  private final AtomicInteger score = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicLong retryAtMillis = new AtomicLong();
  /** Until when the peer asked, with a 429, not to be asked again; apart from the failure backoff, which its requests end. */
  private final AtomicLong busyUntilMillis = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong rejects = new AtomicLong();
  private final AtomicLong lastContactMillis = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  /** Requests to the peer carry at most 1/2^shrink of a full batch or body; see {@link #shrink()}. */
  private final AtomicInteger shrink = new AtomicInteger();
  /** Pushes or fetches in time since the last timeout or growth step. */
  private final AtomicInteger calm = new AtomicInteger();
  private final int ratePerSecond;
  /** Times backoff and contact; the request budget runs on System.nanoTime, which never jumps. */
  private final Clock clock;
  private double tokens;
  private long tokensAtNanos = System.nanoTime();
  private volatile boolean blocked;
  private volatile PeerClient client;
  private volatile String clientKey;

  PeerState(MemberId member, int ratePerSecond, Clock clock) {
    this.member = member;
    this.ratePerSecond = ratePerSecond;
    this.clock = clock;
    this.tokens = 2.0 * ratePerSecond;
  }

  MemberId member() {
    return member;
  }

  PeerClient client() {
    return client;
  }

  String clientKey() {
    return clientKey;
  }

  /** Installs a client for the peer's current URL and fingerprint; returns the one it replaces. */
  PeerClient replaceClient(PeerClient c, String key) {
    PeerClient old = client;
    client = c;
    clientKey = key;
    return old;
  }

  /** Takes one token of the peer's inbound request budget (burst of two seconds' worth). */
  synchronized boolean tryAcquire() {
    long now = System.nanoTime();
    tokens = Math.min(2.0 * ratePerSecond, tokens + (now - tokensAtNanos) / 1e9 * ratePerSecond);
    tokensAtNanos = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  /** A request to or from the peer completed and its data was valid. */
  void success() {
    failures.set(0);
    retryAtMillis.set(0);
    contact();
    adjust(1);
  }

  /**
   * A push to the peer or a feed fetch from it, of the size {@link #shrink()} allowed, finished
   * within the deadline; small requests such as head exchanges say nothing of the link's capacity.
   */
  void batchInTime() {
    if (shrink.get() > 0 && calm.incrementAndGet() >= GROW_AFTER) {
      calm.set(0);
      shrink.updateAndGet(n -> Math.max(0, n - 1));
    }
  }

  /**
   * How far requests to this peer are cut down: pushes carry at most {@code sync.batch >> shrink}
   * entries and {@code peer.max_body_bytes >> shrink} bytes, feed fetches ask for at most
   * {@code sync.batch >> shrink} entries. Each exchange that runs past the deadline halves them (a
   * peer on a slow link cannot move a full batch within {@code peer.timeout_ms}, and would never
   * catch up); every {@value #GROW_AFTER} batches in a row that arrive in time double them again.
   */
  int shrink() {
    return shrink.get();
  }

  /**
   * A request to the peer failed. A peer that answered 429 is up and asked us to slow down: it is
   * left alone as long as it asked, without blame, since its rate limit is its own to set; any other
   * failure backs off exponentially and costs score.
   */
  void failed(Throwable cause) {
    if (PeerException.isBusy(cause)) {
      long asked = ((PeerException) cause).retryAfterMillis();
      busyUntilMillis.set(clock.millis() + Math.min(BACKOFF_MAX_MS, asked));
      contact();
    } else {
      if (cause instanceof TimeoutException) {
        calm.set(0);
        shrink.updateAndGet(n -> Math.min(MAX_SHRINK, n + 1));
      }
      failure();
    }
  }

  /** A request to the peer failed (timeout, refused, bad status): back off exponentially. */
  private void failure() {
    int n = failures.incrementAndGet();
    long delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(20, n - 1));
    retryAtMillis.set(clock.millis() + delay);
    adjust(-5);
  }

  /** The peer sent {@code n} invalid items (garbage, bad signatures, non-members' entries). */
  void invalid(int n) {
    rejects.addAndGet(n);
    adjust(-10L * n);
  }

  /** The peer made an authenticated request: it is up, so stop backing off from it. */
  void heardFrom() {
    failures.set(0);
    retryAtMillis.set(0);
    contact();
  }

  void contact() {
    lastContactMillis.set(clock.millis());
  }

  void received(int n) {
    received.addAndGet(n);
  }

  void sent(int n) {
    sent.addAndGet(n);
  }

  void lag(long entries) {
    lag.set(entries);
  }

  private void adjust(long delta) {
    score.updateAndGet(s -> (int) Math.max(MIN_SCORE, Math.min(MAX_SCORE, s + delta)));
  }

  /**
   * Whether the backoff after the last failure and the wait the peer asked for have passed, and an
   * operator has not blocked the peer.
   */
  boolean available() {
    long now = clock.millis();
    return !blocked && now >= retryAtMillis.get() && now >= busyUntilMillis.get();
  }

  /** How long the peer still asked, with a 429, not to be asked again; 0 when it did not. */
  long busyForMillis() {
    return Math.max(0, busyUntilMillis.get() - clock.millis());
  }

  /** An operator's local decision to exchange nothing with the peer, in either direction. */
  void blocked(boolean b) {
    blocked = b;
  }

  boolean isBlocked() {
    return blocked;
  }

  boolean isBad() {
    return score.get() < BAD_SCORE;
  }

  int score() {
    return score.get();
  }

  int failures() {
    return failures.get();
  }

  /** When the peer may be asked again (failure backoff or its Retry-After), 0 when at once. */
  long retryAtMillis() {
    return Math.max(retryAtMillis.get(), busyUntilMillis.get());
  }

  long receivedCount() {
    return received.get();
  }

  long sentCount() {
    return sent.get();
  }

  long rejectCount() {
    return rejects.get();
  }

  long lastContact() {
    return lastContactMillis.get();
  }

  long lagEntries() {
    return lag.get();
  }
}
