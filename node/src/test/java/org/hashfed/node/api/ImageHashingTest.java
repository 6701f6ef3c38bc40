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
import org.hashfed.node.config.ImageOptions;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The image pool's bound: threads plus queue, then 503 busy naming the keys, and room again once work ends. */
class ImageHashingTest {

  private static final Future<Void> NEVER = Promise.<Void>promise().future();

  private final Vertx vertx = TestVertx.create();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void hash_beyondThreadsAndQueue_isBusy_andAdmitsAgainWhenOneFinishes() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PdqResult done = PdqResult.of(PdqHash.ofWords(1, 2, 3, 4), 100);
    ImageHashing pool = new ImageHashing(vertx, ImageOptions.defaults().withDecodeThreads(1).withQueue(1),
        (file, limits) -> {
          started.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return done;
        });
    Future<ImageHashing.Outcome> a = pool.hash(Path.of("a"), NEVER);
    assertTrue(started.await(30, TimeUnit.SECONDS), "the thread took its upload");
    Future<ImageHashing.Outcome> queued = pool.hash(Path.of("b"), NEVER);
    Future<ImageHashing.Outcome> refused = pool.hash(Path.of("c"), NEVER);
    assertTrue(refused.failed(), "the third upload finds the thread busy and the queue of one full");
    Problem p = (Problem) refused.cause();
    assertEquals(503, p.status());
    assertEquals("busy", p.slug());
    assertTrue(p.getMessage().contains("image.decode_threads, image.queue"), p.getMessage());
    release.countDown();
    for (Future<ImageHashing.Outcome> f : List.of(a, queued)) {
      assertEquals(done, f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).pdq());
    }
    Future<ImageHashing.Outcome> again = pool.hash(Path.of("d"), NEVER);
    assertEquals(done, again.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).pdq());
  }

  @Test
  void hash_givesTheDecodersRefusal_asTheOutcome() throws Exception {
    ImageDecodeException limit = new ImageDecodeException(ImageDecodeException.Reason.LIMIT, "too big");
    ImageHashing pool = new ImageHashing(vertx, ImageOptions.defaults(), (file, limits) -> {
      throw limit;
    });
    ImageHashing.Outcome o = pool.hash(Path.of("a"), NEVER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(limit, o.problem());
    assertEquals(null, o.pdq());
  }
}
