package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The suite's event-loop guard fails a loop that waits on a lock or reads a socket, lets a loop that
 * only runs (a loaded machine's descheduling) pass, and watches the Vert.x of nodes and of tests.
 */
class BlockedEventLoopsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = TestVertx.create();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void aLoopWaitingOnALockHeldByAWaitingThread_failsTheTest() {
    Object lock = new Object();
    synchronized (lock) {
      vertx.runOnContext(v -> {
        synchronized (lock) {
          lock.notifyAll();
        }
      });
      // held, while this thread sleeps in its polling, until the guard has seen the loop wait
      Await.until(WAIT, BlockedEventLoops::anyReported, () -> "the guard saw no violation");
    }
    List<String> seen = BlockedEventLoops.drain();
    assertTrue(seen.get(0).contains("BLOCKED on java.lang.Object") && seen.get(0).contains("held by"), seen.toString());
  }

  @Test
  void aLoopReadingASocket_failsTheTest() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      vertx.runOnContext(v -> {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
          s.setSoTimeout((int) WAIT.toMillis());
          s.getInputStream().read();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      try (Socket accepted = server.accept()) {
        // the peer says nothing until the guard has seen the loop read
        Await.until(WAIT, BlockedEventLoops::anyReported, () -> "the guard saw no violation");
      }
    }
    List<String> seen = BlockedEventLoops.drain();
    assertTrue(seen.get(0).contains("in a blocking call"), seen.toString());
  }

  @Test
  void aLoopThatOnlyRuns_isStarvationWithinTheBound_andPasses() {
    int before = BlockedEventLoops.tolerated();
    vertx.runOnContext(v -> {
      // CPU work past the 500 ms report, as a descheduled handler on a loaded machine looks
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (BlockedEventLoops.tolerated() < before + 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    });
    Await.until(WAIT, () -> BlockedEventLoops.tolerated() >= before + 2, () -> "no report of the running loop");
    assertEquals(List.of(), BlockedEventLoops.drain());
  }

  @Test
  void nodesAndTestVertx_reportATaskOf500MsWithItsStack() {
    for (VertxOptions o : List.of(Node.vertxOptions(NodeConfig.defaults()), TestVertx.options())) {
      assertEquals(500, o.getMaxEventLoopExecuteTimeUnit().toMillis(o.getMaxEventLoopExecuteTime()),
          "hashfed.event_loop_warn_ms from the surefire configuration");
      assertEquals(500, o.getWarningExceptionTimeUnit().toMillis(o.getWarningExceptionTime()));
    }
  }

  private static StackTraceElement frame(String className, String method) {
    return new StackTraceElement(className, method, null, -1);
  }

  @Test
  void aLoopLoadingAClass_isStarvation_whileALoopInASocketOrRocksDbCallIsNot() {
    StackTraceElement handler = frame("org.hashfed.node.api.SomeRoutes", "handle");
    StackTraceElement[] loading = {frame("jdk.internal.loader.BuiltinClassLoader", "loadClassOrNull"),
        frame("java.lang.ClassLoader", "loadClass"), handler};
    StackTraceElement[] reading = {frame("sun.nio.ch.Net", "poll"), frame("sun.nio.ch.NioSocketImpl", "park"),
        frame("java.net.Socket$SocketInputStream", "read"), handler};
    StackTraceElement[] rocks = {frame("org.rocksdb.RocksDB", "get"), handler};
    assertTrue(BlockedEventLoops.loadingClasses(loading));
    assertEquals(null, BlockedEventLoops.blockingCall(loading));
    assertFalse(BlockedEventLoops.loadingClasses(reading));
    assertEquals("sun.nio.ch.NioSocketImpl", BlockedEventLoops.blockingCall(reading).getClassName());
    assertEquals("org.rocksdb.RocksDB", BlockedEventLoops.blockingCall(rocks).getClassName());
    // what a handler's own code calls below the top is not the call it is in
    assertEquals(null, BlockedEventLoops.blockingCall(new StackTraceElement[] {handler, rocks[0]}));
  }
}
