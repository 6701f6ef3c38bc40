package org.hashfed.node.follow;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashfed.node.api.Problem;

/**
 * A read follower's answer to {@code /readyz} before the node's own checks: 503 {@code
 * follower-behind} with the reason while following has stopped or the follower lags its leader
 * beyond {@code follow.max_lag_ms}, so that a load balancer sends its requests to the others.
 * Every other request goes on to {@code next}.
 */
final class ReadinessGate implements Handler<RoutingContext> {

  private final Supplier<Optional<String>> notReady;
  private final Handler<RoutingContext> next;

  ReadinessGate(Supplier<Optional<String>> notReady, Handler<RoutingContext> next) {
    this.notReady = notReady;
    this.next = next;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if ("/readyz".equals(ctx.request().path())) {
      Optional<String> reason = notReady.get();
      if (reason.isPresent()) {
        ctx.fail(Problem.of(503, "follower-behind", "Follower behind", "this follower does not serve a recent copy"
            + " of its leader: " + reason.get()));
        return;
      }
    }
    next.handle(ctx);
  }
}
