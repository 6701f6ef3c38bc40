package org.hashfed.node.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses. */
final class Responses {

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.toBuffer());
  }

  /** Writes a JSON body already encoded, e.g. off the event loop. */
  static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body);
  }

  /** The request body as a JSON object, read strictly by {@link JsonBodies#object}. */
  static JsonObject jsonBody(RoutingContext ctx) {
    return JsonBodies.object(ctx);
  }
}
