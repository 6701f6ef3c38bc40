package org.hashfed.node.follow;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * certificates in the node's {@code followers:} list reach it. {@code GET /follow/v1/copy} serves a
 * follower's first copy: what the store holds as of one change, page by page.
 *
 * <p>It also prunes the change log: the changes every listed follower has acknowledged (the
 * {@code after} of its polls) and those older than the retention go; a follower behind the oldest
 * change kept gets 409 and copies the store again.
 *
 * <p>The answer's body: the 8-byte epoch of the change log and the 8-byte seq of its newest
 * change, then for each change its 8-byte seq, 4-byte length and encoded bytes ({@code
 * store.Change}); big-endian.
 */
public final class ChangeRoutes {

  /** The path of the change feed. */
  public static final String PATH = "/follow/v1/changes";
  /** The path of a follower's first copy. */
  public static final String COPY_PATH = "/follow/v1/copy";
  /** Longest long poll; below the peer server's idle timeout. */
  public static final long MAX_WAIT_MS = 30_000;
  /** An answer stops adding changes past this many bytes (it always carries at least one). */
  static final int ANSWER_BYTES = 8 << 20;
  private static final int MAX_WAITING = 256;
  /** Copies open at once: each holds a view of the store that RocksDB cannot compact away. */
  static final int MAX_COPIES = 8;
  /** A copy no page was asked of for this long is closed. */
  static final Duration COPY_IDLE = Duration.ofSeconds(60);
  /** How often the log is pruned and idle copies are closed. */
  static final Duration PRUNE_PERIOD = Duration.ofSeconds(5);
  private static final int MAX_KEY_HEX = 2 * 65_536;
  private static final Logger LOG = Logger.getLogger(ChangeRoutes.class.getName());

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Store store;
  private final Set<TlsFingerprint> followers;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final ChangeRetention retention;
  // what each follower said it holds (the after of its last poll of this log); one never heard
  // from since this node started holds nothing as far as pruning goes
  private final Map<TlsFingerprint, Long> acknowledged = new ConcurrentHashMap<>();
  private final Map<Long, Copy> copies = new ConcurrentHashMap<>();

  private record Waiter(long after, Context context, Promise<Void> promise) {}

  private static final class Copy {
    final long seq;
    volatile long usedAtMillis;

    Copy(long seq, long usedAtMillis) {
      this.seq = seq;
      this.usedAtMillis = usedAtMillis;
    }
  }

  /**
   * Routes serving {@code store}'s change log to the certificates {@code followers}, pruning it
   * of what they all hold and of what is older than {@code retention}.
   */
  public ChangeRoutes(Vertx vertx, WorkerExecutor worker, Store store, Set<TlsFingerprint> followers,
      Duration retention, Clock clock) {
    this.vertx = vertx;
    this.worker = worker;
    this.store = store;
    this.followers = Set.copyOf(followers);
    this.retention = new ChangeRetention(retention, clock, store.lastChangeSeq());
    store.onChangesCommitted(this::committed);
    vertx.setPeriodic(PRUNE_PERIOD.toMillis(), id -> worker.executeBlocking(this::prune, false)
        .onFailure(e -> LOG.log(Level.WARNING, "pruning the change log failed", e)));
  }

  /** Mounts the change feed and the copy on the peer router (with {@code SyncEngine.addFollowerRoutes}). */
  public void mount(Router router) {
    router.get(PATH).handler(this::changes);
    router.get(COPY_PATH).handler(this::copy);
  }

  private Optional<TlsFingerprint> follower(RoutingContext ctx) {
    Optional<TlsFingerprint> fp = PeerServer.clientFingerprint(ctx.request());
    if (fp.isEmpty() || !followers.contains(fp.get())) {
      error(ctx, 403, "client certificate " + fp.map(TlsFingerprint::toString).orElse("(none)")
          + " is not in this node's followers list");
      return Optional.empty();
    }
    return fp;
  }

  private void changes(RoutingContext ctx) {
    Optional<TlsFingerprint> fp = follower(ctx);
    if (fp.isEmpty()) {
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
    if (epoch != own || after > last) {
      error(ctx, 409, "position " + epoch + "/" + after + " is not in this node's change log (epoch " + own
          + ", " + last + " changes): the log was started again; copy the store again (" + COPY_PATH + ")");
      return;
    }
    long first = store.firstChangeSeq();
    if (after < last && after + 1 < first) {
      error(ctx, 409, "changes " + (after + 1) + " to " + (first - 1) + " were pruned from this node's change log"
          + " (it keeps changes " + first + " to " + last + "): copy the store again (" + COPY_PATH + ")");
      return;
    }
    acknowledged.put(fp.get(), after);
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

  // GET /follow/v1/copy?copy=C&family=F&after_key=HEX: copy 0 opens a copy (family 0, no key).
  // The answer: the log's epoch, the change the copy reflects, the copy's id, the next page's
  // family (-1 after the last page) and key (4-byte length, -1 for none), then the 4-byte length
  // and bytes of the page, an encoded change of puts.
  private void copy(RoutingContext ctx) {
    if (follower(ctx).isEmpty()) {
      return;
    }
    long id;
    int family;
    byte[] afterKey;
    try {
      id = number(ctx, "copy", 0, Long.MAX_VALUE);
      family = (int) number(ctx, "family", 0, Store.copyFamilies() - 1);
      afterKey = key(ctx);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    if (store.changeEpoch() == 0) {
      error(ctx, 503, "this node keeps no change log: it has no followers list");
      return;
    }
    if (id == 0 && copies.size() >= MAX_COPIES) {
      ctx.response().putHeader("Retry-After", "10");
      error(ctx, 429, MAX_COPIES + " copies are open: try again once one of them ends");
      return;
    }
    if (id != 0 && !copies.containsKey(id)) {
      error(ctx, 409, "copy " + id + " is not open (it ended, or was idle for " + COPY_IDLE.toSeconds()
          + " s, or the node restarted): start the copy again");
      return;
    }
    worker.executeBlocking(() -> {
      long copyId = id;
      long seq;
      long epoch;
      if (copyId == 0) {
        Store.CopyStart start = store.openCopy();
        copyId = start.id();
        seq = start.seq();
        epoch = start.epoch();
        copies.put(copyId, new Copy(seq, retention.now()));
      } else {
        Copy c = copies.get(copyId);
        if (c == null) {
          throw new IllegalArgumentException("copy " + copyId + " ended while its page was asked");
        }
        c.usedAtMillis = retention.now();
        seq = c.seq;
        epoch = store.changeEpoch();
      }
      Store.CopyPage page;
      try {
        page = store.copyPage(copyId, copyId == id ? family : 0, copyId == id ? afterKey : null, ANSWER_BYTES);
      } catch (RuntimeException e) {
        endCopy(copyId);
        throw e;
      }
      if (page.nextFamily() < 0) {
        endCopy(copyId);
      }
      Buffer body = Buffer.buffer(page.change().length + 64).appendLong(epoch).appendLong(seq).appendLong(copyId)
          .appendInt(page.nextFamily());
      if (page.nextAfterKey() == null) {
        body.appendInt(-1);
      } else {
        body.appendInt(page.nextAfterKey().length).appendBytes(page.nextAfterKey());
      }
      return body.appendInt(page.change().length).appendBytes(page.change());
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof IllegalArgumentException e) {
          error(ctx, 409, e.getMessage() + ": start the copy again");
          return;
        }
        LOG.log(Level.WARNING, "reading a copy of the store for a follower failed", ar.cause());
        error(ctx, 500, "reading the copy failed: " + ar.cause().getMessage());
        return;
      }
      ctx.response().putHeader("Content-Type", "application/octet-stream").end(ar.result());
    });
  }

  private void endCopy(long id) {
    if (copies.remove(id) != null) {
      store.closeCopy(id);
    }
  }

  private static byte[] key(RoutingContext ctx) {
    String raw = ctx.request().getParam("after_key");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (raw.length() > MAX_KEY_HEX) {
      throw new IllegalArgumentException("invalid after_key of " + raw.length() + " characters (expected: at most "
          + MAX_KEY_HEX + " hex digits)");
    }
    try {
      return HexFormat.of().parseHex(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid after_key \"" + raw.substring(0, Math.min(80, raw.length()))
          + "\": expected an even number of hex digits");
    }
  }

  // Blocking: closes idle copies, then deletes the changes every follower holds and those past the retention.
  private Void prune() {
    long now = retention.now();
    copies.forEach((id, c) -> {
      if (now - c.usedAtMillis > COPY_IDLE.toMillis()) {
        LOG.info(() -> "closing copy " + id + " of the store, idle for " + COPY_IDLE.toSeconds() + " s");
        endCopy(id);
      }
    });
    long heldByAll = Long.MAX_VALUE;
    for (TlsFingerprint f : followers) {
      heldByAll = Math.min(heldByAll, acknowledged.getOrDefault(f, 0L));
    }
    long through = Math.max(heldByAll, retention.expiredThrough());
    for (Copy c : copies.values()) {
      // a follower copying will ask for the changes after its copy next
      through = Math.min(through, c.seq);
    }
    long deleted = store.deleteChangesThrough(through);
    if (deleted > 0) {
      LOG.fine(() -> "pruned " + deleted + " changes from the change log, which keeps changes "
          + store.firstChangeSeq() + " to " + store.lastChangeSeq());
    }
    return null;
  }

  private void committed(long seq) {
    retention.committed(seq);
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
