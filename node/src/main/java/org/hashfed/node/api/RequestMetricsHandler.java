package org.hashfed.node.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.metrics.Histogram;
import org.hashfed.node.metrics.Metrics;

/** Counts every request and times it, labelled by route template (never by raw path, to bound cardinality). */
final class RequestMetricsHandler implements Handler<RoutingContext> {

  static final String ROUTE_KEY = "hashfed.route";

  private final Counter requests;
  private final Histogram latency;

  RequestMetricsHandler(Metrics metrics) {
    this.requests = metrics.counter("hashfed_http_requests_total", "HTTP requests by route and status.",
        "route", "status");
    this.latency = metrics.histogram("hashfed_http_request_duration_seconds", "HTTP request latency by route.",
        Metrics.LATENCY_BUCKETS, "route");
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      String route = ctx.get(ROUTE_KEY, "unmatched");
      requests.inc(route, Integer.toString(ctx.response().getStatusCode()));
      latency.observe((System.nanoTime() - start) / 1e9, route);
    });
    ctx.next();
  }
}
