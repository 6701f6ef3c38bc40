package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.config.VideoOptions;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The video pool's bound: threads plus queue, then 503 busy, and room again once work ends. */
class VideoHashingTest {

  private static final Future<Void> NEVER = Promise.<Void>promise().future();

  private final Vertx vertx = TestVertx.create();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void hash_beyondThreadsAndQueue_isBusy_andAdmitsAgainWhenOneFinishes() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    VideoHashes done = VideoHashes.of(List.of(VpdqFrame.of(0, 0, PdqHash.ofWords(1, 2, 3, 4), 90)));
    VideoHashing pool = new VideoHashing(vertx, VideoOptions.defaults().withDecodeThreads(2).withQueue(1), 1 << 20,
        (file, seconds, limits) -> {
          started.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return done;
        });
    Future<VideoHashing.Outcome> a = pool.hash(Path.of("a"), NEVER);
    Future<VideoHashing.Outcome> b = pool.hash(Path.of("b"), NEVER);
    assertTrue(started.await(30, TimeUnit.SECONDS), "both threads took their upload");
    Future<VideoHashing.Outcome> queued = pool.hash(Path.of("c"), NEVER);
    Future<VideoHashing.Outcome> refused = pool.hash(Path.of("d"), NEVER);
    assertTrue(refused.failed(), "the fourth upload finds two threads busy and the queue of one full");
    Problem p = (Problem) refused.cause();
    assertEquals(503, p.status());
    assertEquals("busy", p.slug());
    release.countDown();
    for (Future<VideoHashing.Outcome> f : List.of(a, b, queued)) {
      assertEquals(done, f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).hashes());
    }
    Future<VideoHashing.Outcome> again = pool.hash(Path.of("e"), NEVER);
    assertEquals(done, again.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).hashes());
  }
}
