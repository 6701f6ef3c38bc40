package org.hashfed.node.api;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import org.hashfed.node.store.StoreFullException;
import java.util.logging.Logger;

/** The router's failure handler: turns every failure into an {@code application/problem+json} response. */
final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = Logger.getLogger(ProblemHandler.class.getName());

  private final long bodyLimit;

  ProblemHandler(long bodyLimit) {
    this.bodyLimit = bodyLimit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem p = toProblem(ctx);
    if (ctx.response().closed()) {
      // The client left, an upload cut short say, and its request's files went with it: nobody
      // to answer, and no failure of the node.
      LOG.fine(() -> "request " + ctx.request().method() + " " + ctx.request().path() + " ended by its client: "
          + ctx.failure());
      return;
    }
    // a full disk is logged once by the store, not with every refused write
    if (p.status() >= 500 && !(ctx.failure() instanceof StoreFullException)) {
      LOG.log(Level.SEVERE, "request failed: " + ctx.request().method() + " " + ctx.request().path(), ctx.failure());
    }
    send(ctx, p);
  }

  static void send(RoutingContext ctx, Problem p) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (p.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hashfed\"");
    }
    if (p.status() == 503) {
      // Every 503 here is a state that passes on its own (a rebuild, a peer to reach): say when to retry.
      // A full watch list passes only when items expire, which the node checks every 10 minutes.
      ctx.response().putHeader("Retry-After", "watch-full".equals(p.slug()) ? "600" : "2");
    }
    if (p.status() == 507) {
      ctx.response().putHeader("Retry-After", "10");
    }
    if (p.status() == 429) {
      ctx.response().putHeader("Retry-After", HeavyRequests.RETRY_AFTER_SECONDS);
    }
    ctx.response()
        .setStatusCode(p.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(p.toJson(ctx.request().path()).encode());
  }

  Problem toProblem(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof Problem p) {
      return p;
    }
    if (f instanceof StoreFullException) {
      return Problem.of(507, "store-full", "Insufficient storage", "the node's disk is full, so nothing was"
          + " written: retry later; writes resume by themselves once its operator frees space");
    }
    if (f instanceof DecodeException) {
      return Problem.of(400, "malformed-json", "Malformed JSON",
          "the request body is not valid JSON: " + firstLine(f.getMessage()));
    }
    int status = ctx.statusCode();
    if (status / 100 != 4 && fromHttpCodec(f)) {
      // The HTTP codec reports a body it cannot frame (a malformed or overflowing chunk size, a
      // trailer line without a colon) through the request's exception handler, at whichever
      // handler the request has reached: the client's framing, not the node's failure.
      return Problem.of(400, "bad-request", "Bad request", "the request body could not be read: "
          + firstLine(f.getMessage()) + " (expected a body framed by Content-Length or a valid chunked encoding)");
    }
    switch (status) {
      case 400:
        return Problem.of(400, "bad-request", "Bad request", "the request could not be read");
      case 404:
        return Problem.of(404, "not-found", "Not found", "no such endpoint: " + ctx.request().path());
      case 405:
        return Problem.of(405, "method-not-allowed", "Method not allowed",
            ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413:
        return Problem.of(413, "body-too-large", "Request body too large",
            "the request body exceeds the node's limit of " + routeLimit(ctx) + " bytes");
      case 415:
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
            "content type " + ctx.request().getHeader("Content-Type") + " is not accepted here");
      default:
        if (status >= 400 && status < 500) {
          return Problem.of(status, "client-error", "Client error", "the request was refused");
        }
        return Problem.of(500, "internal-error", "Internal error",
            "the node failed to handle the request; details are in its log");
    }
  }

  /** Whether {@code f} is the HTTP codec refusing what the client sent: it throws these from its own frames. */
  private static boolean fromHttpCodec(Throwable f) {
    if (!(f instanceof IllegalArgumentException)) {
      return false;
    }
    for (StackTraceElement frame : f.getStackTrace()) {
      if (frame.getClassName().startsWith("io.netty.handler.codec.http.")) {
        return true;
      }
    }
    return false;
  }

  private long routeLimit(RoutingContext ctx) {
    Long limit = ctx.get(FileMatchRoutes.BODY_LIMIT_KEY);
    return limit != null ? limit : bodyLimit;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
