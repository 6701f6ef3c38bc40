package org.hashfed.node.watch;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;

/**
 * Retro-hunt checks still to run, in the store's watch family: a change that makes a signal worth
 * matching against the watch list adds its check to the batch that commits the change, and a
 * worker runs it after the commit and deletes it in the batch of the events it found, so a check
 * survives a crash between the two and runs to completion exactly once.
 */
public final class PendingChecks {

  /** A check and its place in the queue. */
  public record Pending(long seq, JsonObject check) {
    /** A copy of the check, so that the queue's stays as stored. */
    @Override
    public JsonObject check() {
      return check.copy();
    }
  }

  private final Store store;
  private final AtomicLong lastSeq;

  private PendingChecks(Store store, long lastSeq) {
    this.store = store;
    this.lastSeq = new AtomicLong(lastSeq);
  }

  /** The pending checks of {@code store}; blocking. */
  public static PendingChecks open(Store store) {
    long[] last = {0};
    store.forEachWatched(WatchKeys.PENDING, (key, value) -> {
      last[0] = WatchKeys.pendingSeq(key);
      return true;
    });
    return new PendingChecks(store, last[0]);
  }

  /** Adds {@code check} to {@code write}, after every check added before it. */
  public void add(StoreWrite write, JsonObject check) {
    write.putWatched(WatchKeys.pending(lastSeq.incrementAndGet()), check.toBuffer().getBytes());
  }

  /** Up to {@code limit} pending checks, oldest first; blocking. */
  public List<Pending> oldest(int limit) {
    List<Pending> out = new ArrayList<>();
    store.forEachWatched(WatchKeys.PENDING, (key, value) -> {
      out.add(new Pending(WatchKeys.pendingSeq(key), new JsonObject(Buffer.buffer(value))));
      return out.size() < limit;
    });
    return out;
  }

  /** Deletes the check {@code seq} in {@code write}, the batch of what it found. */
  public void done(StoreWrite write, long seq) {
    write.deleteWatched(WatchKeys.pending(seq));
  }
}
