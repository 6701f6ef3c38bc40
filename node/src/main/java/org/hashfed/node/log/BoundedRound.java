package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * One task per item (a peer to witness, a witness to submit to), at most {@code parallelism} at
 * once, each ending by its deadline whatever the network does; {@link #stop} ends the tasks in
 * flight and starts no more. A task is told through its {@link BooleanSupplier} once it has been
 * given up, so that it starts no further request; its outcome is then the one of
 * {@code unfinished}.
 */
final class BoundedRound<T, R> {

  /** A task of the round: the item and whether the round gave it up. */
  interface Task<T, R> {
    Future<R> run(T item, BooleanSupplier abandoned);
  }

  private final Vertx vertx;
  private final int parallelism;
  private final Duration deadline;
  private final Task<T, R> task;
  private final BiFunction<T, String, R> unfinished;
  private final Set<Runnable> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /**
   * A round of {@code task}, whose outcome for an item it did not finish (deadline, failure,
   * stop) is {@code unfinished} applied to the item and the reason.
   */
  BoundedRound(Vertx vertx, int parallelism, Duration deadline, Task<T, R> task, BiFunction<T, String, R> unfinished) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be positive (expected: >= 1, got " + parallelism + ")");
    }
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.parallelism = parallelism;
    this.deadline = Objects.requireNonNull(deadline, "deadline");
    this.task = Objects.requireNonNull(task, "task");
    this.unfinished = Objects.requireNonNull(unfinished, "unfinished");
  }

  /**
   * Runs the task for each of {@code items}; completes, never fails, with the outcomes in the
   * order of the items, without those never started because the round was stopped.
   */
  Future<List<R>> run(List<T> items) {
    AtomicReferenceArray<R> outcomes = new AtomicReferenceArray<>(items.size());
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < Math.min(parallelism, items.size()); i++) {
      Promise<Void> lane = Promise.promise();
      runNext(items, next, outcomes, lane);
      lanes.add(lane.future());
    }
    return Future.join(lanes).map(v -> {
      List<R> out = new ArrayList<>();
      for (int i = 0; i < outcomes.length(); i++) {
        if (outcomes.get(i) != null) {
          out.add(outcomes.get(i));
        }
      }
      return out;
    });
  }

  /** Ends every task in flight with "stopped" and starts no more; for shutdown. */
  void stop() {
    stopped = true;
    inFlight.forEach(Runnable::run);
  }

  private void runNext(List<T> items, AtomicInteger next, AtomicReferenceArray<R> outcomes, Promise<Void> lane) {
    int i = stopped ? items.size() : next.getAndIncrement();
    if (i >= items.size()) {
      lane.complete();
      return;
    }
    T item = items.get(i);
    Promise<R> done = Promise.promise();
    long timer = vertx.setTimer(deadline.toMillis(),
        id -> done.tryComplete(unfinished.apply(item, "no outcome within " + deadline.toMillis() + " ms")));
    Runnable cancel = () -> done.tryComplete(unfinished.apply(item, "stopped"));
    inFlight.add(cancel);
    if (stopped) {
      cancel.run();
    }
    Future<R> started;
    try {
      started = task.run(item, () -> done.future().isComplete());
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(ar -> done.tryComplete(ar.succeeded() ? ar.result()
        : unfinished.apply(item, String.valueOf(ar.cause().getMessage()))));
    done.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      inFlight.remove(cancel);
      outcomes.set(i, ar.result());
      runNext(items, next, outcomes, lane);
    });
  }
}
