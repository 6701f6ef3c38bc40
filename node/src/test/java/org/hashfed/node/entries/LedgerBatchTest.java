package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBatchTest {

  @TempDir Path dir;

  private MemberIdentity acme() {
    return MemberIdentity.loadOrCreate("acme", dir.resolve("acme").resolve("member.key"));
  }

  private EntrySigner beta() {
    return MemberIdentity.loadOrCreate("beta", dir.resolve("beta").resolve("member.key"))
        .signer();
  }

  private static Submit submit(int i) {
    return Submit.of(Signal.parse("md5", String.format("%032x", i)), List.of(Label.parse("behavior:glorification")));
  }

  /** A chain of {@code n} signed submissions of the signer's member. */
  private static List<SignedEntry> chain(EntrySigner signer, int n, int firstSignal) {
    Instant time = EntryTime.truncate(Instant.now());
    FeedState state = FeedState.empty(signer.member());
    List<SignedEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SignedEntry e = signer.sign(state.next(time, submit(firstSignal + i)));
      state = state.advance(e);
      out.add(e);
    }
    return out;
  }

  @Test
  void ingestAll_withGapInTheMiddle_storesThePrefixInOneBatch_andNothingAfterTheGap() {
    List<SignedEntry> feed = chain(beta(), 4, 0);
    List<SignedEntry> batch = List.of(feed.get(0), feed.get(1), feed.get(3), feed.get(2));
    try (Store store = Store.open(dir.resolve("store"))) {
      ProvenanceLog log = ProvenanceLog.open(store);
      Ledger ledger = Ledger.open(store, acme(), 50, Clock.systemUTC(), List.of(log));

      Ingested r = ledger.ingestAll(batch);

      assertEquals(List.of(1L, 2L), r.stored().stream().map(Appended::seq).toList());
      assertFalse(r.complete());
      assertEquals(feed.get(3).id(), r.refused().orElseThrow().id());
      assertEquals(2, store.feedHead("beta"));
      assertTrue(store.envelope(feed.get(2).id().bytes()).isEmpty(), "the entry after the refused one is not stored");
      assertTrue(store.envelope(feed.get(3).id().bytes()).isEmpty());
      assertEquals(2, ledger.catalog().size());
      assertEquals(2, log.size());
      MerkleTree expected = MerkleTree.inMemory();
      expected.append(feed.get(0).envelope().toJson());
      expected.append(feed.get(1).envelope().toJson());
      assertEquals(expected.root(), log.root(2));
      assertArrayEquals(feed.get(1).envelope().toJson(), log.leaf(1));

      Ingested rest = ledger.ingestAll(List.of(feed.get(2), feed.get(3)));
      assertTrue(rest.complete());
      assertEquals(4, store.feedHead("beta"));
      assertEquals(4, log.size());
    }
  }

  @Test
  void ingestAll_withTwoEntriesForOneSeq_keepsTheFirstAndRefusesTheSecond() {
    EntrySigner beta = beta();
    List<SignedEntry> feed = chain(beta, 2, 0);
    List<SignedEntry> fork = chain(beta, 2, 100);
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, acme(), 50, Clock.systemUTC(), List.of());

      Ingested r = ledger.ingestAll(List.of(feed.get(0), feed.get(1), fork.get(1)));

      assertEquals(2, r.stored().size());
      assertEquals(fork.get(1).id(), r.refused().orElseThrow().id());
      assertTrue(r.problem().orElseThrow().contains("does not follow"), r.problem().orElseThrow());
      assertEquals(feed.get(1).id(), ledger.feed(beta.member()).lastId().orElseThrow());
      assertTrue(store.envelope(fork.get(1).id().bytes()).isEmpty());
    }
  }

  @Test
  void ingestAll_withOwnEntriesThisNodeLost_storesThem_andTheNextSubmissionFollowsThem() {
    MemberIdentity acme = acme();
    List<SignedEntry> lost = chain(acme.signer(), 2, 0);
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, acme, 50, Clock.systemUTC(), List.of());
      Ingested r = ledger.ingestAll(lost);
      assertEquals(2, r.stored().size());
      assertTrue(r.complete());
      assertEquals(2, store.feedHead("acme"));
      var next = ledger.submit(org.hashfed.protocol.entry.Submit.of(
          org.hashfed.protocol.signal.Signal.parse("md5", "00112233445566778899aabbccddeeff"),
          List.of(org.hashfed.protocol.entry.Label.parse("behavior:glorification"))));
      assertEquals(3, next.seq());
      assertEquals(lost.get(1).id(), ledger.find(next.entryId()).orElseThrow().entry().prev().orElseThrow());
    }
  }

  @Test
  void open_handsEveryStoredEntryToListenersOnce_inFeedOrder() {
    List<SignedEntry> feed = chain(beta(), 3, 0);
    List<String> replayed = new ArrayList<>();
    LedgerListener recorder = new LedgerListener() {
      @Override
      public void replayed(ReplayRecord r) {
        replayed.add(r.member() + "#" + r.seq() + " " + r.id());
      }
    };
    MemberIdentity acme = acme();
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, acme, 50, Clock.systemUTC(), List.of());
      ledger.ingestAll(feed);
      ledger.submit(submit(7));
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, acme, 50, Clock.systemUTC(), List.of(recorder));
      assertEquals(4, ledger.catalog().size());
      assertEquals(List.of("acme#1 " + ledger.feed(acme.member()).lastId().orElseThrow(),
          "beta#1 " + feed.get(0).id(), "beta#2 " + feed.get(1).id(), "beta#3 " + feed.get(2).id()), replayed);
    }
  }
}
