package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work whose client has gone is interrupted, and the interrupt never reaches the next upload on that thread. */
class DecodePoolTest {

  private final Vertx vertx = TestVertx.create();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Work that runs until interrupted (or 30 s), like a decoder checking between rows. */
  private static String untilInterrupted(CountDownLatch started) {
    started.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Thread.currentThread().isInterrupted()) {
      if (System.nanoTime() > deadline) {
        return "ran to the end";
      }
      Thread.onSpinWait();
    }
    return "stopped";
  }

  @Test
  void abandonedWork_isInterrupted_andTheNextWorkOnTheThreadIsNot() throws Exception {
    DecodePool pool = new DecodePool(vertx, "image", 1, 4);
    CountDownLatch started = new CountDownLatch(1);
    Promise<Void> gone = Promise.promise();
    Future<String> running = pool.submit(() -> untilInterrupted(started), gone.future());
    assertTrue(started.await(30, TimeUnit.SECONDS));
    gone.complete();
    assertEquals("stopped", get(running));
    Future<Boolean> next = pool.submit(() -> Thread.currentThread().isInterrupted(), Promise.<Void>promise().future());
    assertEquals(false, get(next), "the interrupt was cleared when the abandoned work ended");
  }

  @Test
  void workAbandonedWhileQueued_startsInterrupted() throws Exception {
    DecodePool pool = new DecodePool(vertx, "video", 1, 4);
    CountDownLatch started = new CountDownLatch(1);
    Promise<Void> first = Promise.promise();
    Future<String> blocking = pool.submit(() -> untilInterrupted(started), first.future());
    assertTrue(started.await(30, TimeUnit.SECONDS));
    Future<Boolean> queued = pool.submit(() -> Thread.currentThread().isInterrupted(),
        Future.succeededFuture());
    first.complete();
    assertEquals("stopped", get(blocking));
    assertEquals(true, get(queued));
  }
}
