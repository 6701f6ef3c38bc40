package org.hashfed.node.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryTime;

/**
 * Reads the node's event log (written by {@link EventRecorder} in the batches of the changes), wakes
 * long-polling readers when events commit, and prunes events older than the retention.
 *
 * <p>Reads and pruning block on RocksDB: call them on a worker. {@link #awaitAfter} does not block.
 */
public final class EventLog {

  /** Most events in one page. */
  public static final int MAX_LIMIT = 1000;
  /** Most events one read scans for a filter before it answers with what it found and the cursor it reached. */
  static final int MAX_SCAN = 10_000;
  /** Most long-polls parked at once; beyond them a wait answers at once (the reader polls again). */
  static final int MAX_WAITERS = 1000;
  static final String EPOCH_KEY = "events/epoch";

  private final Store store;
  private final Vertx vertx;
  private final Clock clock;
  private final Duration retention;
  private final long epoch;
  private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong committed;

  private record Waiter(long after, Context context, Promise<Void> promise) {}

  private EventLog(Store store, Vertx vertx, Clock clock, Duration retention, long epoch) {
    this.store = store;
    this.vertx = vertx;
    this.clock = clock;
    this.retention = retention;
    this.epoch = epoch;
    this.committed = new AtomicLong(store.lastEventSeq());
    store.onEventsCommitted(this::committed);
  }

  /**
   * Opens the event log of {@code store}, making its epoch on first use; blocking.
   *
   * @throws IllegalArgumentException when {@code retention} is not positive
   */
  public static EventLog open(Store store, Vertx vertx, Clock clock, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("event retention " + retention + " (expected: positive)");
    }
    Optional<byte[]> stored = store.meta(EPOCH_KEY);
    long epoch;
    if (stored.isPresent()) {
      epoch = ByteBuffer.wrap(stored.get()).getLong();
    } else {
      epoch = new SecureRandom().nextLong();
      store.commit(StoreWrite.create().putMeta(EPOCH_KEY, ByteBuffer.allocate(Long.BYTES).putLong(epoch).array()));
    }
    return new EventLog(store, vertx, clock, retention, epoch);
  }

  /** The cursor after every event committed so far: where a full export continues with the feed. */
  public Cursor head() {
    return Cursor.of(epoch, store.lastEventSeq());
  }

  /**
   * Up to {@code limit} events after {@code after} (or after the oldest retained one's predecessor)
   * that {@code filter} admits, scanning at most {@link #MAX_SCAN}; blocking.
   *
   * @throws CursorExpiredException when events after {@code after} were pruned, or it is another log's
   * @throws IllegalArgumentException when {@code after} is beyond the newest event, or limit out of range
   */
  public EventPage read(Optional<Cursor> after, int limit, EventFilter filter) throws CursorExpiredException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
    }
    long last = store.lastEventSeq();
    long start;
    if (after.isPresent()) {
      Cursor c = after.get();
      if (c.epoch() != epoch) {
        throw new CursorExpiredException("cursor " + c + " is from another event log (this node's store was "
            + "replaced): resync with GET /v1/signals/export and follow the cursor it returns");
      }
      if (c.seq() > last) {
        throw new IllegalArgumentException("cursor " + c + " is beyond the newest event (expected: the \"next\" or "
            + "\"cursor\" of an earlier response)");
      }
      start = c.seq();
    } else {
      long first = store.firstEventSeq();
      start = first == 0 ? last : first - 1;
    }
    List<JsonObject> out = new ArrayList<>();
    long[] reached = {start};
    int[] scanned = {0};
    long[] firstSeen = {-1};
    store.forEachEvent(start, (seq, bytes) -> {
      if (firstSeen[0] < 0) {
        firstSeen[0] = seq;
      }
      JsonObject event = new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes));
      reached[0] = seq;
      if (filter.admits(event)) {
        String cursor = Cursor.of(epoch, seq).toString();
        out.add(new JsonObject().put("id", "evt_" + cursor).put("type", event.getString("type"))
            .put("time", event.getString("time")).put("data", event.getJsonObject("data")).put("cursor", cursor));
      }
      return out.size() < limit && ++scanned[0] < MAX_SCAN;
    });
    // seqs are contiguous: a first event past start + 1 means retention pruned what the reader had not seen
    if ((firstSeen[0] > start + 1) || (firstSeen[0] < 0 && start < last)) {
      throw new CursorExpiredException("the events after cursor " + Cursor.of(epoch, start) + " are older than the "
          + "retention of " + retention.toDays() + " days and were pruned: resync with GET /v1/signals/export and "
          + "follow the cursor it returns");
    }
    return new EventPage(out, Cursor.of(epoch, reached[0]));
  }

  /**
   * Completes when an event after {@code after} commits, or after {@code wait}, on the caller's
   * Vert.x context; parks no thread.
   */
  public Future<Void> awaitAfter(Cursor after, Duration wait) {
    if (committed.get() > after.seq() || wait.isZero() || waiting.get() >= MAX_WAITERS) {
      return Future.succeededFuture();
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    Waiter w = new Waiter(after.seq(), context, promise);
    waiting.incrementAndGet();
    waiters.add(w);
    long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> release(w));
    // an event may have committed between the check and the registration
    if (committed.get() > after.seq()) {
      context.runOnContext(v -> release(w));
    }
    return promise.future().onComplete(r -> vertx.cancelTimer(timer));
  }

  private void release(Waiter w) {
    if (waiters.remove(w)) {
      waiting.decrementAndGet();
      w.promise().tryComplete();
    }
  }

  private void committed(long seq) {
    committed.accumulateAndGet(seq, Math::max);
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.after() < seq) {
        w.context().runOnContext(v -> release(w));
      }
    }
  }

  /**
   * Deletes the events older than the retention, always keeping the newest (it anchors the
   * cursors); blocking. Returns how many were deleted.
   */
  public long prune() {
    Instant cutoff = clock.instant().minus(retention);
    long last = store.lastEventSeq();
    long first = store.firstEventSeq();
    long[] keepFrom = {last};
    store.forEachEvent(first == 0 ? 0 : first - 1, (seq, bytes) -> {
      Instant time = EntryTime.parse(new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes)).getString("time"),
          "event time");
      if (!time.isBefore(cutoff)) {
        keepFrom[0] = seq;
        return false;
      }
      return true;
    });
    long from = Math.min(keepFrom[0], last);
    if (first == 0 || from <= first) {
      return 0;
    }
    store.deleteEventsBefore(from);
    return from - first;
  }
}
