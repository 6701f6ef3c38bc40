package org.hashfed.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.hashfed.node.config.NodeConfig;

/**
 * The Vert.x of a test that starts its own (servers, clients, fake peers): the same blocked-thread
 * reporting as a node in tests ({@code hashfed.event_loop_warn_ms}), so that {@link BlockedEventLoops}
 * judges every event loop of the suite, not only the nodes'.
 */
public final class TestVertx {

  private TestVertx() {}

  /** A Vert.x instance whose event loops the guard watches. */
  public static Vertx create() {
    return Vertx.vertx(options());
  }

  /** The options of {@link #create()}, to adjust before creating. */
  public static VertxOptions options() {
    return Node.vertxOptions(NodeConfig.defaults());
  }
}
