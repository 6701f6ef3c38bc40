package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerListenerTest {

  @TempDir Path dir;

  private static Submit submit(String md5) {
    return Submit.of(Signal.parse("md5", md5), List.of(Label.parse("behavior:glorification")));
  }

  @Test
  void listeners_seeEveryAcceptedEntryInOrder_andTheirRecordsCommitWithIt() {
    MemberIdentity identity = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    List<String> seen = new ArrayList<>();
    LedgerListener recorder = new LedgerListener() {
      @Override
      public void beforeCommit(SignedEntry entry, StoreWrite write) {
        write.putMeta("seen/" + entry.entry().seq(), entry.id().bytes());
        seen.add("before " + entry.entry().seq());
      }

      @Override
      public void afterCommit(SignedEntry entry) {
        seen.add("after " + entry.entry().seq());
      }
    };
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, identity, 50, Clock.systemUTC(), List.of(recorder));
      Appended first = ledger.submit(submit("0123456789abcdef0123456789abcdef"));
      ledger.submit(submit("fedcba9876543210fedcba9876543210"));
      assertEquals(List.of("before 1", "after 1", "before 2", "after 2"), seen);
      assertArrayEquals(first.entryId().bytes(), store.meta("seen/1").orElseThrow());
    }
  }

  @Test
  void listenerFailingBeforeCommit_storesNothing() {
    MemberIdentity identity = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    LedgerListener refusing = new LedgerListener() {
      @Override
      public void beforeCommit(SignedEntry entry, StoreWrite write) {
        throw new IllegalStateException("log full");
      }
    };
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, identity, 50, Clock.systemUTC(), List.of(refusing));
      assertThrows(IllegalStateException.class, () -> ledger.submit(submit("0123456789abcdef0123456789abcdef")));
      assertEquals(0, store.feedHead("acme"), "no feed entry may be stored");
      assertEquals(0, ledger.catalog().size());
      assertEquals(Map.of(), ledger.entriesByMember());
    }
  }
}
