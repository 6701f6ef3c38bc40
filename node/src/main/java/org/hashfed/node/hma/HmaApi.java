package org.hashfed.node.hma;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.api.ApiExtension;
import org.hashfed.node.api.Mount;
import org.hashfed.node.api.PlatformOperations;
import org.hashfed.node.api.Problem;
import org.hashfed.node.auth.Role;

/**
 * Mounts HMA 2.0's platform routes. Every route but {@code /status} needs an API key of role
 * {@code query}; every refusal is HMA's {@code {"message": ...}} rather than a problem document.
 */
public final class HmaApi implements ApiExtension {

  private static final Logger LOG = Logger.getLogger(HmaApi.class.getName());

  /** The public constructor {@link java.util.ServiceLoader} needs. */
  public HmaApi() {}

  @Override
  public void mount(Mount mount) {
    PlatformOperations ops = mount.operations();
    MatchingRoutes matching = new MatchingRoutes(ops);
    HashingRoutes hashing = new HashingRoutes(ops);
    CurationRoutes curation = new CurationRoutes(ops);
    Handler<RoutingContext> errors = ctx -> fail(ctx, mount);

    mount.open(HttpMethod.GET, "/status", ctx -> status(ctx, ops.catalog().isPresent())).failureHandler(errors);
    mount.open(HttpMethod.GET, "/status/live", ctx -> Replies.text(ctx, 200, "I-AM-ALIVE")).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/m/lookup", Role.QUERY, matching::lookup).failureHandler(errors);
    mount.upload(HttpMethod.POST, "/m/lookup", Role.QUERY, hashing::lookup).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/m/raw_lookup", Role.QUERY, matching::rawLookup).failureHandler(errors);
    mount.secured(HttpMethod.POST, "/m/compare", Role.QUERY, matching::compare).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/m/index/status", Role.QUERY, matching::indexStatus).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/h/hash", Role.QUERY, hashing::hashUrl).failureHandler(errors);
    mount.upload(HttpMethod.POST, "/h/hash", Role.QUERY, hashing::hash).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/c/banks", Role.QUERY, curation::banks).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/c/bank/:bank_name", Role.QUERY, curation::bank).failureHandler(errors);
    mount.secured(HttpMethod.GET, "/c/bank/:bank_name/content/:content_id", Role.QUERY, curation::content)
        .failureHandler(errors);
  }

  /** HMA's load-balancer check: plain text, 503 until the indexes are loaded. */
  static void status(RoutingContext ctx, boolean ready) {
    if (ready) {
      Replies.text(ctx, 200, "I-AM-ALIVE");
    } else {
      ctx.response().putHeader("Retry-After", "2");
      Replies.text(ctx, 503, "INDEX-NOT-LOADED");
    }
  }

  /** HMA's error shape, {@code {"message": ...}}, for HMA's refusals and the core's problems alike. */
  private static void fail(RoutingContext ctx, Mount mount) {
    int status;
    String message;
    if (ctx.failure() instanceof HmaException e) {
      status = e.status();
      message = e.getMessage();
    } else {
      Problem p = mount.problemOf(ctx);
      status = p.status();
      message = p.getMessage();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "request failed: " + ctx.request().method() + " " + ctx.request().path(),
            ctx.failure());
      }
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hashfed\"");
    }
    if (status == 503) {
      ctx.response().putHeader("Retry-After", "2");
    }
    if (status == 429) {
      ctx.response().putHeader("Retry-After", PlatformOperations.HEAVY_RETRY_AFTER_SECONDS);
    }
    Replies.json(ctx, status, new JsonObject().put("message", message));
  }
}
