package org.hashfed.node.follow;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * The leader's side of read following, on the peer port: {@code GET /follow/v1/changes} answers
 * the changes after a follower's position, waiting up to {@code wait_ms} for the next commit when
 * there is none yet (a long poll: a change reaches a waiting follower at once). Only the
 * certificates in the node's {@code followers:} list reach it.
 *
 * <p>The answer's body: the 8-byte epoch of the change log and the 8-byte seq of its newest
 * change, then for each change its 8-byte seq, 4-byte length and encoded bytes ({@code
 * store.Change}); big-endian.
 */
public final class ChangeRoutes {

  /** The path of the change feed. */
  public static final String PATH = "/follow/v1/changes";
  /** Longest long poll; below the peer server's idle timeout. */
  public static final long MAX_WAIT_MS = 30_000;
  /** An answer stops adding changes past this many bytes (it always carries at least one). */
  static final int ANSWER_BYTES = 8 << 20;
  private static final int MAX_WAITING = 256;
  private static final Logger LOG = Logger.getLogger(ChangeRoutes.class.getName());

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Store store;
  private final Set<TlsFingerprint> followers;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();

  private record Waiter(long after, Context context, Promise<Void> promise) {}

  /** Routes serving {@code store}'s change log to the certificates {@code followers}. */
  public ChangeRoutes(Vertx vertx, WorkerExecutor worker, Store store, Set<TlsFingerprint> followers) {
    this.vertx = vertx;
    this.worker = worker;
    this.store = store;
    this.followers = Set.copyOf(followers);
    store.onChangesCommitted(this::committed);
  }

  /** Mounts the change feed on the peer router (with {@code SyncEngine.addFollowerRoutes}). */
  public void mount(Router router) {
    router.get(PATH).handler(this::changes);
  }

  private void changes(RoutingContext ctx) {
    Optional<TlsFingerprint> fp = PeerServer.clientFingerprint(ctx.request());
    if (fp.isEmpty() || !followers.contains(fp.get())) {
      error(ctx, 403, "client certificate " + fp.map(TlsFingerprint::toString).orElse("(none)")
          + " is not in this node's followers list");
      return;
    }
    long epoch;
    long after;
    long waitMs;
    try {
      epoch = number(ctx, "epoch", Long.MIN_VALUE, Long.MAX_VALUE);
      after = number(ctx, "after", 0, Long.MAX_VALUE);
      waitMs = number(ctx, "wait_ms", 0, MAX_WAIT_MS);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    long own = store.changeEpoch();
    if (own == 0) {
      error(ctx, 503, "this node keeps no change log: it has no followers list");
      return;
    }
    long last = store.lastChangeSeq();
    if (epoch != 0 && epoch != own || after > last) {
      error(ctx, 409, "position " + epoch + "/" + after + " is not in this node's change log (epoch " + own
          + ", " + last + " changes): the log was started again; copy the store again from change 1");
      return;
    }
    if (after < last || waitMs == 0) {
      answer(ctx, after);
      return;
    }
    if (waiting.incrementAndGet() > MAX_WAITING) {
      waiting.decrementAndGet();
      ctx.response().putHeader("Retry-After", "1");
      error(ctx, 429, "more than " + MAX_WAITING + " followers are waiting for changes");
      return;
    }
    Promise<Void> woken = Promise.promise();
    Waiter w = new Waiter(after, vertx.getOrCreateContext(), woken);
    waiters.add(w);
    long timer = vertx.setTimer(waitMs, id -> woken.tryComplete());
    // a commit between the check above and the registration would otherwise go unnoticed
    if (store.lastChangeSeq() > after) {
      woken.tryComplete();
    }
    woken.future().onComplete(v -> {
      vertx.cancelTimer(timer);
      waiters.remove(w);
      waiting.decrementAndGet();
      answer(ctx, after);
    });
  }

  private void committed(long seq) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.after() < seq) {
        it.remove();
        w.context().runOnContext(v -> w.promise().tryComplete());
      }
    }
  }

  private void answer(RoutingContext ctx, long after) {
    worker.executeBlocking(() -> {
      // the log's epoch and newest seq when read, then (seq, length, change) for each change
      Buffer body = Buffer.buffer().appendLong(store.changeEpoch()).appendLong(store.lastChangeSeq());
      store.forEachChange(after, (seq, change) -> {
        body.appendLong(seq).appendInt(change.length).appendBytes(change);
        return body.length() < ANSWER_BYTES;
      });
      return body;
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(Level.WARNING, "reading the change log for a follower failed", ar.cause());
        error(ctx, 500, "reading the change log failed: " + ar.cause().getMessage());
        return;
      }
      ctx.response().putHeader("Content-Type", "application/octet-stream").end(ar.result());
    });
  }

  private static long number(RoutingContext ctx, String name, long min, long max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      throw new IllegalArgumentException("missing query parameter " + name);
    }
    long v;
    try {
      v = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid " + name + " \"" + raw + "\": expected an integer");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("invalid " + name + " " + v + " (expected: " + min + " to " + max + ")");
    }
    return v;
  }

  private static void error(RoutingContext ctx, int status, String detail) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
          .end(new JsonObject().put("type", "urn:hashfed:problem:peer").put("status", status).put("detail", detail)
              .toBuffer());
    }
  }
}
