package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.RawStore;
import org.hashfed.node.store.Store;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay decodes records in chunks off the replay thread while it applies the chunk before:
 * a feed of several chunks, with damaged and missing records in the later ones and retractions
 * crossing chunk boundaries, must replay to the catalog the ledger had.
 */
class LedgerReplayChunksTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final int SUBMITS = 12_000;

  @TempDir Path dir;

  private static Signal pdq(int n) {
    return Signal.pdq(PdqHash.ofWords(n * 0x9E3779B97F4A7C15L, n, ~n, n * 31L).toHex(), 80);
  }

  @Test
  void open_ofAFeedOfSeveralChunks_withDamagedAndMissingRecords_rebuildsTheSameCatalog() throws Exception {
    NodeConfig acmeConfig = NodeConfig.builder().dataDir(dir).member("acme").build();
    MemberIdentity acme = MemberIdentity.loadOrCreate(acmeConfig.member(), acmeConfig.memberKeyFile());
    FakeConsortium others = new FakeConsortium("beta");
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    Path storeDir = dir.resolve("store");
    List<SignedEntry> feed = new ArrayList<>();
    for (int n = 0; n < SUBMITS; n++) {
      feed.add(others.sign("beta", Submit.of(pdq(n), List.of(Label.parse("behavior:glorification"))), T0));
    }
    // each retraction comes a chunk or more after its submit
    for (int n = 0; n < SUBMITS; n += 997) {
      feed.add(others.sign("beta", Retract.of(feed.get(n).id(), ReasonCode.OTHER), T0));
    }
    try (Store store = Store.open(storeDir)) {
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of());
      for (int from = 0; from < feed.size(); from += 1000) {
        ledger.ingestAll(feed.subList(from, Math.min(feed.size(), from + 1000)));
      }
      assertEquals(SUBMITS - (SUBMITS + 996) / 997, ledger.catalog().size());
    }
    try (RawStore raw = RawStore.open(storeDir)) {
      raw.put("replay", RawStore.feedKey("beta", 9000), new byte[] {1, 1});
      raw.delete("replay", RawStore.feedKey("beta", 10_385));
      raw.delete("replay", RawStore.feedKey("beta", SUBMITS + 3));
    }

    try (Store store = Store.open(storeDir)) {
      Catalog c = Ledger.open(store, acme, 50, clock, List.of()).catalog();
      assertEquals(SUBMITS - (SUBMITS + 996) / 997, c.size());
      for (int n = 0; n < SUBMITS; n++) {
        EntryId id = feed.get(n).id();
        boolean retracted = n % 997 == 0;
        assertEquals(!retracted, c.contains(id), "entry " + n);
        if (!retracted && n % 101 == 0) {
          assertEquals(id, c.match(pdq(n), 0, T0).get(0).listing().entryId(), "match of entry " + n);
        }
      }
      assertFalse(c.contains(EntryId.ofDigest(new byte[32])));
    }
    try (RawStore raw = RawStore.open(storeDir)) {
      assertTrue(raw.get("replay", RawStore.feedKey("beta", 9000)).orElseThrow().length > 2, "rewritten");
      assertTrue(raw.get("replay", RawStore.feedKey("beta", 10_385)).isPresent(), "rewritten");
    }
  }
}
