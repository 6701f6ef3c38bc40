package org.hashfed.node.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hashfed.node.events.Cursor;
import org.hashfed.node.webhooks.WebhookLimitException;
import org.hashfed.node.webhooks.Webhooks;

/** {@code /v1/admin/webhooks...}: make, list, delete, inspect and replay webhook endpoints (role admin). */
final class WebhookRoutes {

  private final Webhooks webhooks;
  private final WorkerExecutor worker;

  WebhookRoutes(Webhooks webhooks, WorkerExecutor worker) {
    this.webhooks = webhooks;
    this.worker = worker;
  }

  /** {@code POST /v1/admin/webhooks {"url", "events": [...], "filters": {...}?}}: 201 with the secret, shown once. */
  void create(RoutingContext ctx) {
    JsonObject body = Responses.jsonBody(ctx);
    worker.executeBlocking(() -> {
      try {
        return webhooks.create(body.getValue("url"), body.getValue("events"), body.getValue("filters"));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-webhook", e.getMessage(), body.encode());
      } catch (WebhookLimitException e) {
        throw Problem.of(409, "too-many-webhooks", "Too many webhooks", e.getMessage());
      }
    }, false).onSuccess(created -> Responses.json(ctx, 201, created)).onFailure(ctx::fail);
  }

  /** {@code GET /v1/admin/webhooks}: every endpoint with its delivery state. */
  void list(RoutingContext ctx) {
    Responses.json(ctx, 200, new JsonObject().put("webhooks", webhooks.list()));
  }

  /** {@code DELETE /v1/admin/webhooks/{id}}: 204, or 404. */
  void delete(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    worker.executeBlocking(() -> webhooks.delete(id), false).onSuccess(found -> {
      if (found) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(notFound(id));
      }
    }).onFailure(ctx::fail);
  }

  /** {@code GET /v1/admin/webhooks/{id}/deliveries}: the state, the last attempts and the dead letters. */
  void deliveries(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    worker.executeBlocking(() -> webhooks.deliveries(id).orElseThrow(() -> notFound(id)), false)
        .onSuccess(d -> Responses.json(ctx, 200, d)).onFailure(ctx::fail);
  }

  /** {@code POST /v1/admin/webhooks/{id}/replay {"after": CURSOR}}: 202; delivers again every event after it. */
  void replay(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Object after = Responses.jsonBody(ctx).getValue("after");
    if (!(after instanceof String s)) {
      throw Problem.invalid("invalid-cursor", "field \"after\" is required: a cursor from GET /v1/updates or an "
          + "export", String.valueOf(after));
    }
    Cursor from = UpdatesRoutes.cursor(s).orElseThrow();
    webhooks.replay(id, from).orElseThrow(() -> notFound(id))
        .onSuccess(v -> Responses.json(ctx, 202, new JsonObject().put("id", id).put("after", s)))
        .onFailure(ctx::fail);
  }

  private static Problem notFound(String id) {
    return Problem.of(404, "webhook-not-found", "Webhook not found", "no webhook " + id + " on this node", id);
  }
}
