package org.hashfed.node.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hashfed.node.match.LinearScanIndex;
import org.hashfed.node.match.PdqMatch;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch list against a real store and a moving clock, and its PDQ hits against a linear scan. */
class WatchlistTest {

  static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
  static final String MD5 = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static WatchedItem item(String id, Instant at, Signal... signals) {
    return WatchedItem.create(id, List.of(signals), at);
  }

  @Test
  void itemsExpireAfterTheWindow_fromMatchingAtOnce_andFromStoreAndIndexOnExpire() throws Exception {
    MovingClock clock = new MovingClock();
    try (Store store = Store.open(dir)) {
      Watchlist w = Watchlist.open(store, clock, Duration.ofDays(7), 100);
      assertEquals(2, w.record(List.of(item("old", T0.minus(Duration.ofDays(6)), Signal.parse("md5", MD5)),
          item("new", T0, Signal.parse("md5", MD5)))));
      assertEquals(List.of("new", "old"), w.matches(Signal.parse("md5", MD5)).stream().map(WatchHit::contentId).toList());
      clock.now = T0.plus(Duration.ofDays(2));
      assertEquals(List.of("new"), w.matches(Signal.parse("md5", MD5)).stream().map(WatchHit::contentId).toList(),
          "an item past the window never matches, even before it is expired");
      assertEquals(1, w.expire());
      assertEquals(1, w.size());
      assertEquals(0, w.expire());
    }
    try (Store store = Store.open(dir)) {
      clock.now = T0.plus(Duration.ofDays(2));
      Watchlist reopened = Watchlist.open(store, clock, Duration.ofDays(7), 100);
      assertEquals(1, reopened.size(), "the expired item is gone from the store too");
      clock.now = T0.plus(Duration.ofDays(8));
      Watchlist later = Watchlist.open(store, clock, Duration.ofDays(7), 100);
      assertEquals(0, later.size(), "opening expires what passed the window while the node was down");
    }
  }

  @Test
  void record_beyondMaxItems_throws_andStoresNothing() throws Exception {
    MovingClock clock = new MovingClock();
    try (Store store = Store.open(dir)) {
      Watchlist w = Watchlist.open(store, clock, Duration.ofDays(7), 2);
      w.record(List.of(item("a", T0, Signal.parse("md5", MD5))));
      WatchFullException e = assertThrows(WatchFullException.class, () -> w.record(List.of(
          item("b", T0, Signal.parse("md5", MD5)), item("c", T0, Signal.parse("md5", MD5)))));
      assertTrue(e.getMessage().contains("at most 2"), e.getMessage());
      assertEquals(1, w.size());
      assertEquals(1, Watchlist.open(store, clock, Duration.ofDays(7), 2).size());
    }
  }

  @Test
  void pdqHits_agreeWithALinearScan_andNameTheWatchedSignal() throws Exception {
    MovingClock clock = new MovingClock();
    Random random = new Random(13);
    LinearScanIndex reference = LinearScanIndex.create(0);
    List<WatchedItem> items = new ArrayList<>();
    PdqHash query = PdqHash.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    for (int i = 0; i < 300; i++) {
      List<Signal> signals = new ArrayList<>();
      for (int j = 0; j < 1 + i % 3; j++) {
        PdqHash h = nearby(query, random.nextInt(60), random);
        signals.add(Signal.pdq(h.toHex(), null));
        reference.add(i * 16L + j, h);
      }
      items.add(WatchedItem.create("item-" + i, signals, T0));
    }
    try (Store store = Store.open(dir)) {
      Watchlist w = Watchlist.open(store, clock, Duration.ofDays(7), 1000);
      w.record(items);
      List<WatchHit> hits = w.matches(Signal.pdq(query.toHex(), null));
      List<PdqMatch> expected = reference.search(query, Watchlist.MAX_PDQ_DISTANCE, Integer.MAX_VALUE);
      assertEquals(expected.size(), hits.size());
      assertTrue(hits.size() > 10, "the corpus has near hashes: " + hits.size());
      for (WatchHit h : hits) {
        assertEquals(PdqHash.fromHex(h.watched().value()).distance(query), h.distance());
        assertTrue(h.distance() <= Watchlist.MAX_PDQ_DISTANCE);
      }
    }
  }

  @Test
  void recordingAnItemAgain_replacesItsSignalsInItsSlot_andExpiredSlotsAreReused() throws Exception {
    MovingClock clock = new MovingClock();
    PdqHash first = PdqHash.ofWords(1, 2, 3, 4);
    PdqHash second = PdqHash.ofWords(-1, -2, -3, -4);
    try (Store store = Store.open(dir)) {
      Watchlist w = Watchlist.open(store, clock, Duration.ofDays(7), 2);
      w.record(List.of(item("a", T0, Signal.pdq(first.toHex(), null))));
      w.record(List.of(item("a", T0, Signal.pdq(second.toHex(), null))));
      assertEquals(1, w.size());
      assertEquals(List.of(), w.matches(Signal.pdq(first.toHex(), null)), "the replaced hash is gone");
      assertEquals(List.of("a"), ids(w.matches(Signal.pdq(second.toHex(), null))));
      w.record(List.of(item("old", T0.minus(Duration.ofDays(6)), Signal.parse("md5", MD5))));
      clock.now = T0.plus(Duration.ofDays(2));
      assertEquals(1, w.expire());
      w.record(List.of(item("b", clock.now, Signal.pdq(first.toHex(), null))));
      assertEquals(2, w.size(), "the expired item's slot took the new one within max_items 2");
      assertEquals(List.of("b"), ids(w.matches(Signal.pdq(first.toHex(), null))));
      assertEquals(List.of(), w.matches(Signal.parse("md5", MD5)));
    }
    try (Store store = Store.open(dir)) {
      Watchlist reopened = Watchlist.open(store, clock, Duration.ofDays(7), 2);
      assertEquals(List.of("b"), ids(reopened.matches(Signal.pdq(first.toHex(), null))));
      assertEquals(List.of("a"), ids(reopened.matches(Signal.pdq(second.toHex(), null))));
      assertThrows(WatchFullException.class, () -> reopened.record(List.of(item("c", T0, Signal.parse("md5", MD5)))),
          "the slots of the stored items are held again");
    }
  }

  @Test
  void itemsStoredWithoutPrefixes_areMovedIntoSlotsOnOpen() throws Exception {
    MovingClock clock = new MovingClock();
    try (Store store = Store.open(dir)) {
      byte[] id = "legacy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] key = java.nio.ByteBuffer.allocate(8 + id.length).putLong(T0.toEpochMilli()).put(id).array();
      String json = "{\"content_id\":\"legacy\",\"uploaded_at\":\"2026-12-03T12:00:00Z\","
          + "\"signals\":[{\"type\":\"md5\",\"value\":\"" + MD5 + "\"}]}";
      store.commit(org.hashfed.node.store.StoreWrite.create().putWatched(key,
          json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Watchlist w = Watchlist.open(store, clock, Duration.ofDays(7), 10);
      assertEquals(List.of("legacy"), ids(w.matches(Signal.parse("md5", MD5))));
      assertTrue(store.watched(key).isEmpty(), "the unprefixed record is gone");
      assertEquals(1, Watchlist.open(store, clock, Duration.ofDays(7), 10).size());
    }
  }

  private static List<String> ids(List<WatchHit> hits) {
    return hits.stream().map(WatchHit::contentId).toList();
  }

  private static PdqHash nearby(PdqHash h, int flips, Random random) {
    long[] w = h.words();
    for (int i = 0; i < flips; i++) {
      int bit = random.nextInt(256);
      w[bit / 64] ^= 1L << (bit % 64);
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }
}
