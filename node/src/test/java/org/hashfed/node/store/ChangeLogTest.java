package org.hashfed.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change log a read follower copies: what it records, a copy applied elsewhere, and hostile encodings. */
class ChangeLogTest {

  @TempDir Path leaderDir;
  @TempDir Path followerDir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // What a follower does: copies the store page by page as of one change, then applies the changes after it.
  private static void copyThenFollow(Store leader, Store follower, int pageBytes) {
    Store.CopyStart start = leader.openCopy();
    leader.commit(StoreWrite.create().putMeta("apikey/cc", utf8("after the copy started")));
    int family = 0;
    byte[] after = null;
    for (long n = 1; ; n++) {
      Store.CopyPage page = leader.copyPage(start.id(), family, after, pageBytes);
      follower.applyCopyPage(Change.decode(n, page.change()));
      if (page.nextFamily() < 0) {
        break;
      }
      family = page.nextFamily();
      after = page.nextAfterKey();
    }
    leader.closeCopy(start.id());
    follower.finishCopy(new Change.Position(start.epoch(), start.seq()));
    leader.forEachChange(start.seq(), (seq, bytes) -> {
      follower.applyChange(Change.decode(seq, bytes), new Change.Position(start.epoch(), seq));
      return true;
    });
  }

  @Test
  void copyAsOfAChange_thenTheChangesAfterIt_holdsTheSameRecordsAndEvents() {
    try (Store leader = Store.open(leaderDir); Store follower = Store.open(followerDir)) {
      leader.commit(StoreWrite.create().putMeta("apikey/aa", utf8("old")).putMeta("webhook/secret", utf8("s"))
          .appendEvent(utf8("{\"e\":1}")));
      leader.keepChangeLog(k -> k.startsWith("apikey/"));
      long epoch = leader.changeEpoch();
      assertNotEquals(0, epoch);
      assertEquals(0, leader.lastChangeSeq(), "a new log starts empty: followers copy the store first");
      leader.commit(StoreWrite.create().putMeta("webhook/secret", utf8("t")));
      assertEquals(0, leader.lastChangeSeq(), "a commit of nothing copied records no change");
      leader.commit(StoreWrite.create().putMeta("apikey/bb", utf8("new")).appendEvent(utf8("{\"e\":2}")));
      for (int i = 0; i < 50; i++) {
        leader.commit(StoreWrite.create().putMeta(String.format("apikey/k%03d", i), new byte[100]));
      }
      leader.commit(StoreWrite.create().deleteMeta("apikey/aa"));
      assertEquals(52, leader.lastChangeSeq());

      copyThenFollow(leader, follower, 1000);
      assertEquals(new Change.Position(epoch, 53), follower.followPosition().orElseThrow());
      assertTrue(follower.meta("apikey/aa").isEmpty());
      assertArrayEquals(utf8("new"), follower.meta("apikey/bb").orElseThrow());
      assertArrayEquals(utf8("after the copy started"), follower.meta("apikey/cc").orElseThrow());
      assertEquals(50, follower.metaWithPrefix("apikey/k").size());
      assertTrue(follower.meta("webhook/secret").isEmpty(), "metadata the predicate refuses stays on the leader");
      assertEquals(2, follower.lastEventSeq(), "events keep the leader's numbers");
      List<String> events = new ArrayList<>();
      follower.forEachEvent(0, (seq, e) -> events.add(seq + " " + new String(e, StandardCharsets.UTF_8)));
      assertEquals(List.of("1 {\"e\":1}", "2 {\"e\":2}"), events);
    }
  }

  @Test
  void copyPage_ofAClosedCopy_orAnUnknownFamily_isRefused() {
    try (Store leader = Store.open(leaderDir)) {
      leader.keepChangeLog(k -> true);
      Store.CopyStart start = leader.openCopy();
      assertTrue(assertThrows(IllegalArgumentException.class, () -> leader.copyPage(start.id(), 7, null, 100))
          .getMessage().contains("copy family 7"));
      leader.closeCopy(start.id());
      assertTrue(assertThrows(IllegalArgumentException.class, () -> leader.copyPage(start.id(), 0, null, 100))
          .getMessage().contains("is not open"));
    }
  }

  @Test
  void deleteChangesThrough_keepsTheNewest_andNumberingGoesOnAfterARestart() {
    try (Store leader = Store.open(leaderDir)) {
      leader.keepChangeLog(k -> true);
      for (int i = 0; i < 5; i++) {
        leader.commit(StoreWrite.create().putMeta("k" + i, utf8("v")));
      }
      assertEquals(1, leader.firstChangeSeq());
      assertEquals(3, leader.deleteChangesThrough(3));
      assertEquals(4, leader.firstChangeSeq());
      assertEquals(1, leader.deleteChangesThrough(Long.MAX_VALUE), "the newest change stays");
      assertEquals(0, leader.deleteChangesThrough(Long.MAX_VALUE));
      List<Long> kept = new ArrayList<>();
      leader.forEachChange(0, (seq, bytes) -> kept.add(seq));
      assertEquals(List.of(5L), kept);
    }
    try (Store leader = Store.open(leaderDir)) {
      leader.keepChangeLog(k -> true);
      assertEquals(5, leader.firstChangeSeq());
      leader.commit(StoreWrite.create().putMeta("k9", utf8("v")));
      assertEquals(6, leader.lastChangeSeq());
    }
  }

  @Test
  void dropChangeLog_thenKeepAgain_startsANewEpoch() {
    try (Store leader = Store.open(leaderDir)) {
      leader.keepChangeLog(k -> true);
      long first = leader.changeEpoch();
      leader.commit(StoreWrite.create().putMeta("k", utf8("v")));
      leader.dropChangeLog();
      assertEquals(0, leader.lastChangeSeq());
      leader.commit(StoreWrite.create().putMeta("k", utf8("w")));
      leader.keepChangeLog(k -> true);
      assertNotEquals(first, leader.changeEpoch());
      List<Change> changes = new ArrayList<>();
      leader.forEachChange(0, (seq, bytes) -> changes.add(Change.decode(seq, bytes)));
      assertTrue(changes.isEmpty(), "the new log starts empty");
    }
  }

  @Test
  void decode_refusesHostileEncodings_namingTheProblem() {
    byte[] truncated = ByteBuffer.allocate(4).putInt(1).array();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Change.decode(7, truncated)).getMessage()
        .contains("change 7 is truncated"));
    byte[] log = ByteBuffer.allocate(14).putInt(1).put((byte) 6).putInt(0).putInt(-1).array();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Change.decode(1, log)).getMessage()
        .contains("family code 6"), "the provenance log is not copied");
    byte[] hugeKey = ByteBuffer.allocate(9).putInt(1).put((byte) 5).putInt(Integer.MAX_VALUE).array();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Change.decode(1, hugeKey)).getMessage()
        .contains("length of 2147483647"));
    byte[] tooMany = ByteBuffer.allocate(4).putInt(1_000_000).array();
    assertThrows(IllegalArgumentException.class, () -> Change.decode(1, tooMany));
    byte[] trailing = ByteBuffer.allocate(5).putInt(0).put((byte) 1).array();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Change.decode(1, trailing)).getMessage()
        .contains("after its last op"));
    assertThrows(IllegalArgumentException.class, () -> Change.decode(0, new byte[4]));
  }
}
