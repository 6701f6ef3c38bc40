package org.hashfed.node.api;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Counts the heavy match requests each API key has in flight, so that one key cannot take every
 * worker and the heap while another key waits: past {@code match.heavy_per_key} a request gets 429
 * with Retry-After. Heavy are a batch of {@code match.heavy_signals} signals or more, any query with
 * a vpdq signal (a video is compared frame by frame) and every file to hash and match, on the
 * core's routes and the HMA-compatible ones alike.
 */
final class HeavyRequests {

  /** Seconds a refused client should wait: a heavy request takes about that long on a loaded node. */
  static final String RETRY_AFTER_SECONDS = "1";

  /** Routing-context key set once a request holds a slot: a file hashed and then matched counts once. */
  private static final String ADMITTED_KEY = "hashfed.heavyAdmitted";

  private final MatchLimits limits;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Counter refused;

  HeavyRequests(MatchLimits limits, Metrics metrics) {
    this.limits = limits;
    metrics.gauge("hashfed_heavy_match_requests", "Heavy match requests (match.heavy_signals signals or more, a vpdq"
        + " query, a file to hash) in flight.", total::get);
    this.refused = metrics.counter("hashfed_heavy_match_refused_total",
        "Heavy match requests refused with 429 because their key had match.heavy_per_key in flight.");
  }

  /**
   * Lets a query of {@code signals} through; a heavy one (as many signals as {@code match.heavy_signals}
   * or a vpdq signal) holds one of its key's slots until its response ends.
   *
   * @throws Problem {@code too-many-heavy-requests} (429) when the key has as many in flight as allowed
   */
  void admit(RoutingContext ctx, List<Signal> signals) {
    if (signals.size() >= limits.heavySignals()) {
      admit(ctx, signals.size() + " signals");
    } else if (signals.stream().anyMatch(s -> s.type() == SignalType.VPDQ)) {
      admit(ctx, "a vpdq signal");
    }
  }

  /**
   * Lets a heavy request, described by {@code what} for the refusal, through: it holds one of its
   * key's slots until its response ends (sent, failed or the connection closed). A request that
   * already holds one is let through at once.
   *
   * @throws Problem {@code too-many-heavy-requests} (429) when the key has as many in flight as allowed
   */
  void admit(RoutingContext ctx, String what) {
    if (ctx.get(ADMITTED_KEY) != null) {
      return;
    }
    String key = ctx.get(AuthHandler.KEY_ID_KEY);
    boolean[] admitted = {false};
    inFlight.compute(key, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= limits.heavyPerKey()) {
        return n;
      }
      admitted[0] = true;
      return now + 1;
    });
    if (!admitted[0]) {
      refused.inc();
      throw Problem.of(429, "too-many-heavy-requests", "Too many heavy requests", "API key " + key + " already has "
          + limits.heavyPerKey() + " heavy match requests in flight (match.heavy_per_key), and this one, with "
          + what + ", is heavy too (a match of " + limits.heavySignals() + " signals or more, a vpdq query or a file"
          + " to hash): retry when one has answered", what);
    }
    ctx.put(ADMITTED_KEY, Boolean.TRUE);
    total.incrementAndGet();
    ctx.addEndHandler(ar -> {
      inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      total.decrementAndGet();
    });
  }
}
