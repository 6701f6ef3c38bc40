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

  @Test
  void changeLog_backfillsThenRecordsCommits_andACopyHoldsTheSameRecordsAndEvents() {
    try (Store leader = Store.open(leaderDir); Store follower = Store.open(followerDir)) {
      leader.commit(StoreWrite.create().putMeta("apikey/aa", utf8("old")).putMeta("webhook/secret", utf8("s"))
          .appendEvent(utf8("{\"e\":1}")));
      leader.keepChangeLog(k -> k.startsWith("apikey/"));
      long epoch = leader.changeEpoch();
      assertNotEquals(0, epoch);
      assertEquals(1, leader.lastChangeSeq(), "the backfill of what the store held");
      leader.commit(StoreWrite.create().putMeta("webhook/secret", utf8("t")));
      assertEquals(1, leader.lastChangeSeq(), "a commit of nothing copied records no change");
      leader.commit(StoreWrite.create().putMeta("apikey/bb", utf8("new")).appendEvent(utf8("{\"e\":2}")));
      leader.commit(StoreWrite.create().deleteMeta("apikey/aa"));
      assertEquals(3, leader.lastChangeSeq());

      List<Change> changes = new ArrayList<>();
      leader.forEachChange(0, (seq, bytes) -> changes.add(Change.decode(seq, bytes)));
      for (Change c : changes) {
        follower.applyChange(c, new Change.Position(epoch, c.seq()));
      }
      assertEquals(new Change.Position(epoch, 3), follower.followPosition().orElseThrow());
      assertTrue(follower.meta("apikey/aa").isEmpty());
      assertArrayEquals(utf8("new"), follower.meta("apikey/bb").orElseThrow());
      assertTrue(follower.meta("webhook/secret").isEmpty(), "metadata the predicate refuses stays on the leader");
      assertEquals(2, follower.lastEventSeq(), "events keep the leader's numbers");
      List<String> events = new ArrayList<>();
      follower.forEachEvent(0, (seq, e) -> events.add(seq + " " + new String(e, StandardCharsets.UTF_8)));
      assertEquals(List.of("1 {\"e\":1}", "2 {\"e\":2}"), events);
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
      assertEquals(1, changes.size(), "a backfill of the current state only");
      assertArrayEquals(utf8("w"), changes.get(0).ops().get(0).value().orElseThrow());
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
