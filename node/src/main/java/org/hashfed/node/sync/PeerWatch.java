package org.hashfed.node.sync;

import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.events.AdminEvents;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;

/**
 * Turns peers' reachability into admin events: a peer becomes unreachable after
 * {@value #UNREACHABLE_AFTER} failed exchanges in a row and recovers at its next good one. Which
 * peers are unreachable is stored ({@code meta} {@value #PREFIX}{@code <member>}) in the batch
 * of the event, so a restart neither repeats nor loses a transition. Ticks run on the sync
 * context; the writes on a worker, one at a time.
 */
final class PeerWatch {

  static final int UNREACHABLE_AFTER = 3;
  static final String PREFIX = "events/peer_unreachable/";
  private static final Logger LOG = Logger.getLogger(PeerWatch.class.getName());

  private final Store store;
  private final WorkerExecutor worker;
  private final Supplier<List<SyncEngine.PeerView>> peers;
  private final Clock clock;
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private boolean writing;

  PeerWatch(Store store, WorkerExecutor worker, Supplier<List<SyncEngine.PeerView>> peers, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.worker = worker;
    this.peers = peers;
    store.metaWithPrefix(PREFIX).keySet().forEach(k -> unreachable.add(k.substring(PREFIX.length())));
  }

  /** Writes the transitions since the last tick; returns at once when the previous write is still running. */
  void tick() {
    if (writing) {
      return;
    }
    List<SyncEngine.PeerView> down = new ArrayList<>();
    List<String> up = new ArrayList<>();
    for (SyncEngine.PeerView p : peers.get()) {
      boolean watched = p.active() && !p.blocked();
      if (watched && p.failures() >= UNREACHABLE_AFTER && !unreachable.contains(p.member())) {
        down.add(p);
      } else if (unreachable.contains(p.member()) && (p.failures() == 0 || !watched)) {
        up.add(p.member());
      }
    }
    if (down.isEmpty() && up.isEmpty()) {
      return;
    }
    writing = true;
    Instant now = clock.instant();
    worker.executeBlocking(() -> {
      StoreWrite w = StoreWrite.create();
      for (SyncEngine.PeerView p : down) {
        w.putMeta(PREFIX + p.member(), new byte[] {1})
            .appendEvent(AdminEvents.peerUnreachable(p.member(), p.failures(), Instant.ofEpochMilli(p.lastContactMillis()),
                now));
      }
      for (String m : up) {
        w.deleteMeta(PREFIX + m).appendEvent(AdminEvents.peerRecovered(m, now));
      }
      store.commit(w);
      return null;
    }, false).onComplete(ar -> {
      writing = false;
      if (ar.succeeded()) {
        down.forEach(p -> unreachable.add(p.member()));
        up.forEach(unreachable::remove);
      } else {
        LOG.log(Level.WARNING, "recording peer reachability failed", ar.cause());
      }
    });
  }
}
