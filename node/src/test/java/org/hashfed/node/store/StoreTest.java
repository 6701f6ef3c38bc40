package org.hashfed.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

  @TempDir Path dir;

  private static byte[] id(int n) {
    byte[] id = new byte[32];
    Arrays.fill(id, (byte) n);
    return id;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void commit_thenReopen_readsEverythingBack() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create()
          .putEnvelope(id(1), bytes("env1"))
          .putFeed("acme", 1, id(1))
          .putSignal("md5", "d41d8cd98f00b204e9800998ecf8427e", id(1))
          .putMeta("k", bytes("v")));
    }
    try (Store s = Store.open(dir)) {
      assertArrayEquals(bytes("env1"), s.envelope(id(1)).orElseThrow());
      assertArrayEquals(id(1), s.feedEntry("acme", 1).orElseThrow());
      assertEquals(1, s.feedHead("acme"));
      assertEquals(1, s.signalEntries("md5", "d41d8cd98f00b204e9800998ecf8427e").size());
      assertArrayEquals(bytes("v"), s.meta("k").orElseThrow());
    }
  }

  @Test
  void feedHead_isHighestSeqOfThatMemberOnly() {
    try (Store s = Store.open(dir)) {
      assertEquals(0, s.feedHead("acme"));
      s.commit(StoreWrite.create().putFeed("acme", 1, id(1)).putFeed("acme", 2, id(2)).putFeed("acme", 300, id(3))
          .putFeed("acme2", 7, id(4)).putFeed("ac", 9, id(5)));
      assertEquals(300, s.feedHead("acme"));
      assertEquals(7, s.feedHead("acme2"));
      assertEquals(9, s.feedHead("ac"));
      assertEquals(0, s.feedHead("a"));
    }
  }

  @Test
  void signalEntries_doesNotMatchValueThatIsAPrefix() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create().putSignal("md5", "ab", id(1)).putSignal("md5", "abc", id(2))
          .putSignal("sha256", "ab", id(3)).putSignal("md5", "ab", id(4)));
      List<byte[]> ids = s.signalEntries("md5", "ab");
      assertEquals(2, ids.size());
      assertArrayEquals(id(1), ids.get(0));
      assertArrayEquals(id(4), ids.get(1));
    }
  }

  @Test
  void refsTo_listsSourcesOfOneTarget() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create().putRef(id(1), id(2), "retract").putRef(id(1), id(3), "opinion")
          .putRef(id(2), id(4), "opinion"));
      List<byte[]> refs = s.refsTo(id(1));
      assertEquals(2, refs.size());
      assertArrayEquals(id(2), refs.get(0));
      assertArrayEquals(id(3), refs.get(1));
    }
  }

  @Test
  void metaWithPrefix_andDelete() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create().putMeta("apikey/1", bytes("a")).putMeta("apikey/2", bytes("b"))
          .putMeta("apikez", bytes("c")));
      s.commit(StoreWrite.create().deleteMeta("apikey/1"));
      Map<String, byte[]> m = s.metaWithPrefix("apikey/");
      assertEquals(List.of("apikey/2"), new ArrayList<>(m.keySet()));
    }
  }

  @Test
  void forEachFeedEntry_visitsInMemberThenSeqOrder() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create()
          .putEnvelope(id(1), bytes("b1")).putFeed("b", 1, id(1))
          .putEnvelope(id(2), bytes("a2")).putFeed("a", 2, id(2))
          .putEnvelope(id(3), bytes("a1")).putFeed("a", 1, id(3)));
      List<String> seen = new ArrayList<>();
      s.forEachFeedEntry((member, seq, entryId, env) ->
          seen.add(member + seq + "=" + new String(env, StandardCharsets.UTF_8)));
      assertEquals(List.of("a1=a1", "a2=a2", "b1=b1"), seen);
    }
  }

  @Test
  void feedHeads_givesEachMembersHighestSeq_evenWhenOneMemberIdIsAPrefixOfAnother() {
    try (Store s = Store.open(dir)) {
      StoreWrite w = StoreWrite.create();
      for (long seq = 1; seq <= 300; seq++) {
        w.putFeed("ab", seq, id(1));
      }
      w.putFeed("ab-c", 1, id(2)).putFeed("ab-c", 2, id(3)).putFeed("abc", 1, id(4)).putFeed("b0", 7, id(5));
      s.commit(w);
      assertEquals(List.of("ab=300", "ab-c=2", "abc=1", "b0=7"),
          s.feedHeads().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
  }

  @Test
  void feedHeads_ofEmptyStore_isEmpty() {
    try (Store s = Store.open(dir)) {
      assertEquals(Map.of(), s.feedHeads());
    }
  }

  @Test
  void forEachReplayRecord_visitsInMemberThenSeqOrder_withTheBytesStored() {
    try (Store s = Store.open(dir)) {
      s.commit(StoreWrite.create()
          .putReplayRecord("beta", 2, bytes("b2"))
          .putReplayRecord("acme", 300, bytes("a300"))
          .putReplayRecord("beta", 1, bytes("b1"))
          .putReplayRecord("acme", 1, bytes("a1")));
      List<String> seen = new ArrayList<>();
      s.forEachReplayRecord((member, seq, record) ->
          seen.add(member + "/" + seq + "=" + new String(record, StandardCharsets.UTF_8)));
      assertEquals(List.of("acme/1=a1", "acme/300=a300", "beta/1=b1", "beta/2=b2"), seen);
    }
  }

  @Test
  void openForBulkLoad_writesAreReadBackAfterCloseAndReopen() {
    try (Store s = Store.openForBulkLoad(dir)) {
      s.commit(StoreWrite.create().putEnvelope(id(1), bytes("env1")).putFeed("acme", 1, id(1)));
    }
    try (Store s = Store.open(dir)) {
      assertArrayEquals(bytes("env1"), s.envelope(id(1)).orElseThrow());
      assertEquals(1, s.feedHead("acme"));
    }
  }

  @Test
  void open_whileOpenElsewhere_throwsNamingDir() {
    try (Store s = Store.open(dir)) {
      StoreException e = assertThrows(StoreException.class, () -> Store.open(dir));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }
  }

  @Test
  void read_afterClose_throwsInsteadOfCrashing() {
    Store s = Store.open(dir);
    s.close();
    s.close();
    StoreException e = assertThrows(StoreException.class, () -> s.meta("k"));
    assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
  }

  @Test
  void putEnvelope_withShortId_throws() {
    assertThrows(IllegalArgumentException.class, () -> StoreWrite.create().putEnvelope(new byte[31], bytes("x")));
  }
}
