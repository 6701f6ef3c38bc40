package org.hashfed.node.webhooks;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.events.Cursor;
import org.hashfed.node.events.CursorExpiredException;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.events.EventPage;

/**
 * Delivers one endpoint's events in order, one at a time, from the cursor in its persisted state:
 * the next event is sent only once the one before it was delivered or dead-lettered. Runs on its
 * own event-loop context, which Vert.x gives each deployment; store calls go to the worker pool,
 * so a slow receiver holds nothing but its own loop.
 */
final class EndpointWorker implements Deployable {

  private static final Logger LOG = Logger.getLogger(EndpointWorker.class.getName());
  /** How long one wait for new events lasts before the loop looks again (a replay may have moved the cursor). */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(30);
  private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

  private final Endpoint endpoint;
  private final Vertx vertx;
  // completed with the worker's own event-loop context once Vert.x has deployed it
  private final Promise<Context> deployed = Promise.promise();
  private Future<String> deployment;
  private final WorkerExecutor worker;
  private final EventLog events;
  private final WebhookRecords records;
  private final Sender sender;
  private final Backoff backoff;
  private final WebhookOptions options;
  private final Clock clock;
  private volatile DeliveryState state;
  private volatile boolean stopped;
  private long generation;

  EndpointWorker(Endpoint endpoint, DeliveryState state, Vertx vertx, WorkerExecutor worker, EventLog events,
      WebhookRecords records, Sender sender, Backoff backoff, WebhookOptions options, Clock clock) {
    this.endpoint = endpoint;
    this.state = state;
    this.vertx = vertx;
    this.worker = worker;
    this.events = events;
    this.records = records;
    this.sender = sender;
    this.backoff = backoff;
    this.options = options;
    this.clock = clock;
  }

  /** Deploys the worker, which gives it an event loop of its own whichever thread starts it, and starts delivering. */
  void start() {
    deployment = vertx.deployVerticle(this)
        .onFailure(e -> LOG.log(Level.SEVERE, "webhook endpoint " + endpoint.id() + " could not start", e));
  }

  @Override
  public Future<?> deploy(Context context) {
    deployed.complete(context);
    step(generation);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> undeploy(Context context) {
    stopped = true;
    return Future.succeededFuture();
  }

  void stop() {
    stopped = true;
    deployment.onSuccess(vertx::undeploy);
  }

  DeliveryState state() {
    return state;
  }

  /** Goes back to {@code cursor} and re-enables the endpoint: the events after it are delivered again. */
  Future<Void> replayFrom(Cursor cursor) {
    Promise<Void> done = Promise.promise();
    deployed.future().onSuccess(context -> context.runOnContext(v -> {
      generation++;
      long g = generation;
      state = new DeliveryState(cursor.toString(), 0, 0, 0, Optional.empty(), state.attemptCount());
      DeliveryState replayed = state;
      write(() -> records.putState(endpoint.id(), replayed)).onComplete(ar -> {
        done.handle(ar);
        step(g);
      });
    }));
    return done.future();
  }

  private void step(long gen) {
    if (stopped || gen != generation || state.disabled().isPresent()) {
      return;
    }
    long wait = state.nextAttemptMillis() - clock.millis();
    if (wait > 0) {
      vertx.setTimer(wait, id -> step(gen));
      return;
    }
    Cursor cursor = Cursor.parse(state.cursor());
    worker.<EventPage>executeBlocking(() -> events.read(Optional.of(cursor), 1, endpoint.filter()), false)
        .compose(page -> {
          if (page.events().isEmpty()) {
            return advanceIdle(gen, page.next()).compose(v -> events.awaitAfter(page.next(), IDLE_WAIT));
          }
          return deliver(gen, page.events().get(0));
        })
        .onComplete(ar -> {
          if (ar.failed() && ar.cause() instanceof CursorExpiredException e) {
            persist(gen, state.disabledBecause("cursor-expired: " + e.getMessage()), null, null);
          } else if (ar.failed()) {
            LOG.log(Level.WARNING, "webhook " + endpoint.id() + ": delivery loop failed; retrying", ar.cause());
            vertx.setTimer(ERROR_PAUSE.toMillis(), id -> step(gen));
          } else {
            step(gen);
          }
        });
  }

  private Future<Void> advanceIdle(long gen, Cursor next) {
    if (next.toString().equals(state.cursor())) {
      return Future.succeededFuture();
    }
    return persist(gen, state.advancedTo(next.toString()), null, null);
  }

  private Future<Void> deliver(long gen, JsonObject event) {
    JsonObject body = new JsonObject().put("id", event.getString("id")).put("type", event.getString("type"))
        .put("time", event.getString("time")).put("data", event.getJsonObject("data"));
    Buffer bytes = body.toBuffer();
    long timestamp = clock.instant().getEpochSecond();
    String id = event.getString("id");
    Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature", endpoint.secret().sign(id, timestamp, bytes.getBytes()));
    return sender.send(endpoint.url().toString(), headers, bytes).compose(o -> settle(gen, event, body, o));
  }

  private Future<Void> settle(long gen, JsonObject event, JsonObject body, Outcome o) {
    long now = clock.millis();
    DeliveryState next;
    JsonObject dead = null;
    String result;
    if (o.delivered()) {
      next = state.advancedTo(event.getString("cursor"));
      result = "delivered";
    } else if (o.gone()) {
      next = state.disabledBecause("the receiver answered 410 Gone at " + millisText(clock.millis()));
      result = "disabled";
    } else {
      DeliveryState failed = state.failed(now, 0);
      if (now - failed.firstFailureMillis() >= options.giveUpAfter().toMillis()) {
        next = state.advancedTo(event.getString("cursor"));
        dead = new JsonObject().put("event", body).put("attempts", failed.attempts())
            .put("dead_at", millisText(clock.millis()));
        result = "dead_letter";
      } else {
        next = state.failed(now, now + backoff.after(failed.attempts(), o.retryAfter()).toMillis());
        result = "retry";
      }
    }
    JsonObject attempt = new JsonObject().put("event_id", event.getString("id")).put("type", event.getString("type"))
        .put("at", millisText(clock.millis())).put("result", result)
        .put("duration_ms", o.millis());
    o.status().ifPresent(s -> attempt.put("status", s));
    o.error().ifPresent(e -> attempt.put("error", e));
    o.retryAfter().ifPresent(r -> attempt.put("retry_after_s", r.toSeconds()));
    if ("retry".equals(result)) {
      attempt.put("next_attempt_at", millisText(next.nextAttemptMillis()));
    }
    return persist(gen, next.counted(), attempt, dead);
  }

  /**
   * Adopts {@code next} and stores it, unless a replay started since this step began (its state
   * wins). Runs on this endpoint's context; the writes are ordered, so a replay's state is never
   * overwritten by an earlier step's.
   */
  private Future<Void> persist(long gen, DeliveryState next, JsonObject attempt, JsonObject dead) {
    if (gen != generation) {
      return Future.succeededFuture();
    }
    state = next;
    return write(() -> {
      if (attempt == null) {
        records.putState(endpoint.id(), next);
      } else {
        records.recordAttempt(endpoint.id(), next, attempt, dead);
      }
    });
  }

  private Future<Void> write(Runnable write) {
    return worker.executeBlocking(() -> {
      write.run();
      return null;
    }, true).mapEmpty();
  }

  /** An instant in UTC with milliseconds, e.g. {@code 2026-12-03T15:25:12.189Z}. */
  static String millisText(long epochMillis) {
    return java.time.Instant.ofEpochMilli(epochMillis).toString();
  }
}
