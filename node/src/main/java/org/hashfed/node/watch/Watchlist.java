package org.hashfed.node.watch;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.node.catalog.VideoQueryIndex;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The retro-hunt watch list: items platforms accepted, kept in the store's watch family for the
 * window (layout in {@link WatchKeys}) and in memory only as what matching needs: each item is a
 * slot holding its upload time ({@link ItemSlots}), its PDQ hashes and the digests of its exact
 * signals sit in primitive multi-indexes ({@link WatchHashIndex}) under the item's slot and the
 * signal's position, and the frames of vpdq signals in a {@link VideoQueryIndex}. Content ids,
 * upload times and signals are read back from the store only for a hit. A watched video is the
 * query and a new vpdq signal the shared video, matched by the catalog's matcher at
 * {@link VideoThresholds#DEFAULTS}, so a retro match is what {@code /v1/match} of the upload would
 * have found.
 *
 * <p>An item is keyed by uploaded-at and content id: recording the same pair again replaces it in
 * its slot. Writers (recording, expiry) serialise on a lock of their own that they hold across the
 * store's commit, so store and index change in the same order; matchers share a second lock with
 * the writers only while the in-memory index changes, never across a disk read or write, and check
 * what they read back against what they found, since a slot may be reused in between.
 */
public final class Watchlist {

  /** Largest PDQ distance at which a watched hash matches. */
  public static final int MAX_PDQ_DISTANCE = 31;
  /** Default of {@code watch.max_video_frames}: frame hashes of watched videos held, over all of them. */
  public static final long DEFAULT_MAX_VIDEO_FRAMES = 2_000_000L;
  /** Most items held whatever {@code watch.max_items} says: an item's slot and signal position share an int. */
  public static final int MAX_SLOTS = Integer.MAX_VALUE / WatchedItem.MAX_SIGNALS;

  private static final int EXPIRE_BATCH = 10_000;

  private final Store store;
  private final Clock clock;
  private final Duration window;
  private final long maxItems;
  private final long maxVideoFrames;
  private final Object writeLock = new Object();
  private final Object lock = new Object();
  private final ItemSlots itemSlots = new ItemSlots(MAX_SLOTS);
  private final WatchHashIndex pdq = new WatchHashIndex();
  private final WatchHashIndex exact = new WatchHashIndex();
  private final VideoQueryIndex videos = VideoQueryIndex.create();
  // Items held, readable without the lock, which a growing index holds for seconds at ten million
  // hashes: the metrics and the recorder's check for an empty list run on threads that must not wait.
  private volatile int held;

  private record Key(long uploadedMillis, String contentId) {}

  private record Found(int owner, int distance, Optional<VideoMatch> video) {}

  private Watchlist(Store store, Clock clock, Duration window, long maxItems, long maxVideoFrames) {
    this.store = store;
    this.clock = clock;
    this.window = window;
    this.maxItems = Math.min(maxItems, MAX_SLOTS);
    this.maxVideoFrames = maxVideoFrames;
  }

  /** As {@link #open(Store, Clock, Duration, long, long)} with {@link #DEFAULT_MAX_VIDEO_FRAMES}. */
  public static Watchlist open(Store store, Clock clock, Duration window, long maxItems) {
    return open(store, clock, window, maxItems, DEFAULT_MAX_VIDEO_FRAMES);
  }

  /**
   * Opens the watch list of {@code store}, indexing its stored items still in the window; blocking.
   * It holds at most {@code maxItems} items (and never more than {@link #MAX_SLOTS}) and
   * {@code maxVideoFrames} frame hashes of watched videos ({@link VideoQueryIndex#framesOf}).
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
    store.forEachWatched(WatchKeys.ITEM, (key, value) -> {
      int slot = WatchKeys.itemSlot(key);
      WatchedItem item = decode(value);
      synchronized (w.lock) {
        w.index(slot, item);
      }
      return true;
    });
    synchronized (w.lock) {
      w.itemSlots.freeUnheld();
      w.held = w.itemSlots.held();
    }
    w.migrateUnprefixed();
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
    return held;
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
    int recorded = 0;
    for (WatchedItem item : items) {
      if (!item.uploadedAt().isBefore(cutoff)) {
        recorded++;
        // the same key twice in one request: the later item replaces the earlier, as in the store
        kept.put(keyOf(item), item);
      }
    }
    if (kept.isEmpty()) {
      return recorded;
    }
    synchronized (writeLock) {
      Map<Key, Integer> slots = new HashMap<>();
      Map<Integer, WatchedItem> replaced = new HashMap<>();
      for (Key key : kept.keySet()) {
        store.watched(WatchKeys.time(key.uploadedMillis(), key.contentId())).ifPresent(v -> {
          int slot = WatchKeys.slotOf(v);
          slots.put(key, slot);
          read(slot).ifPresent(old -> replaced.put(slot, old));
        });
      }
      checkRoom(kept, slots.size(), replaced.values());
      List<Integer> reserved = new ArrayList<>();
      synchronized (lock) {
        for (Key key : kept.keySet()) {
          if (!slots.containsKey(key)) {
            int slot = itemSlots.reserve();
            reserved.add(slot);
            slots.put(key, slot);
          }
        }
      }
      StoreWrite write = StoreWrite.create();
      kept.forEach((key, item) -> {
        int slot = slots.get(key);
        write.putWatched(WatchKeys.time(key.uploadedMillis(), key.contentId()), WatchKeys.slotValue(slot));
        write.putWatched(WatchKeys.item(slot), encode(item));
      });
      try {
        store.commit(write);
      } catch (RuntimeException e) {
        synchronized (lock) {
          reserved.forEach(itemSlots::release);
        }
        throw e;
      }
      synchronized (lock) {
        replaced.forEach(this::unindex);
        kept.forEach((key, item) -> index(slots.get(key), item));
        held = itemSlots.held();
      }
    }
    return recorded;
  }

  private void checkRoom(Map<Key, WatchedItem> kept, int replacing, Iterable<WatchedItem> replaced)
      throws WatchFullException {
    int added = kept.size() - replacing;
    long framesNow = videos.frames();
    long framesAfter = framesNow;
    for (WatchedItem old : replaced) {
      framesAfter -= videoFrames(old);
    }
    for (WatchedItem item : kept.values()) {
      framesAfter += videoFrames(item);
    }
    int held = size();
    if (held + (long) added > maxItems) {
      throw new WatchFullException("the watch list holds " + held + " of at most " + maxItems + " items and "
          + added + " more do not fit: retry once older items expire (watch.window_days) or raise "
          + "watch.max_items");
    }
    if (framesAfter > maxVideoFrames && framesAfter > framesNow) {
      throw new WatchFullException("the watched videos hold " + framesNow + " of at most " + maxVideoFrames
          + " frame hashes and these items would take them to " + framesAfter + ": retry once older items expire "
          + "(watch.window_days) or raise watch.max_video_frames");
    }
  }

  /**
   * The watched items within the window that {@code signal} matches, nearest first; searched in
   * memory, the hits read back from the store (blocking). A vpdq signal matches the watched videos
   * that reach {@link VideoThresholds#DEFAULTS} as queries against it, their frames within
   * {@link #MAX_PDQ_DISTANCE}; each hit has the video's figures.
   */
  public List<WatchHit> matches(Signal signal) {
    long cutoff = clock.instant().minus(window).toEpochMilli();
    List<Found> found = new ArrayList<>();
    WatchHashIndex.Found inWindow = (owner, distance) -> {
      if (inWindow(owner, cutoff)) {
        found.add(new Found(owner, distance, Optional.empty()));
      }
    };
    long[] query = signal.type() == SignalType.PDQ ? PdqHash.fromHex(signal.value()).words() : null;
    synchronized (lock) {
      if (query != null) {
        pdq.search(query, MAX_PDQ_DISTANCE, inWindow);
      } else if (signal.video().isPresent()) {
        for (VideoQueryIndex.Hit h : videos.matchedBy(signal.video().get(), MAX_PDQ_DISTANCE,
            VideoThresholds.DEFAULTS)) {
          if (inWindow((int) h.ref(), cutoff)) {
            found.add(new Found((int) h.ref(), h.distance(), Optional.of(h.match())));
          }
        }
      } else {
        exact.search(digest(signal), 0, inWindow);
      }
    }
    Map<Integer, Optional<WatchedItem>> read = new HashMap<>();
    List<WatchHit> out = new ArrayList<>();
    for (Found f : found) {
      Optional<WatchedItem> item = read.computeIfAbsent(f.owner() / WatchedItem.MAX_SIGNALS, this::read);
      int position = f.owner() % WatchedItem.MAX_SIGNALS;
      if (item.isPresent() && position < item.get().signals().size()
          && item.get().uploadedAt().toEpochMilli() >= cutoff) {
        Signal watched = item.get().signals().get(position);
        if (stillMatches(watched, signal, query, f)) {
          out.add(new WatchHit(item.get().contentId(), item.get().uploadedAt(), watched, f.distance(), f.video()));
        }
      }
    }
    out.sort((a, b) -> a.distance() != b.distance() ? Integer.compare(a.distance(), b.distance())
        : a.contentId().compareTo(b.contentId()));
    return out;
  }

  // The slot may have been given to another item between the search and the read: only the item searched counts.
  private static boolean stillMatches(Signal watched, Signal signal, long[] query, Found f) {
    if (query != null) {
      return watched.type() == SignalType.PDQ && distance(PdqHash.fromHex(watched.value()).words(), query)
          == f.distance();
    }
    if (signal.video().isPresent()) {
      return watched.video().isPresent();
    }
    return watched.type() == signal.type() && watched.value().equals(signal.value());
  }

  /** Deletes the items uploaded before the window from the store and the index; blocking. Returns how many. */
  public int expire() {
    long cutoff = clock.instant().minus(window).toEpochMilli();
    int expired = 0;
    synchronized (writeLock) {
      while (true) {
        List<byte[]> timeKeys = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        store.forEachWatched(WatchKeys.TIME, (key, value) -> {
          if (WatchKeys.timeMillis(key) >= cutoff) {
            return false;
          }
          timeKeys.add(key);
          slots.add(WatchKeys.slotOf(value));
          return timeKeys.size() < EXPIRE_BATCH;
        });
        if (timeKeys.isEmpty()) {
          return expired;
        }
        Map<Integer, WatchedItem> gone = new HashMap<>();
        StoreWrite write = StoreWrite.create();
        for (int i = 0; i < timeKeys.size(); i++) {
          int slot = slots.get(i);
          read(slot).ifPresent(item -> gone.put(slot, item));
          write.deleteWatched(timeKeys.get(i));
          write.deleteWatched(WatchKeys.item(slot));
        }
        store.commit(write);
        synchronized (lock) {
          gone.forEach(this::unindex);
          slots.forEach(itemSlots::release);
          held = itemSlots.held();
        }
        expired += timeKeys.size();
      }
    }
  }

  // Items stored before the watch family had prefixes: recorded again in slots, then their old records deleted.
  private void migrateUnprefixed() {
    while (true) {
      List<byte[]> keys = new ArrayList<>();
      List<WatchedItem> old = new ArrayList<>();
      store.forEachWatched(WatchKeys.UNPREFIXED, (key, value) -> {
        keys.add(key);
        old.add(decode(value));
        return keys.size() < EXPIRE_BATCH;
      });
      if (keys.isEmpty()) {
        return;
      }
      try {
        record(old);
      } catch (WatchFullException e) {
        throw new IllegalStateException("the stored watch list does not fit its limits: " + e.getMessage(), e);
      }
      StoreWrite write = StoreWrite.create();
      keys.forEach(write::deleteWatched);
      store.commit(write);
    }
  }

  private boolean inWindow(int owner, long cutoff) {
    long uploaded = itemSlots.uploaded(owner / WatchedItem.MAX_SIGNALS);
    return uploaded != ItemSlots.NONE && uploaded >= cutoff;
  }

  private Optional<WatchedItem> read(int slot) {
    return store.watched(WatchKeys.item(slot)).map(Watchlist::decode);
  }

  // Each signal of an item is indexed under slot * MAX_SIGNALS + its position, so a hit finds its item and signal.
  private void index(int slot, WatchedItem item) {
    itemSlots.hold(slot, item.uploadedAt().toEpochMilli());
    for (int i = 0; i < item.signals().size(); i++) {
      Signal s = item.signals().get(i);
      int owner = slot * WatchedItem.MAX_SIGNALS + i;
      if (s.type() == SignalType.PDQ) {
        pdq.add(owner, PdqHash.fromHex(s.value()).words());
      } else if (s.video().isPresent()) {
        videos.add(owner, s.video().get());
      } else {
        exact.add(owner, digest(s));
      }
    }
  }

  private void unindex(int slot, WatchedItem item) {
    for (int i = 0; i < item.signals().size(); i++) {
      Signal s = item.signals().get(i);
      int owner = slot * WatchedItem.MAX_SIGNALS + i;
      if (s.type() == SignalType.PDQ) {
        pdq.remove(owner, PdqHash.fromHex(s.value()).words());
      } else if (s.video().isPresent()) {
        videos.remove(owner);
      } else {
        exact.remove(owner, digest(s));
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

  private static int distance(long[] a, long[] b) {
    int d = 0;
    for (int i = 0; i < 4; i++) {
      d += Long.bitCount(a[i] ^ b[i]);
    }
    return d;
  }

  // An exact signal of any type and length as four uniform words: the SHA-256 of its type and value.
  private static long[] digest(Signal s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((s.type().wireName() + ":" + s.value()).getBytes(StandardCharsets.UTF_8));
      ByteBuffer b = ByteBuffer.wrap(d);
      return new long[] {b.getLong(), b.getLong(), b.getLong(), b.getLong()};
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static Key keyOf(WatchedItem item) {
    return new Key(item.uploadedAt().toEpochMilli(), item.contentId());
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
