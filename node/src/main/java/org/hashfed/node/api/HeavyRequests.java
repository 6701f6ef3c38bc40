package org.hashfed.node.api;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.metrics.Metrics;

/**
 * Counts the heavy match batches ({@code match.heavy_signals} signals or more) each API key has in
 * flight, so that one key cannot take every worker and the heap with large responses while
 * another key waits: past {@code match.heavy_per_key} a request gets 429 with Retry-After.
 */
final class HeavyRequests {

  /** Seconds a refused client should wait: a heavy batch takes about that long on a loaded node. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final MatchLimits limits;
  private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Counter refused;

  HeavyRequests(MatchLimits limits, Metrics metrics) {
    this.limits = limits;
    metrics.gauge("hashfed_heavy_match_requests", "Heavy match batches (match.heavy_signals or more) in flight.",
        total::get);
    this.refused = metrics.counter("hashfed_heavy_match_refused_total",
        "Heavy match batches refused with 429 because their key had match.heavy_per_key in flight.");
  }

  /**
   * Lets a batch of {@code signals} through; a heavy one is counted against the request's key until
   * its response ends (sent, failed or the connection closed).
   *
   * @throws Problem {@code too-many-heavy-requests} (429) when the key has as many in flight as allowed
   */
  void admit(RoutingContext ctx, int signals) {
    if (signals < limits.heavySignals()) {
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
          + limits.heavyPerKey() + " match requests of " + limits.heavySignals() + " signals or more in flight"
          + " (match.heavy_per_key): retry when one has answered, or send fewer signals", String.valueOf(signals));
    }
    total.incrementAndGet();
    ctx.addEndHandler(ar -> {
      inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
      total.decrementAndGet();
    });
  }
}
