package org.hashfed.node.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Where an endpoint's deliveries stand, persisted after every attempt: the cursor of the last event
 * delivered (or dead-lettered), the failed attempts on the next one, when they began, when the next
 * attempt may start, and why the endpoint is disabled, if it is.
 */
record DeliveryState(String cursor, int attempts, long firstFailureMillis, long nextAttemptMillis,
    Optional<String> disabled, long attemptCount) {

  static DeliveryState startingAt(String cursor) {
    return new DeliveryState(cursor, 0, 0, 0, Optional.empty(), 0);
  }

  /** The event at {@code cursor} is done with (delivered or dead-lettered): on to the next. */
  DeliveryState advancedTo(String next) {
    return new DeliveryState(next, 0, 0, 0, disabled, attemptCount);
  }

  DeliveryState failed(long now, long retryAt) {
    return new DeliveryState(cursor, attempts + 1, attempts == 0 ? now : firstFailureMillis, retryAt, disabled,
        attemptCount);
  }

  DeliveryState disabledBecause(String reason) {
    return new DeliveryState(cursor, attempts, firstFailureMillis, nextAttemptMillis, Optional.of(reason), attemptCount);
  }

  DeliveryState counted() {
    return new DeliveryState(cursor, attempts, firstFailureMillis, nextAttemptMillis, disabled, attemptCount + 1);
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject().put("cursor", cursor).put("attempts", attempts)
        .put("first_failure_ms", firstFailureMillis).put("next_attempt_ms", nextAttemptMillis)
        .put("attempt_count", attemptCount);
    disabled.ifPresent(d -> o.put("disabled", d));
    return o;
  }

  static DeliveryState fromJson(JsonObject o) {
    return new DeliveryState(o.getString("cursor"), o.getInteger("attempts"), o.getLong("first_failure_ms"),
        o.getLong("next_attempt_ms"), Optional.ofNullable(o.getString("disabled")), o.getLong("attempt_count"));
  }
}
