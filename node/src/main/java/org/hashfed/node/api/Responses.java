package org.hashfed.node.api;

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

  /** The request body as a JSON object, or a 400 problem saying why it is not one. */
  static JsonObject jsonBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().isEmpty()) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "the request body is empty (expected: a JSON object)");
    }
    String text = ctx.body().asString();
    String trimmed = text.stripLeading();
    if (!trimmed.startsWith("{")) {
      throw Problem.of(400, "malformed-json", "Malformed JSON", "the request body must be a JSON object");
    }
    return new JsonObject(text);
  }
}
