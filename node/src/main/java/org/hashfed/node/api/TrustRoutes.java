package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.hashfed.node.trust.LabelPattern;
import org.hashfed.node.trust.MemberTrust;
import org.hashfed.node.trust.TrustJson;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustRefusedException;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.MemberId;

/** {@code /v1/admin/trust...}: list, explain, set, pin, unpin and restore members' trust (role admin). */
final class TrustRoutes {

  private static final int MAX_OVERRIDES = 64;
  private static final int MAX_REASON = 500;

  private final TrustService trust;
  private final WorkerExecutor worker;

  TrustRoutes(TrustService trust, WorkerExecutor worker) {
    this.trust = trust;
    this.worker = worker;
  }

  /** {@code GET /v1/admin/trust}: the settings and every known member. */
  void list(RoutingContext ctx) {
    JsonArray members = new JsonArray();
    for (MemberTrust t : trust.list()) {
      members.add(TrustJson.toJson(t, trust.settings()));
    }
    Responses.json(ctx, 200, new JsonObject().put("settings", TrustJson.toJson(trust.settings()))
        .put("members", members));
  }

  /** {@code GET /v1/admin/trust/{member}}: why the member's level is what it is. */
  void explain(RoutingContext ctx) {
    MemberId m = member(ctx);
    run(ctx, () -> TrustJson.toJson(trust.explain(m), trust.settings()));
  }

  /** {@code PUT /v1/admin/trust/{member} {"level", "overrides"?, "reason"?}}. */
  void set(RoutingContext ctx) {
    MemberId m = member(ctx);
    JsonObject body = Responses.jsonBody(ctx);
    Object raw = body.getValue("level");
    if (!(raw instanceof String)) {
      throw Problem.invalid("invalid-level", "field \"level\" is required: expected trusted, standard, observe "
          + "or blocked", String.valueOf(raw));
    }
    TrustLevel level = level((String) raw, "level");
    Map<LabelPattern, TrustLevel> overrides = overrides(body.getValue("overrides"));
    Optional<String> reason = reason(body);
    run(ctx, () -> view(trust.set(m, level, overrides, reason)));
  }

  /** {@code POST /v1/admin/trust/{member}/pin {"reason"?}}. */
  void pin(RoutingContext ctx) {
    MemberId m = member(ctx);
    Optional<String> reason = reason(optionalBody(ctx));
    run(ctx, () -> view(trust.pin(m, true, reason)));
  }

  /** {@code POST /v1/admin/trust/{member}/unpin {"reason"?}}. */
  void unpin(RoutingContext ctx) {
    MemberId m = member(ctx);
    Optional<String> reason = reason(optionalBody(ctx));
    run(ctx, () -> view(trust.pin(m, false, reason)));
  }

  /** {@code POST /v1/admin/trust/{member}/restore {"reason"?}}: undoes automatic demotions. */
  void restore(RoutingContext ctx) {
    MemberId m = member(ctx);
    Optional<String> reason = reason(optionalBody(ctx));
    run(ctx, () -> view(trust.restore(m, reason)));
  }

  private JsonObject view(MemberTrust t) {
    return TrustJson.toJson(t, trust.settings());
  }

  private void run(RoutingContext ctx, Callable<JsonObject> action) {
    worker.executeBlocking(() -> {
      try {
        return action.call();
      } catch (TrustRefusedException e) {
        throw Problem.of(409, "trust-refused", "Trust change refused", e.getMessage());
      }
    }, false).onSuccess(o -> Responses.json(ctx, 200, o)).onFailure(ctx::fail);
  }

  private static MemberId member(RoutingContext ctx) {
    String raw = ctx.pathParam("member");
    try {
      return MemberId.parse(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-member", e.getMessage(), raw);
    }
  }

  private static TrustLevel level(String raw, String where) {
    try {
      return TrustLevel.parse(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-level", where + ": " + e.getMessage(), raw);
    }
  }

  private static Map<LabelPattern, TrustLevel> overrides(Object raw) {
    Map<LabelPattern, TrustLevel> out = new TreeMap<>();
    if (raw == null) {
      return out;
    }
    if (!(raw instanceof JsonObject o) || o.size() > MAX_OVERRIDES) {
      throw Problem.invalid("invalid-overrides", "field \"overrides\" must be an object of at most " + MAX_OVERRIDES
          + " entries like {\"ideology:*\": \"observe\", \"behavior:glorification\": \"standard\"}",
          String.valueOf(raw));
    }
    for (Map.Entry<String, Object> e : o) {
      LabelPattern p;
      try {
        p = LabelPattern.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw Problem.invalid("invalid-overrides", "overrides: " + ex.getMessage(), e.getKey());
      }
      if (!(e.getValue() instanceof String v)) {
        throw Problem.invalid("invalid-level", "overrides." + e.getKey() + " must be trusted, standard, observe or "
            + "blocked", String.valueOf(e.getValue()));
      }
      out.put(p, level(v, "overrides." + e.getKey()));
    }
    return out;
  }

  private static JsonObject optionalBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().isEmpty()) {
      return new JsonObject();
    }
    return Responses.jsonBody(ctx);
  }

  private static Optional<String> reason(JsonObject body) {
    Optional<String> reason = Requests.optionalString(body, "reason");
    if (reason.isPresent() && (reason.get().isBlank() || reason.get().length() > MAX_REASON)) {
      throw Problem.invalid("invalid-field", "field \"reason\" must be 1 to " + MAX_REASON + " characters",
          reason.get());
    }
    return reason;
  }
}
