package org.hashfed.node.webhooks;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter between attempts on one event: the n-th failure waits between
 * half and all of {@code initial * 2^(n-1)}, capped at {@code max}, and never less than the
 * receiver's Retry-After.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The wait after the {@code failures}-th failed attempt (1 for the first). */
  Duration after(int failures, Optional<Duration> retryAfter) {
    long cap = max.toMillis();
    long base = initial.toMillis() << Math.min(Math.max(0, failures - 1), 30);
    long ceiling = Math.min(cap, base < 0 ? cap : base);
    long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    long wait = Math.max(1, jittered);
    return retryAfter.map(r -> Duration.ofMillis(Math.max(wait, r.toMillis()))).orElse(Duration.ofMillis(wait));
  }
}
