package org.hashfed.node.webhooks;

import java.time.Duration;
import java.util.Optional;

/** What one delivery attempt came to: the receiver's status, or why there was none, and its Retry-After. */
record Outcome(Optional<Integer> status, Optional<String> error, Optional<Duration> retryAfter, long millis) {

  boolean delivered() {
    return status.isPresent() && status.get() >= 200 && status.get() < 300;
  }

  /** 410 Gone: the receiver asks never to be called again. */
  boolean gone() {
    return status.isPresent() && status.get() == 410;
  }
}
