package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.watch.WatchFullException;
import org.hashfed.node.watch.WatchedItem;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/** {@code POST /v1/watch}: content a platform accepted, matched against what becomes matchable later (retro-hunt). */
final class WatchRoutes {

  /** Most items in one request. */
  static final int MAX_ITEMS = 1000;
  /** How far in the future an upload time may be, for clocks that disagree a little. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Supplier<Watchlist> watch;
  private final Supplier<Ledger> ledger;
  private final WorkerExecutor worker;
  private final Clock clock;

  WatchRoutes(Supplier<Watchlist> watch, Supplier<Ledger> ledger, WorkerExecutor worker, Clock clock) {
    this.watch = watch;
    this.ledger = ledger;
    this.worker = worker;
    this.clock = clock;
  }

  /** {@code POST /v1/watch {"items": [{"content_id", "signals", "uploaded_at"?}]}} -> 202 {@code {"recorded"}}. */
  void record(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    List<WatchedItem> items = items(body.getValue("items"), EntryTime.truncate(clock.instant()));
    MatchRoutes.requireReady(ledger);
    Watchlist w = watch.get();
    worker.<Integer>executeBlocking(() -> {
      try {
        return w.record(items);
      } catch (WatchFullException e) {
        throw Problem.of(503, "watch-full", "Watch list full", e.getMessage());
      }
    }, false)
        .onSuccess(n -> Responses.json(ctx, 202, new JsonObject().put("recorded", n)))
        .onFailure(ctx::fail);
  }

  private static List<WatchedItem> items(Object raw, Instant now) {
    if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_ITEMS) {
      throw Problem.invalid("invalid-watch-item", "items must be an array of 1 to " + MAX_ITEMS + " objects {\"content_id\", "
          + "\"signals\", \"uploaded_at\"?}" + (raw instanceof JsonArray a ? " (got " + a.size() + ")" : ""),
          raw instanceof JsonArray ? null : String.valueOf(raw));
    }
    List<WatchedItem> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(item(a.getValue(i), "items[" + i + "]", now));
    }
    return out;
  }

  private static WatchedItem item(Object raw, String where, Instant now) {
    if (!(raw instanceof JsonObject o)) {
      throw Problem.invalid("invalid-watch-item", where + " must be an object {\"content_id\", \"signals\", "
          + "\"uploaded_at\"?}", String.valueOf(raw));
    }
    Object id = o.getValue("content_id");
    if (!(id instanceof String contentId)) {
      throw Problem.invalid("invalid-watch-item", where + ".content_id is required: expected 1 to "
          + WatchedItem.MAX_CONTENT_ID_LENGTH + " printable ASCII characters", String.valueOf(id));
    }
    Object rawSignals = o.getValue("signals");
    if (!(rawSignals instanceof JsonArray sa) || sa.isEmpty() || sa.size() > WatchedItem.MAX_SIGNALS) {
      throw Problem.invalid("invalid-watch-item", where + ".signals must be an array of 1 to " + WatchedItem.MAX_SIGNALS
          + " signals {\"type\", \"value\"}", String.valueOf(rawSignals));
    }
    List<Signal> signals = new ArrayList<>(sa.size());
    for (int j = 0; j < sa.size(); j++) {
      if (sa.getValue(j) instanceof JsonObject so && SignalType.VPDQ.wireName().equals(so.getValue("type"))
          && !so.containsKey("hashes") && !(so.getValue("value") instanceof String v && v.startsWith("["))) {
        // a digest names a video but holds none of its frames: nothing to match
        throw Problem.invalid("invalid-watch-item", where + ".signals[" + j + "] is vpdq without its frames "
            + "(expected: \"hashes\", the base64 of the signal's binary form, or \"value\", its python-threatexchange "
            + "form, as in /v1/match)", String.valueOf(so.getValue("value")));
      }
      signals.add(Requests.signal(sa.getValue(j), where + ".signals[" + j + "]"));
    }
    Instant uploaded = now;
    Object at = o.getValue("uploaded_at");
    if (at != null) {
      try {
        uploaded = EntryTime.parse(at instanceof String s ? s : String.valueOf(at), where + ".uploaded_at");
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-watch-item", e.getMessage(), String.valueOf(at));
      }
      if (uploaded.isAfter(now.plus(CLOCK_SKEW))) {
        throw Problem.invalid("invalid-watch-item", where + ".uploaded_at " + at + " is in the future (expected: "
            + "when the content was accepted, at most " + CLOCK_SKEW.toMinutes() + " minutes ahead of " + now + ")",
            String.valueOf(at));
      }
    }
    try {
      return WatchedItem.create(contentId, signals, uploaded);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-watch-item", where + ": " + e.getMessage(),
          WatchedItem.MAX_CONTENT_ID_LENGTH < contentId.length() ? contentId.substring(0, 128) : contentId);
    }
  }
}
