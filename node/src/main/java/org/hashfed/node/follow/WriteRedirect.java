package org.hashfed.node.follow;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * A read follower's front handler: it serves the reads of the platform API from its copy (match,
 * entries, the updates feed and export, status) and answers everything else, writes and admin
 * routes included, with 307 and the same path and query on the leader's platform API, so that a
 * client (or a load balancer that sends a write to a follower) repeats the request there.
 */
final class WriteRedirect implements Handler<RoutingContext> {

  private static final Pattern READ_GET = Pattern.compile(
      "/healthz|/readyz|/metrics|/openapi\\.yaml|/v1/match|/v1/entries/[^/]+|/v1/updates|/v1/signals/export"
          + "|/v1/status|/v1/members");
  private static final Pattern READ_POST = Pattern.compile("/v1/match|/v1/match/file");

  private final URI leader;

  WriteRedirect(URI leader) {
    this.leader = leader;
  }

  /** Whether a follower answers {@code method path} from its own copy. */
  static boolean servedLocally(HttpMethod method, String path) {
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      return READ_GET.matcher(path).matches();
    }
    return method == HttpMethod.POST && READ_POST.matcher(path).matches();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path != null && servedLocally(ctx.request().method(), path)) {
      ctx.next();
      return;
    }
    String query = ctx.request().query();
    ctx.response().setStatusCode(307)
        .putHeader("Location", leader + (path == null ? "/" : path) + (query == null ? "" : "?" + query))
        .putHeader("Content-Length", "0")
        .end();
  }
}
