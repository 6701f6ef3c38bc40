package org.hashfed.node.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.EntryTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log on its own: cursors, retention and pruning with a clock the test moves. */
class EventLogTest {

  @TempDir Path dir;
  Store store;
  Vertx vertx;
  Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final Clock clock = new Clock() {
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
  };

  @BeforeEach
  void open() {
    store = Store.open(dir.resolve("store"));
    vertx = TestVertx.create();
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void append(int n) {
    StoreWrite w = StoreWrite.create();
    for (int i = 0; i < n; i++) {
      JsonObject data = new JsonObject().put("signal", new JsonObject().put("type", "md5").put("value", "00"))
          .put("labels", new JsonArray()).put("trust", "standard").put("confidence", 0.5);
      w.appendEvent(new JsonObject().put("type", "signal.added").put("time", EntryTime.format(now)).put("data", data)
          .toBuffer().getBytes());
    }
    store.commit(w);
  }

  private EventLog log() {
    return EventLog.open(store, vertx, clock, Duration.ofDays(30));
  }

  @Test
  void eventsOfOneCommit_areNumberedInOrder_andRead_inPages() throws Exception {
    EventLog log = log();
    append(3);
    append(2);
    assertEquals(5, store.lastEventSeq());
    EventPage first = log.read(Optional.empty(), 4, EventFilter.defaults());
    assertEquals(4, first.events().size());
    assertEquals(first.events().get(3).getString("cursor"), first.next().toString());
    EventPage rest = log.read(Optional.of(first.next()), 4, EventFilter.defaults());
    assertEquals(1, rest.events().size());
    assertEquals(rest.next(), log.head());
  }

  @Test
  void prune_deletesWhatIsOlderThanTheRetention_keepsTheNewest_andOldCursorsExpire() throws Exception {
    EventLog log = log();
    Cursor start = log.head();
    append(3);
    now = now.plus(Duration.ofDays(20));
    append(2);
    now = now.plus(Duration.ofDays(15));
    assertEquals(3, log.prune());
    CursorExpiredException e = assertThrows(CursorExpiredException.class,
        () -> log.read(Optional.of(start), 10, EventFilter.defaults()));
    assertTrue(e.getMessage().contains("GET /v1/signals/export"), e.getMessage());
    assertEquals(2, log.read(Optional.empty(), 10, EventFilter.defaults()).events().size());

    now = now.plus(Duration.ofDays(60));
    assertEquals(1, log.prune(), "the newest event anchors the cursors and is kept");
    assertEquals(1, log.read(Optional.empty(), 10, EventFilter.defaults()).events().size());
    assertEquals(0, log.prune());
  }

  @Test
  void aCursorOfAnotherLog_expires_andTheEpochSurvivesReopening() throws Exception {
    Cursor head = log().head();
    assertEquals(head, log().head(), "the same store keeps its epoch");
    try (Store other = Store.open(dir.resolve("other"))) {
      Cursor foreign = EventLog.open(other, vertx, clock, Duration.ofDays(1)).head();
      assertNotEquals(head, foreign);
      assertThrows(CursorExpiredException.class, () -> log().read(Optional.of(foreign), 10, EventFilter.defaults()));
    }
  }

  @Test
  void cursor_roundTrips_andRefusesWhatIsNotOne() {
    Cursor c = Cursor.of(42, 7);
    assertEquals(c, Cursor.parse(c.toString()));
    assertThrows(IllegalArgumentException.class, () -> Cursor.parse("%%"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cursor.parse("AAAA"));
    assertTrue(e.getMessage().contains("\"AAAA\""), e.getMessage());
  }

  @Test
  void awaitAfter_completesWhenAnEventCommits() throws Exception {
    EventLog log = log();
    Cursor head = log.head();
    java.util.concurrent.CompletableFuture<Void> woken = new java.util.concurrent.CompletableFuture<>();
    vertx.runOnContext(v -> log.awaitAfter(head, Duration.ofSeconds(30)).onComplete(r -> woken.complete(null)));
    append(1);
    woken.get(20, TimeUnit.SECONDS);
  }
}
