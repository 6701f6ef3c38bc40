package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;
import org.hashfed.node.auth.ApiKeyInfo;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.NewApiKey;
import org.hashfed.node.auth.Role;

/** Admin endpoints: API key creation, listing and revocation. */
final class AdminRoutes {

  private static final Logger LOG = Logger.getLogger(AdminRoutes.class.getName());
  private static final int MAX_TTL_DAYS = 3650;

  private final ApiKeys keys;
  private final WorkerExecutor worker;
  private final Clock clock;

  AdminRoutes(ApiKeys keys, WorkerExecutor worker, Clock clock) {
    this.keys = keys;
    this.worker = worker;
    this.clock = clock;
  }

  /**
   * {@code POST /v1/admin/api-keys {"role": "query", "label": "...", "expires_at" | "ttl_days": ...}}
   * → 201 with the key, shown once.
   */
  void createApiKey(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    Object roleValue = body.getValue("role");
    if (!(roleValue instanceof String)) {
      throw Problem.invalid("invalid-role", "field \"role\" is required: expected query, submit, admin, audit or watch",
          String.valueOf(roleValue));
    }
    Role role;
    try {
      role = Role.parse((String) roleValue);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-role", e.getMessage(), (String) roleValue);
    }
    Object labelValue = body.getValue("label");
    if (labelValue != null && !(labelValue instanceof String && ((String) labelValue).length() <= 200)) {
      throw Problem.invalid("invalid-label", "field \"label\" must be a string of at most 200 characters",
          String.valueOf(labelValue));
    }
    String label = (String) labelValue;
    Optional<Instant> expiresAt = expiry(body, clock.instant());
    worker.executeBlocking(() -> keys.create(role, label, expiresAt), false)
        .onSuccess(k -> {
          LOG.info(() -> "created API key id=" + k.id() + " role=" + k.role().wireName()
              + expiresAt.map(t -> " expires_at=" + t).orElse(""));
          Responses.json(ctx, 201, toJson(k, label, expiresAt));
        })
        .onFailure(ctx::fail);
  }

  /** {@code GET /v1/admin/api-keys} → every key's id, role, label and times; never a secret or hash. */
  void listApiKeys(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (ApiKeyInfo k : keys.list()) {
      JsonObject o = new JsonObject().put("id", k.id()).put("role", k.role().wireName()).put("label", k.label())
          .put("created_at", k.createdAt().toString());
      k.expiresAt().ifPresent(t -> o.put("expires_at", t.toString()));
      k.lastUsedAt().ifPresent(t -> o.put("last_used_at", t.truncatedTo(ChronoUnit.SECONDS).toString()));
      out.add(o);
    }
    Responses.json(ctx, 200, new JsonObject().put("keys", out));
  }

  /** {@code DELETE /v1/admin/api-keys/:id} → 204; the key is refused from the next request on. */
  void revokeApiKey(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    worker.executeBlocking(() -> keys.revoke(id, clock.instant()), false).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause() instanceof IllegalStateException e
            ? Problem.of(409, "last-admin-key", "Last admin key", e.getMessage(), id) : ar.cause());
      } else if (!ar.result()) {
        ctx.fail(Problem.of(404, "unknown-api-key", "Unknown API key",
            "no API key has id " + id + ": list the ids with GET /v1/admin/api-keys", id));
      } else {
        LOG.info(() -> "revoked API key id=" + id);
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private static Optional<Instant> expiry(JsonObject body, Instant now) {
    Object at = body.getValue("expires_at");
    Object ttl = body.getValue("ttl_days");
    if (at != null && ttl != null) {
      throw Problem.invalid("invalid-field", "give either \"expires_at\" or \"ttl_days\", not both",
          at + ", " + ttl);
    }
    if (ttl != null) {
      if (!(ttl instanceof Integer || ttl instanceof Long) || ((Number) ttl).longValue() < 1
          || ((Number) ttl).longValue() > MAX_TTL_DAYS) {
        throw Problem.invalid("invalid-field", "field \"ttl_days\" must be a whole number of days from 1 to "
            + MAX_TTL_DAYS, String.valueOf(ttl));
      }
      return Optional.of(now.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(((Number) ttl).longValue())));
    }
    if (at == null) {
      return Optional.empty();
    }
    Instant t;
    try {
      t = OffsetDateTime.parse(String.valueOf(at)).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      throw Problem.invalid("invalid-field", "field \"expires_at\" must be an RFC 3339 time, e.g. "
          + "2027-01-31T00:00:00Z", String.valueOf(at));
    }
    if (!(at instanceof String) || !t.isAfter(now)) {
      throw Problem.invalid("invalid-field", "field \"expires_at\" must be an RFC 3339 time in the future",
          String.valueOf(at));
    }
    return Optional.of(t);
  }

  private static JsonObject toJson(NewApiKey k, String label, Optional<Instant> expiresAt) {
    JsonObject o = new JsonObject().put("id", k.id()).put("role", k.role().wireName()).put("key", k.secret());
    if (label != null) {
      o.put("label", label);
    }
    expiresAt.ifPresent(t -> o.put("expires_at", t.toString()));
    return o;
  }
}
