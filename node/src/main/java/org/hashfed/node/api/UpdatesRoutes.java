package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.auth.Role;
import org.hashfed.node.events.Cursor;
import org.hashfed.node.events.CursorExpiredException;
import org.hashfed.node.events.EventFilter;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.events.EventPage;
import org.hashfed.node.events.EventType;
import org.hashfed.node.events.SignalExport;
import org.hashfed.protocol.signal.InvalidSignalException;
import org.hashfed.protocol.signal.SignalType;

/**
 * {@code GET /v1/updates}: the events feed, read from the node's event log, with long-polling;
 * {@code GET /v1/signals/export}: the full list to sync from, with the cursor to follow the feed from.
 */
final class UpdatesRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_WAIT_SECONDS = 60;

  private final EventLog events;
  private final SignalExport export;
  private final WorkerExecutor worker;

  UpdatesRoutes(EventLog events, SignalExport export, WorkerExecutor worker) {
    this.events = events;
    this.export = export;
    this.worker = worker;
  }

  /** {@code GET /v1/signals/export?after=&limit=&signal_types=&labels=&min_trust=&min_confidence=}. */
  void export(RoutingContext ctx) {
    MultiMap p = ctx.request().params();
    Optional<String> after = Optional.ofNullable(p.get("after"));
    int limit = bounded(p.get("limit"), "limit", 1, SignalExport.MAX_LIMIT, DEFAULT_LIMIT);
    EventFilter filter = EventFilter.of(Set.of(), signalTypes(p.getAll("signal_types")), MatchFilters.fromQuery(p),
        false);
    worker.<SignalExport.Page>executeBlocking(() -> {
      try {
        return export.page(after, limit, filter);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-page-token", e.getMessage(), after.orElse(null));
      } catch (IllegalStateException e) {
        throw Problem.of(503, "not-ready", "Not ready", e.getMessage());
      }
    }, false).onSuccess(page -> Responses.json(ctx, 200, new JsonObject()
            .put("signals", new JsonArray(new java.util.ArrayList<>(page.signals())))
            .put("next", page.next().orElse(null))
            .put("cursor", page.cursor().toString())))
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/updates?after=&limit=&types=&signal_types=&labels=&min_trust=&min_confidence=&wait=}. */
  void updates(RoutingContext ctx) {
    MultiMap p = ctx.request().params();
    Optional<Cursor> after = cursor(p.get("after"));
    int limit = bounded(p.get("limit"), "limit", 1, EventLog.MAX_LIMIT, DEFAULT_LIMIT);
    int wait = bounded(p.get("wait"), "wait", 0, MAX_WAIT_SECONDS, 0);
    boolean admin = ((Role) ctx.get(AuthHandler.ROLE_KEY)).includes(Role.ADMIN);
    Set<EventType> types = types(p.getAll("types"));
    for (EventType t : types) {
      if (t.adminOnly() && !admin) {
        throw Problem.of(403, "insufficient-role", "Insufficient role", "event type " + t.wireName()
            + " is for admin keys only; this key cannot read it", t.wireName());
      }
    }
    EventFilter filter = EventFilter.of(types, signalTypes(p.getAll("signal_types")), MatchFilters.fromQuery(p), admin);
    read(after, limit, filter)
        .compose(page -> page.events().isEmpty() && wait > 0
            ? events.awaitAfter(page.next(), Duration.ofSeconds(wait))
                .compose(v -> read(Optional.of(page.next()), limit, filter))
            : Future.succeededFuture(page))
        .onSuccess(page -> Responses.json(ctx, 200, json(page)))
        .onFailure(ctx::fail);
  }

  private Future<EventPage> read(Optional<Cursor> after, int limit, EventFilter filter) {
    return worker.executeBlocking(() -> {
      try {
        return events.read(after, limit, filter);
      } catch (CursorExpiredException e) {
        throw Problem.of(410, "cursor-expired", "Cursor expired", e.getMessage(), after.map(Cursor::toString).orElse(null));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-cursor", e.getMessage(), after.map(Cursor::toString).orElse(null));
      }
    }, false);
  }

  static JsonObject json(EventPage page) {
    return new JsonObject().put("events", new JsonArray(new java.util.ArrayList<>(page.events())))
        .put("next", page.next().toString());
  }

  static Optional<Cursor> cursor(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Cursor.parse(raw));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-cursor", e.getMessage(), raw);
    }
  }

  static int bounded(String raw, String name, int min, int max, int dflt) {
    if (raw == null) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem below
    }
    String detail = "query parameter " + name + " must be an integer from " + min + " to " + max;
    // each slug written out, so the spec test can list every problem type the node sends
    throw "wait".equals(name) ? Problem.invalid("invalid-wait", detail, raw) : Problem.invalid("invalid-limit", detail, raw);
  }

  static Set<EventType> types(java.util.List<String> raw) {
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (String v : raw) {
      for (String part : v.split(",", -1)) {
        try {
          out.add(EventType.parse(part.trim()));
        } catch (IllegalArgumentException e) {
          throw Problem.invalid("invalid-event-type", e.getMessage(), part);
        }
      }
    }
    return out;
  }

  static Set<SignalType> signalTypes(java.util.List<String> raw) {
    Set<SignalType> out = EnumSet.noneOf(SignalType.class);
    for (String v : raw) {
      for (String part : v.split(",", -1)) {
        try {
          out.add(SignalType.parse(part.trim()));
        } catch (InvalidSignalException e) {
          throw Problem.invalid("invalid-signal-type", e.getMessage(), part);
        }
      }
    }
    return out;
  }
}
