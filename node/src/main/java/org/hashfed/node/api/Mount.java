package org.hashfed.node.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.hashfed.node.auth.Role;

/**
 * What an {@link ApiExtension} may do to the node's router: add routes that get the core's
 * metrics, authentication and body limits, and reach the core's operations.
 */
public final class Mount {

  /** Adds a route with its metrics name; {@code secured} and {@code upload} add authentication and a body handler. */
  interface Routes {
    Route open(HttpMethod method, String path, Handler<RoutingContext> handler);

    Route secured(HttpMethod method, String path, Role role, Handler<RoutingContext> handler);

    Route upload(HttpMethod method, String path, Role role, Handler<RoutingContext> handler);
  }

  private final Routes routes;
  private final PlatformOperations operations;
  private final Function<RoutingContext, Problem> problems;

  Mount(Routes routes, PlatformOperations operations, Function<RoutingContext, Problem> problems) {
    this.routes = routes;
    this.operations = operations;
    this.problems = problems;
  }

  /** A route anyone may call, like {@code /readyz}. */
  public Route open(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return routes.open(method, path, handler);
  }

  /** A route that needs an API key of {@code role} or higher, with the node's body limit. */
  public Route secured(HttpMethod method, String path, Role role, Handler<RoutingContext> handler) {
    return routes.secured(method, path, role, handler);
  }

  /**
   * A route that needs an API key of {@code role} or higher and takes a file: multipart file parts
   * are streamed to disk up to {@code limits.max_file_bytes} and deleted when the response ends.
   */
  public Route upload(HttpMethod method, String path, Role role, Handler<RoutingContext> handler) {
    return routes.upload(method, path, role, handler);
  }

  /** Matching, hashing and request parsing as the platform API does them. */
  public PlatformOperations operations() {
    return operations;
  }

  /** The problem the core would send for a failed context (a thrown {@link Problem}, a bare status, a bad body). */
  public Problem problemOf(RoutingContext failed) {
    return problems.apply(failed);
  }
}
