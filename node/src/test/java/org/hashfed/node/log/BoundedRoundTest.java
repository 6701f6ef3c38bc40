package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hashfed.node.Await;
import org.hashfed.node.TestVertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out under witnessing rounds and submissions: bounded parallelism, deadlines, failures, stop. */
class BoundedRoundTest {

  private static final Duration LONG = Duration.ofMinutes(10);

  private final Vertx vertx = TestVertx.create();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private BoundedRound<String, String> round(int parallelism, Duration deadline, BoundedRound.Task<String, String> task) {
    return new BoundedRound<>(vertx, parallelism, deadline, task, (item, reason) -> item + ": " + reason);
  }

  private static List<String> await(Future<List<String>> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }

  @Test
  void run_withMoreItemsThanItsParallelism_neverRunsMoreAtOnce_andKeepsTheItemsOrder() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    BoundedRound<String, String> r = round(3, LONG, (item, abandoned) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<String> done = Promise.promise();
      vertx.setTimer(5, id -> {
        running.decrementAndGet();
        done.complete(item + " done");
      });
      return done.future();
    });

    List<String> out = await(r.run(List.of("a", "b", "c", "d", "e", "f", "g", "h")));

    assertEquals(List.of("a done", "b done", "c done", "d done", "e done", "f done", "g done", "h done"), out);
    assertTrue(most.get() <= 3 && most.get() >= 1, "at most 3 at once, saw " + most.get());
  }

  @Test
  void run_aTaskPastItsDeadline_endsWithTheUnfinishedOutcome_andIsToldItWasGivenUp() throws Exception {
    Map<String, BooleanSupplier> given = new ConcurrentHashMap<>();
    BoundedRound<String, String> r = round(2, Duration.ofMillis(200), (item, abandoned) -> {
      given.put(item, abandoned);
      // the silent peer never answers; the other answers at once
      return item.equals("silent") ? Promise.<String>promise().future() : Future.succeededFuture(item + " done");
    });

    List<String> out = await(r.run(List.of("silent", "quick")));

    assertEquals(List.of("silent: no outcome within 200 ms", "quick done"), out);
    assertTrue(given.get("silent").getAsBoolean(), "the task was told it was given up");
  }

  @Test
  void run_aFailingOrThrowingTask_endsWithTheUnfinishedOutcome_andTheOthersComplete() throws Exception {
    BoundedRound<String, String> r = round(1, LONG, (item, abandoned) -> switch (item) {
      case "fails" -> Future.failedFuture(new IllegalStateException("refused"));
      case "throws" -> throw new IllegalArgumentException("bad item");
      default -> Future.succeededFuture(item + " done");
    });

    List<String> out = await(r.run(List.of("fails", "throws", "fine")));

    assertEquals(List.of("fails: refused", "throws: bad item", "fine done"), out);
  }

  @Test
  void stop_endsTheTasksInFlight_andStartsNoMore() throws Exception {
    AtomicInteger started = new AtomicInteger();
    BoundedRound<String, String> r = round(1, LONG, (item, abandoned) -> {
      started.incrementAndGet();
      return Promise.<String>promise().future();
    });
    Future<List<String>> out = r.run(List.of("a", "b", "c"));
    Await.until(Duration.ofSeconds(30), () -> started.get() == 1, () -> "the first task did not start");

    r.stop();

    assertEquals(List.of("a: stopped"), await(out));
    assertEquals(1, started.get(), "no task starts after the stop");
  }

  @Test
  void create_withoutParallelism_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> round(0, LONG, (item, abandoned) -> Future.succeededFuture(item)));
    assertEquals("parallelism must be positive (expected: >= 1, got 0)", e.getMessage());
  }
}
