package org.hashfed.node;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;

/** Runs one long blocking start-up task on a thread of its own and completes a future with its result. */
final class Replayer {

  private Replayer() {}

  /** Starts {@code task} on a new daemon thread named {@code name}. */
  static <T> Future<T> run(String name, Callable<T> task) {
    Promise<T> promise = Promise.promise();
    Thread t = new Thread(() -> {
      try {
        promise.complete(task.call());
      } catch (Throwable e) {
        promise.fail(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return promise.future();
  }
}
