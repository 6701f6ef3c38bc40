package org.hashfed.node.webhooks;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;

/**
 * Webhooks in the store's metadata, as JSON: {@code webhook/endpoint/<id>} the endpoint (with its
 * secret), {@code webhook/state/<id>} its {@link DeliveryState}, {@code webhook/attempt/<id>/<n>}
 * the last {@link #KEPT_ATTEMPTS} attempts (n: 16 hex digits), {@code webhook/dead/<id>/<n>} the
 * last {@link #KEPT_DEAD_LETTERS} dead letters.
 */
final class WebhookRecords {

  static final int KEPT_ATTEMPTS = 100;
  static final int KEPT_DEAD_LETTERS = 1000;
  private static final String ENDPOINT = "webhook/endpoint/";
  private static final String STATE = "webhook/state/";
  private static final String ATTEMPT = "webhook/attempt/";
  private static final String DEAD = "webhook/dead/";

  private final Store store;

  WebhookRecords(Store store) {
    this.store = store;
  }

  List<Endpoint> endpoints() {
    List<Endpoint> out = new ArrayList<>();
    store.metaWithPrefix(ENDPOINT).values().forEach(v -> out.add(Endpoint.fromJson(json(v))));
    return out;
  }

  DeliveryState state(String id) {
    return DeliveryState.fromJson(json(store.meta(STATE + id).orElseThrow(() ->
        new IllegalStateException("webhook " + id + " has no delivery state"))));
  }

  void create(Endpoint e, DeliveryState s) {
    store.commit(StoreWrite.create().putMeta(ENDPOINT + e.id(), bytes(e.toStored())).putMeta(STATE + e.id(),
        bytes(s.toJson())));
  }

  void delete(String id) {
    StoreWrite w = StoreWrite.create().deleteMeta(ENDPOINT + id).deleteMeta(STATE + id);
    store.metaWithPrefix(ATTEMPT + id + "/").keySet().forEach(w::deleteMeta);
    store.metaWithPrefix(DEAD + id + "/").keySet().forEach(w::deleteMeta);
    store.commit(w);
  }

  void putState(String id, DeliveryState s) {
    store.commit(StoreWrite.create().putMeta(STATE + id, bytes(s.toJson())));
  }

  /** Stores an attempt and the state after it in one write, dropping the attempt that falls out of the kept ones. */
  void recordAttempt(String id, DeliveryState after, JsonObject attempt, JsonObject deadLetter) {
    StoreWrite w = StoreWrite.create().putMeta(STATE + id, bytes(after.toJson()))
        .putMeta(ATTEMPT + id + "/" + hex(after.attemptCount()), bytes(attempt));
    if (after.attemptCount() > KEPT_ATTEMPTS) {
      w.deleteMeta(ATTEMPT + id + "/" + hex(after.attemptCount() - KEPT_ATTEMPTS));
    }
    if (deadLetter != null) {
      w.putMeta(DEAD + id + "/" + hex(after.attemptCount()), bytes(deadLetter));
      List<String> kept = new ArrayList<>(store.metaWithPrefix(DEAD + id + "/").keySet());
      for (int i = 0; i <= kept.size() - KEPT_DEAD_LETTERS; i++) {
        w.deleteMeta(kept.get(i));
      }
    }
    store.commit(w);
  }

  /** The kept attempts, newest first. */
  JsonArray attempts(String id) {
    return newestFirst(store.metaWithPrefix(ATTEMPT + id + "/"));
  }

  /** The dead letters, newest first, at most {@link #KEPT_DEAD_LETTERS}. */
  JsonArray deadLetters(String id) {
    return newestFirst(store.metaWithPrefix(DEAD + id + "/"));
  }

  private static JsonArray newestFirst(Map<String, byte[]> records) {
    List<byte[]> values = new ArrayList<>(records.values());
    JsonArray out = new JsonArray();
    for (int i = values.size() - 1; i >= 0 && out.size() < KEPT_DEAD_LETTERS; i--) {
      out.add(json(values.get(i)));
    }
    return out;
  }

  private static String hex(long n) {
    return String.format("%016x", n);
  }

  private static byte[] bytes(JsonObject o) {
    return o.toBuffer().getBytes();
  }

  private static JsonObject json(byte[] b) {
    return new JsonObject(Buffer.buffer(b));
  }
}
