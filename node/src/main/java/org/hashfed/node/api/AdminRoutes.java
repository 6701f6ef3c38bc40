package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Logger;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.NewApiKey;
import org.hashfed.node.auth.Role;

/** Admin endpoints: API key creation. */
final class AdminRoutes {

  private static final Logger LOG = Logger.getLogger(AdminRoutes.class.getName());

  private final ApiKeys keys;
  private final WorkerExecutor worker;

  AdminRoutes(ApiKeys keys, WorkerExecutor worker) {
    this.keys = keys;
    this.worker = worker;
  }

  /** {@code POST /v1/admin/api-keys {"role": "query", "label": "..."}} → 201 with the key, shown once. */
  void createApiKey(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    Object roleValue = body.getValue("role");
    if (!(roleValue instanceof String)) {
      throw Problem.invalid("invalid-role", "field \"role\" is required: expected query, submit, admin or audit",
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
    worker.executeBlocking(() -> keys.create(role, label), false)
        .onSuccess(k -> {
          LOG.info(() -> "created API key id=" + k.id() + " role=" + k.role().wireName());
          Responses.json(ctx, 201, toJson(k, label));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject toJson(NewApiKey k, String label) {
    JsonObject o = new JsonObject().put("id", k.id()).put("role", k.role().wireName()).put("key", k.secret());
    if (label != null) {
      o.put("label", label);
    }
    return o;
  }
}
