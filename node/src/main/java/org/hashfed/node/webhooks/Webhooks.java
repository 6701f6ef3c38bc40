package org.hashfed.node.webhooks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.hashfed.node.events.Cursor;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.EntryTime;

/**
 * The node's webhook endpoints: made, listed and deleted by admins, each delivered to by its own
 * {@link EndpointWorker} from the event log, with its state in the store so that a restarted node
 * goes on where it stopped. Create, delete and deliveries block on RocksDB: call them on a worker.
 */
public final class Webhooks {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final EventLog events;
  private final WebhookRecords records;
  private final WebhookOptions options;
  private final Clock clock;
  private final Sender sender;
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, EndpointWorker> workers = new ConcurrentHashMap<>();

  private Webhooks(Vertx vertx, WorkerExecutor worker, Store store, EventLog events, WebhookOptions options,
      Clock clock) {
    this.vertx = vertx;
    this.worker = worker;
    this.events = events;
    this.records = new WebhookRecords(store);
    this.options = options;
    this.clock = clock;
    this.sender = new Sender(vertx, options.timeout(), clock);
  }

  /** Loads the stored endpoints and starts delivering to each from where it stopped; blocking. */
  public static Webhooks start(Vertx vertx, WorkerExecutor worker, Store store, EventLog events,
      WebhookOptions options, Clock clock) {
    Webhooks w = new Webhooks(vertx, worker, store, events, options, clock);
    for (Endpoint e : w.records.endpoints()) {
      w.run(e, w.records.state(e.id()));
    }
    return w;
  }

  private void run(Endpoint e, DeliveryState state) {
    endpoints.put(e.id(), e);
    EndpointWorker ew = new EndpointWorker(e, state, vertx, worker, events, records, sender,
        new Backoff(options.initialBackoff(), options.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble()),
        options, clock);
    workers.put(e.id(), ew);
    ew.start();
  }

  /**
   * Makes an endpoint that receives the events committed from now on; blocking. The answer holds
   * the secret, which is never shown again.
   *
   * @throws IllegalArgumentException naming the field and value that are not valid
   * @throws WebhookLimitException when the node has {@link WebhookOptions#maxEndpoints()} already
   */
  public synchronized JsonObject create(Object url, Object eventTypes, Object filters) {
    if (endpoints.size() >= options.maxEndpoints()) {
      throw new WebhookLimitException("this node has " + endpoints.size() + " webhook endpoints, its limit "
          + "(webhooks.max_endpoints): delete one first");
    }
    byte[] id = new byte[8];
    RANDOM.nextBytes(id);
    Endpoint e = Endpoint.create("wh_" + HexFormat.of().formatHex(id), url, eventTypes, filters,
        EntryTime.format(EntryTime.truncate(clock.instant())));
    DeliveryState s = DeliveryState.startingAt(events.head().toString());
    records.create(e, s);
    run(e, s);
    return e.toJson().put("secret", e.secret().reveal());
  }

  /** Every endpoint with its delivery state, never a secret. */
  public JsonArray list() {
    JsonArray out = new JsonArray();
    endpoints.values().stream().sorted(java.util.Comparator.comparing(Endpoint::id))
        .forEach(e -> out.add(view(e)));
    return out;
  }

  /** Stops and deletes an endpoint with its attempts and dead letters; blocking. Returns whether it existed. */
  public synchronized boolean delete(String id) {
    EndpointWorker w = workers.remove(id);
    if (w == null) {
      return false;
    }
    w.stop();
    endpoints.remove(id);
    records.delete(id);
    return true;
  }

  /** The endpoint, its state, its last attempts and its dead letters, newest first; blocking. */
  public Optional<JsonObject> deliveries(String id) {
    Endpoint e = endpoints.get(id);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(view(e).put("attempts", records.attempts(id)).put("dead_letters", records.deadLetters(id)));
  }

  /**
   * Delivers again every event after {@code from} (and re-enables a disabled endpoint).
   *
   * @return empty when there is no such endpoint
   */
  public Optional<Future<Void>> replay(String id, Cursor from) {
    EndpointWorker w = workers.get(id);
    return w == null ? Optional.empty() : Optional.of(w.replayFrom(from));
  }

  private JsonObject view(Endpoint e) {
    DeliveryState s = workers.get(e.id()).state();
    JsonObject state = new JsonObject().put("cursor", s.cursor()).put("failed_attempts", s.attempts());
    if (s.nextAttemptMillis() > clock.millis()) {
      state.put("next_attempt_at", EndpointWorker.millisText(s.nextAttemptMillis()));
    }
    s.disabled().ifPresent(d -> state.put("disabled", d));
    return e.toJson().put("state", state);
  }

  /** Stops every delivery loop and the HTTP client. */
  public Future<Void> close() {
    workers.values().forEach(EndpointWorker::stop);
    return sender.close();
  }
}
