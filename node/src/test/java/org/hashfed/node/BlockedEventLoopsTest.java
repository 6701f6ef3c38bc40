package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.Test;

/** The blocked-event-loop guard of the test suite sees a real block, and nodes in tests get the low threshold. */
class BlockedEventLoopsTest {

  @Test
  void anEventLoopBlockedPastTheThreshold_isReported() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(100)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS).setBlockedThreadCheckInterval(20)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    try {
      // the event loop is held until the checker has reported it, however loaded the machine
      vertx.runOnContext(v -> Await.until(Duration.ofSeconds(30), BlockedEventLoops::anyReported,
          () -> "no blocked-thread report"));
      Await.until(Duration.ofSeconds(30), BlockedEventLoops::anyReported, () -> "no blocked-thread report");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    List<String> reported = BlockedEventLoops.drain();
    assertFalse(reported.isEmpty());
    assertTrue(reported.get(0).contains("eventloop"), reported.toString());
  }

  @Test
  void nodesInTests_reportABlockOf500Ms() {
    VertxOptions o = Node.vertxOptions(NodeConfig.defaults());
    assertTrue(o.getMaxEventLoopExecuteTimeUnit().toMillis(o.getMaxEventLoopExecuteTime()) == 500,
        "hashfed.event_loop_warn_ms from the surefire configuration");
  }
}
