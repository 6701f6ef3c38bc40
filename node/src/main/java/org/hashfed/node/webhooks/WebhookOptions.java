package org.hashfed.node.webhooks;

import java.time.Duration;

/**
 * How webhooks are delivered: the time one attempt may take, the exponential backoff between
 * attempts, when an event goes to the dead letters, and how many endpoints a node keeps.
 */
public record WebhookOptions(Duration timeout, Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter,
    int maxEndpoints) {

  /** 10 s per attempt, backoff from 1 s to 10 min, give up after 24 h, 32 endpoints. */
  public static WebhookOptions defaults() {
    return new WebhookOptions(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(10),
        Duration.ofHours(24), 32);
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException naming the option that is out of range
   */
  public WebhookOptions {
    require(timeout, "webhooks.timeout_ms", Duration.ofMillis(10), Duration.ofMinutes(5));
    require(initialBackoff, "webhooks.backoff_initial_ms", Duration.ofMillis(1), Duration.ofHours(1));
    require(maxBackoff, "webhooks.backoff_max_ms", initialBackoff, Duration.ofDays(1));
    require(giveUpAfter, "webhooks.give_up_after_ms", Duration.ofMillis(1), Duration.ofDays(30));
    if (maxEndpoints < 1 || maxEndpoints > 1000) {
      throw new IllegalArgumentException("invalid webhooks.max_endpoints " + maxEndpoints + ": expected 1 to 1000");
    }
  }

  private static void require(Duration d, String name, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException("invalid " + name + " " + (d == null ? "null" : d.toMillis()) + ": expected "
          + min.toMillis() + " to " + max.toMillis() + " ms");
    }
  }
}
