package org.hashfed.node.watch;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.node.match.PdqMatch;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * The retro-hunt watch list: items platforms accepted, kept in the store's watch family for the
 * window and in memory in an index of its own (a PDQ index apart from the catalog's, exact maps
 * for md5 and sha256), so that a signal becoming matchable is matched against them while its batch
 * is built.
 *
 * <p>An item is keyed by uploaded-at and content id: recording the same pair again replaces it.
 * Writers (recording, expiry) serialise on a lock of their own that they hold across the store's
 * commit, so store and index change in the same order; matchers (the ledger building a batch)
 * share a second lock with the writers only while the in-memory index changes, never across a
 * disk write.
 */
public final class Watchlist {

  /** Largest PDQ distance at which a watched hash matches. */
  public static final int MAX_PDQ_DISTANCE = 31;

  private final Store store;
  private final Clock clock;
  private final Duration window;
  private final long maxItems;
  private final Object writeLock = new Object();
  private final Object lock = new Object();
  private final PdqIndex pdq = PdqIndex.create();
  private final Map<String, Set<Long>> exact = new HashMap<>();
  private final Map<Long, Held> byRef = new HashMap<>();
  private final Map<Key, Long> byKey = new HashMap<>();
  private long nextRef = 1;

  private record Key(long uploadedMillis, String contentId) {}

  private record Held(Key key, WatchedItem item) {}

  private Watchlist(Store store, Clock clock, Duration window, long maxItems) {
    this.store = store;
    this.clock = clock;
    this.window = window;
    this.maxItems = maxItems;
  }

  /**
   * Opens the watch list of {@code store}, indexing its stored items still in the window; blocking.
   *
   * @throws IllegalArgumentException when {@code window} is not positive or {@code maxItems} below 1
   */
  public static Watchlist open(Store store, Clock clock, Duration window, long maxItems) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("watch window " + window + " (expected: positive)");
    }
    if (maxItems < 1) {
      throw new IllegalArgumentException("watch max items " + maxItems + " (expected: 1 or more)");
    }
    Watchlist w = new Watchlist(store, clock, window, maxItems);
    store.forEachWatched((key, value) -> {
      WatchedItem item = decode(value);
      synchronized (w.lock) {
        w.index(keyOf(item), item);
      }
      return true;
    });
    w.expire();
    return w;
  }

  /** How long an item is watched after its upload. */
  public Duration window() {
    return window;
  }

  /** Items held now. */
  public int size() {
    synchronized (lock) {
      return byKey.size();
    }
  }

  /**
   * Stores and indexes {@code items}, all or none; items uploaded before the window are skipped.
   * Returns how many were recorded; blocking.
   *
   * @throws WatchFullException when they would take the list past its maximum
   */
  public int record(List<WatchedItem> items) throws WatchFullException {
    Instant cutoff = clock.instant().minus(window);
    List<WatchedItem> kept = new ArrayList<>();
    StoreWrite write = StoreWrite.create();
    for (WatchedItem item : items) {
      if (!item.uploadedAt().isBefore(cutoff)) {
        kept.add(item);
        write.putWatched(keyBytes(keyOf(item)), encode(item));
      }
    }
    synchronized (writeLock) {
      synchronized (lock) {
        Set<Key> added = new HashSet<>();
        for (WatchedItem item : kept) {
          if (!byKey.containsKey(keyOf(item))) {
            added.add(keyOf(item));
          }
        }
        if (byKey.size() + added.size() > maxItems) {
          throw new WatchFullException("the watch list holds " + byKey.size() + " of at most " + maxItems + " items and "
              + added.size() + " more do not fit: retry once older items expire (watch.window_days) or raise "
              + "watch.max_items");
        }
      }
      if (!write.isEmpty()) {
        store.commit(write);
      }
      synchronized (lock) {
        for (WatchedItem item : kept) {
          index(keyOf(item), item);
        }
      }
    }
    return kept.size();
  }

  /** The watched items within the window that {@code signal} matches, nearest first; in memory. */
  public List<WatchHit> matches(Signal signal) {
    Instant cutoff = clock.instant().minus(window);
    List<WatchHit> out = new ArrayList<>();
    synchronized (lock) {
      if (signal.type() == SignalType.PDQ) {
        for (PdqMatch m : pdq.search(PdqHash.fromHex(signal.value()), MAX_PDQ_DISTANCE, Integer.MAX_VALUE)) {
          hit(m.ref(), m.distance(), cutoff, out);
        }
      } else if (signal.type() != SignalType.VPDQ) {
        for (long ref : exact.getOrDefault(exactKey(signal), Set.of())) {
          hit(ref, 0, cutoff, out);
        }
      }
    }
    out.sort((a, b) -> a.distance() != b.distance() ? Integer.compare(a.distance(), b.distance())
        : a.contentId().compareTo(b.contentId()));
    return out;
  }

  /** Deletes the items uploaded before the window from the store and the index; blocking. Returns how many. */
  public int expire() {
    long cutoff = clock.instant().minus(window).toEpochMilli();
    List<byte[]> keys = new ArrayList<>();
    synchronized (writeLock) {
      store.forEachWatched((key, value) -> {
        if (ByteBuffer.wrap(key).getLong() >= cutoff) {
          return false;
        }
        keys.add(key);
        return true;
      });
      if (keys.isEmpty()) {
        return 0;
      }
      StoreWrite write = StoreWrite.create();
      keys.forEach(write::deleteWatched);
      store.commit(write);
      synchronized (lock) {
        for (byte[] k : keys) {
          long millis = ByteBuffer.wrap(k).getLong();
          unindex(new Key(millis, new String(k, Long.BYTES, k.length - Long.BYTES, StandardCharsets.UTF_8)));
        }
      }
    }
    return keys.size();
  }

  private void hit(long ref, int distance, Instant cutoff, List<WatchHit> out) {
    Held h = byRef.get(ref / WatchedItem.MAX_SIGNALS);
    if (h != null && !h.item().uploadedAt().isBefore(cutoff)) {
      Signal watched = h.item().signals().get((int) (ref % WatchedItem.MAX_SIGNALS));
      out.add(new WatchHit(h.item().contentId(), h.item().uploadedAt(), watched, distance));
    }
  }

  // Each signal of an item is indexed under ref * MAX_SIGNALS + its position, so a hit finds its item and signal.
  private void index(Key key, WatchedItem item) {
    unindex(key);
    long ref = nextRef++;
    byKey.put(key, ref);
    byRef.put(ref, new Held(key, item));
    for (int i = 0; i < item.signals().size(); i++) {
      Signal s = item.signals().get(i);
      long signalRef = ref * WatchedItem.MAX_SIGNALS + i;
      if (s.type() == SignalType.PDQ) {
        pdq.add(signalRef, PdqHash.fromHex(s.value()));
      } else {
        exact.computeIfAbsent(exactKey(s), k -> new HashSet<>()).add(signalRef);
      }
    }
  }

  private void unindex(Key key) {
    Long ref = byKey.remove(key);
    if (ref == null) {
      return;
    }
    Held h = byRef.remove(ref);
    for (int i = 0; i < h.item().signals().size(); i++) {
      Signal s = h.item().signals().get(i);
      long signalRef = ref * WatchedItem.MAX_SIGNALS + i;
      if (s.type() == SignalType.PDQ) {
        pdq.remove(signalRef);
      } else {
        Set<Long> refs = exact.get(exactKey(s));
        refs.remove(signalRef);
        if (refs.isEmpty()) {
          exact.remove(exactKey(s));
        }
      }
    }
  }

  private static String exactKey(Signal s) {
    return s.type().wireName() + ":" + s.value();
  }

  private static Key keyOf(WatchedItem item) {
    return new Key(item.uploadedAt().toEpochMilli(), item.contentId());
  }

  private static byte[] keyBytes(Key key) {
    byte[] id = key.contentId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Long.BYTES + id.length).putLong(key.uploadedMillis()).put(id).array();
  }

  private static byte[] encode(WatchedItem item) {
    JsonArray signals = new JsonArray();
    item.signals().forEach(s -> signals.add(new JsonObject().put("type", s.type().wireName()).put("value", s.value())));
    return new JsonObject().put("content_id", item.contentId())
        .put("uploaded_at", EntryTime.format(item.uploadedAt())).put("signals", signals).toBuffer().getBytes();
  }

  private static WatchedItem decode(byte[] value) {
    JsonObject o = new JsonObject(Buffer.buffer(value));
    List<Signal> signals = new ArrayList<>();
    JsonArray a = o.getJsonArray("signals");
    for (int i = 0; i < a.size(); i++) {
      JsonObject s = a.getJsonObject(i);
      signals.add(Signal.parse(s.getString("type"), s.getString("value")));
    }
    return WatchedItem.create(o.getString("content_id"), signals,
        EntryTime.parse(o.getString("uploaded_at"), "watched uploaded_at"));
  }
}
