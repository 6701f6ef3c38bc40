package org.hashfed.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs with the system clock plus an offset that a test moves forward, so a node under
 * test sees time pass (expiry, retention) at once instead of after a sleep, while everything that
 * was not moved still sees time run normally.
 */
public final class MovableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves this clock forward by {@code by}. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock moves forward only (expected: a positive duration, got " + by + ")");
    }
    offset = offset.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
