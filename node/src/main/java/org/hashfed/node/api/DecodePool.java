package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of its own for decoding untrusted uploads (images, videos), {@code threads} wide with at most
 * {@code queue} uploads waiting, so that slow or hostile files never take the threads that match and
 * write entries. An upload beyond the queue is refused at once with a 503 {@code busy}, which the
 * problem handler sends with Retry-After. Work whose client has gone is interrupted, which both
 * decoders check between rows, packets and reads: it stops instead of running to its deadline.
 */
final class DecodePool {

  private final WorkerExecutor pool;
  private final String kind;
  private final int threads;
  private final int queue;
  private final AtomicInteger admitted = new AtomicInteger();

  /**
   * A pool named {@code hashfed-<kind>} whose limits come from the config keys
   * {@code <kind>.decode_threads} and {@code <kind>.queue}, named in the 503's detail.
   */
  DecodePool(Vertx vertx, String kind, int threads, int queue) {
    this.pool = vertx.createSharedWorkerExecutor("hashfed-" + kind, threads);
    this.kind = kind;
    this.threads = threads;
    this.queue = queue;
  }

  /**
   * Runs blocking decoding work on the pool, interrupting it if {@code abandoned} completes while it
   * runs (the response ended: the client left); fails with a 503 problem when the pool and its queue
   * are full.
   */
  <T> Future<T> submit(Callable<T> work, Future<?> abandoned) {
    if (admitted.incrementAndGet() > threads + queue) {
      admitted.decrementAndGet();
      String title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " decoding busy";
      return Future.failedFuture(Problem.of(503, "busy", title, "every " + kind + " decoding thread is busy and "
          + queue + " uploads are waiting (" + kind + ".decode_threads, " + kind + ".queue): retry later"));
    }
    Running running = new Running();
    abandoned.onComplete(r -> running.cancel());
    return pool.<T>executeBlocking(() -> {
      running.start();
      try {
        return work.call();
      } finally {
        running.finish();
      }
    }, false).andThen(r -> admitted.decrementAndGet());
  }

  /**
   * The thread running one piece of work, to interrupt it; the interrupt never outlives the work,
   * since the pool's thread goes on to other uploads.
   */
  private static final class Running {
    private Thread thread;
    private boolean cancelled;

    synchronized void start() {
      thread = Thread.currentThread();
      if (cancelled) {
        thread.interrupt();
      }
    }

    synchronized void cancel() {
      cancelled = true;
      if (thread != null) {
        thread.interrupt();
      }
    }

    synchronized void finish() {
      thread = null;
      Thread.interrupted();
    }
  }
}
