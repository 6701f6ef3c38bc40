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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.node.catalog.VideoQueryIndex;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.node.match.PdqMatch;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The retro-hunt watch list: items platforms accepted, kept in the store's watch family for the
 * window and in memory in an index of its own (a PDQ index apart from the catalog's, exact maps
 * for md5 and sha256, a {@link VideoQueryIndex} of the frames of vpdq signals), so that a signal
 * becoming matchable is matched against them while its batch is built. A watched video is the query
 * and a new vpdq signal the shared video, matched by the catalog's matcher at
 * {@link VideoThresholds#DEFAULTS}, so a retro match is what {@code /v1/match} of the upload would
 * have found.
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
  /** Default of {@code watch.max_video_frames}: frame hashes of watched videos held, over all of them. */
  public static final long DEFAULT_MAX_VIDEO_FRAMES = 2_000_000L;

  private final Store store;
  private final Clock clock;
  private final Duration window;
  private final long maxItems;
  private final long maxVideoFrames;
  private final Object writeLock = new Object();
  private final Object lock = new Object();
  private final PdqIndex pdq = PdqIndex.create();
  private final VideoQueryIndex videos = VideoQueryIndex.create();
  private final Map<String, Set<Long>> exact = new HashMap<>();
  private final Map<Long, Held> byRef = new HashMap<>();
  private final Map<Key, Long> byKey = new HashMap<>();
  private long nextRef = 1;

  private record Key(long uploadedMillis, String contentId) {}

  private record Held(Key key, WatchedItem item, long videoFrames) {}

  private Watchlist(Store store, Clock clock, Duration window, long maxItems, long maxVideoFrames) {
    this.store = store;
    this.clock = clock;
    this.window = window;
    this.maxItems = maxItems;
    this.maxVideoFrames = maxVideoFrames;
  }

  /** As {@link #open(Store, Clock, Duration, long, long)} with {@link #DEFAULT_MAX_VIDEO_FRAMES}. */
  public static Watchlist open(Store store, Clock clock, Duration window, long maxItems) {
    return open(store, clock, window, maxItems, DEFAULT_MAX_VIDEO_FRAMES);
  }

  /**
   * Opens the watch list of {@code store}, indexing its stored items still in the window; blocking.
   * It holds at most {@code maxItems} items and {@code maxVideoFrames} frame hashes of watched videos
   * ({@link VideoQueryIndex#framesOf}).
   *
   * @throws IllegalArgumentException when {@code window} is not positive or a maximum below 1
   */
  public static Watchlist open(Store store, Clock clock, Duration window, long maxItems, long maxVideoFrames) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("watch window " + window + " (expected: positive)");
    }
    if (maxItems < 1) {
      throw new IllegalArgumentException("watch max items " + maxItems + " (expected: 1 or more)");
    }
    if (maxVideoFrames < 1) {
      throw new IllegalArgumentException("watch max video frames " + maxVideoFrames + " (expected: 1 or more)");
    }
    Watchlist w = new Watchlist(store, clock, window, maxItems, maxVideoFrames);
    store.forEachWatched((key, value) -> {
      WatchedItem item = decode(value);
      long frames = videoFrames(item);
      synchronized (w.lock) {
        w.index(keyOf(item), item, frames);
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

  /** Frame hashes of watched videos held now. */
  public long videoFrames() {
    return videos.frames();
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
   * @throws WatchFullException when they would take the list past its maximum of items or of video
   *     frame hashes
   */
  public int record(List<WatchedItem> items) throws WatchFullException {
    Instant cutoff = clock.instant().minus(window);
    Map<Key, WatchedItem> kept = new LinkedHashMap<>();
    Map<Key, Long> frames = new HashMap<>();
    StoreWrite write = StoreWrite.create();
    int recorded = 0;
    for (WatchedItem item : items) {
      if (!item.uploadedAt().isBefore(cutoff)) {
        recorded++;
        // the same key twice in one request: the later item replaces the earlier, as in the store
        kept.put(keyOf(item), item);
        frames.put(keyOf(item), videoFrames(item));
        write.putWatched(keyBytes(keyOf(item)), encode(item));
      }
    }
    synchronized (writeLock) {
      synchronized (lock) {
        Set<Key> added = new HashSet<>();
        long framesAfter = videos.frames();
        for (Key key : kept.keySet()) {
          Long ref = byKey.get(key);
          if (ref == null) {
            added.add(key);
          } else {
            framesAfter -= byRef.get(ref).videoFrames();
          }
          framesAfter += frames.get(key);
        }
        if (byKey.size() + added.size() > maxItems) {
          throw new WatchFullException("the watch list holds " + byKey.size() + " of at most " + maxItems + " items and "
              + added.size() + " more do not fit: retry once older items expire (watch.window_days) or raise "
              + "watch.max_items");
        }
        if (framesAfter > maxVideoFrames && framesAfter > videos.frames()) {
          throw new WatchFullException("the watched videos hold " + videos.frames() + " of at most " + maxVideoFrames
              + " frame hashes and these items would take them to " + framesAfter + ": retry once older items expire "
              + "(watch.window_days) or raise watch.max_video_frames");
        }
      }
      if (!write.isEmpty()) {
        store.commit(write);
      }
      synchronized (lock) {
        kept.forEach((key, item) -> index(key, item, frames.get(key)));
      }
    }
    return recorded;
  }

  /**
   * The watched items within the window that {@code signal} matches, nearest first; in memory. A
   * vpdq signal matches the watched videos that reach {@link VideoThresholds#DEFAULTS} as queries
   * against it, their frames within {@link #MAX_PDQ_DISTANCE}; each hit has the video's figures.
   */
  public List<WatchHit> matches(Signal signal) {
    Instant cutoff = clock.instant().minus(window);
    List<WatchHit> out = new ArrayList<>();
    synchronized (lock) {
      if (signal.type() == SignalType.PDQ) {
        for (PdqMatch m : pdq.search(PdqHash.fromHex(signal.value()), MAX_PDQ_DISTANCE, Integer.MAX_VALUE)) {
          hit(m.ref(), m.distance(), Optional.empty(), cutoff, out);
        }
      } else if (signal.video().isPresent()) {
        for (VideoQueryIndex.Hit h : videos.matchedBy(signal.video().get(), MAX_PDQ_DISTANCE,
            VideoThresholds.DEFAULTS)) {
          hit(h.ref(), h.distance(), Optional.of(h.match()), cutoff, out);
        }
      } else {
        for (long ref : exact.getOrDefault(exactKey(signal), Set.of())) {
          hit(ref, 0, Optional.empty(), cutoff, out);
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

  private void hit(long ref, int distance, Optional<VideoMatch> video, Instant cutoff, List<WatchHit> out) {
    Held h = byRef.get(ref / WatchedItem.MAX_SIGNALS);
    if (h != null && !h.item().uploadedAt().isBefore(cutoff)) {
      Signal watched = h.item().signals().get((int) (ref % WatchedItem.MAX_SIGNALS));
      out.add(new WatchHit(h.item().contentId(), h.item().uploadedAt(), watched, distance, video));
    }
  }

  // Each signal of an item is indexed under ref * MAX_SIGNALS + its position, so a hit finds its item and signal.
  private void index(Key key, WatchedItem item, long videoFrames) {
    unindex(key);
    long ref = nextRef++;
    byKey.put(key, ref);
    byRef.put(ref, new Held(key, item, videoFrames));
    for (int i = 0; i < item.signals().size(); i++) {
      Signal s = item.signals().get(i);
      long signalRef = ref * WatchedItem.MAX_SIGNALS + i;
      if (s.type() == SignalType.PDQ) {
        pdq.add(signalRef, PdqHash.fromHex(s.value()));
      } else if (s.video().isPresent()) {
        videos.add(signalRef, s.video().get());
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
      } else if (s.video().isPresent()) {
        videos.remove(signalRef);
      } else {
        Set<Long> refs = exact.get(exactKey(s));
        refs.remove(signalRef);
        if (refs.isEmpty()) {
          exact.remove(exactKey(s));
        }
      }
    }
  }

  private static long videoFrames(WatchedItem item) {
    long n = 0;
    for (Signal s : item.signals()) {
      if (s.video().isPresent()) {
        n += VideoQueryIndex.framesOf(s.video().get());
      }
    }
    return n;
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
    // a vpdq signal is stored whole, as its binary form in base64: its value is only a digest
    item.signals().forEach(s -> signals.add(s.video().isPresent()
        ? new JsonObject().put("type", s.type().wireName()).put("hashes", s.video().get().base64())
        : new JsonObject().put("type", s.type().wireName()).put("value", s.value())));
    return new JsonObject().put("content_id", item.contentId())
        .put("uploaded_at", EntryTime.format(item.uploadedAt())).put("signals", signals).toBuffer().getBytes();
  }

  private static WatchedItem decode(byte[] value) {
    JsonObject o = new JsonObject(Buffer.buffer(value));
    List<Signal> signals = new ArrayList<>();
    JsonArray a = o.getJsonArray("signals");
    for (int i = 0; i < a.size(); i++) {
      JsonObject s = a.getJsonObject(i);
      signals.add(s.containsKey("hashes") ? Signal.vpdq(VideoHashes.fromBase64(s.getString("hashes")))
          : Signal.parse(s.getString("type"), s.getString("value")));
    }
    return WatchedItem.create(o.getString("content_id"), signals,
        EntryTime.parse(o.getString("uploaded_at"), "watched uploaded_at"));
  }
}
