package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustView;
import org.hashfed.protocol.entry.EntryTime;

/**
 * Turns expiries into events: nothing is written when a submission expires, so a periodic sweep
 * writes {@code signal.removed} (reason {@code expired}) for every listing whose expiry passed
 * since the last sweep, in one batch with the time swept to ({@code meta} key
 * {@value #SWEPT_KEY}), so each expiry is written once. The first sweep of a store only sets the
 * mark: expiries before it happened before the event log existed. The catalog's expiry index
 * makes a sweep touch only the listings that expire in it, and forgets what a sweep has written.
 *
 * <p>Sweeps run one at a time: two sweeps over the same interval (the one at readiness and the
 * timer's, say) would each read the same mark and write the same expiries. A sweep asked for
 * while one runs does not wait: the running one sweeps once more when it ends, so the request
 * still sees every expiry up to the time it was made.
 */
public final class ExpirySweeper {

  static final String SWEPT_KEY = "events/expiry_swept";

  private final Store store;
  private final Supplier<Catalog> catalog;
  private final Supplier<TrustView> trust;
  private final Clock clock;
  private final Object gate = new Object();
  // Guarded by gate: whether a sweep runs, and whether it was asked for again meanwhile.
  private boolean running;
  private boolean again;

  /**
   * A sweeper over {@code catalog}'s listings (null until the ledger is open), judged by the
   * current view of {@code trust} (a trust service's {@code view}).
   */
  public ExpirySweeper(Store store, Supplier<Catalog> catalog, Supplier<TrustView> trust, Clock clock) {
    this.store = store;
    this.catalog = catalog;
    this.trust = trust;
    this.clock = clock;
  }

  /**
   * Writes the events of the expiries since the last sweep; blocking. Returns how many this call
   * wrote: 0 when another sweep was running, which sweeps once more for this call before it ends.
   */
  public int sweep() {
    synchronized (gate) {
      if (running) {
        again = true;
        return 0;
      }
      running = true;
    }
    int written = 0;
    boolean ended = false;
    try {
      while (true) {
        written += sweepOnce();
        synchronized (gate) {
          if (!again) {
            running = false;
            ended = true;
            return written;
          }
          again = false;
        }
      }
    } finally {
      if (!ended) {
        // a failed sweep leaves its expiries to the next one, which must be free to run
        synchronized (gate) {
          running = false;
          again = false;
        }
      }
    }
  }

  private int sweepOnce() {
    Catalog c = catalog.get();
    if (c == null) {
      return 0;
    }
    Instant now = EntryTime.truncate(clock.instant());
    Optional<Instant> last = store.meta(SWEPT_KEY)
        .map(b -> Instant.ofEpochSecond(Long.parseLong(new String(b, StandardCharsets.US_ASCII))));
    if (last.isPresent() && !now.isAfter(last.get())) {
      return 0;
    }
    StoreWrite w = StoreWrite.create()
        .putMeta(SWEPT_KEY, Long.toString(now.getEpochSecond()).getBytes(StandardCharsets.US_ASCII));
    int[] n = {0};
    if (last.isPresent()) {
      c.forgetExpiriesThrough(last.get());
      TrustView view = trust.get();
      c.forEachExpiringIn(last.get(), now, l -> {
        Judgement j = view.judge(l);
        if (j.trust() != TrustLevel.BLOCKED) {
          JsonObject event = SignalEvents.event(EventType.SIGNAL_REMOVED, now, l, j);
          event.getJsonObject("data").put("reason", "expired");
          w.appendEvent(event.toBuffer().getBytes());
          n[0]++;
        }
      });
    }
    store.commit(w);
    // only once the events are stored: a failed commit leaves them to the next sweep
    c.forgetExpiriesThrough(now);
    return n[0];
  }
}
