package org.hashfed.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic load writes what the node's ledger writes with each batch, the trust dispute
 * tallies included: a loaded store starts without rebuilding them, and they are what a rebuild
 * from the feeds writes.
 */
class SyntheticFeedLoaderTest {

  private static final String TRUST_PREFIX = "trust/";
  // the logger of the package-private DisputeTally, which logs each rebuild
  private static final Logger TALLY_LOG = Logger.getLogger("org.hashfed.node.trust.DisputeTally");

  @TempDir Path dir;

  private final List<String> rebuilds = new CopyOnWriteArrayList<>();
  private final Handler rebuildWatch = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getMessage().contains("tallies rebuilt")) {
        rebuilds.add(r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void watchRebuilds() {
    TALLY_LOG.addHandler(rebuildWatch);
  }

  @AfterEach
  void stopWatching() {
    TALLY_LOG.removeHandler(rebuildWatch);
  }

  @Test
  void loadedStore_startsWithoutATallyRebuild_andItsTalliesEqualARebuilds() throws Exception {
    NodeConfig config = NodeConfig.builder().dataDir(dir).member("bench").build();
    MemberId member = MemberId.parse("bench");
    int size = 300;
    // batches of 64: the tallies carry over from one batch to the next, the last one is partial
    SyntheticFeedLoader.load(config, new SyntheticPdqCorpus(7, size), 64);

    Map<String, String> loaded;
    try (Store store = Store.open(dir.resolve("store"))) {
      loaded = trustRecords(store);
      assertTrue(loaded.containsKey("trust/tally/" + member.value()), "no tally stored: " + loaded.keySet());
      TrustService trust = start(store, config);
      assertEquals(List.of(), rebuilds, "a loaded store's first start rebuilt the tallies");
      assertEquals(size, trust.explain(member).stats().submissions(), "read from the stored tally");
      assertEquals(loaded, trustRecords(store), "the start changed the stored tallies");

      StoreWrite forget = StoreWrite.create();
      loaded.keySet().forEach(forget::deleteMeta);
      store.commit(forget);
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = start(store, config);
      assertEquals(1, rebuilds.size(), "without its tallies the store should have them rebuilt: " + rebuilds);
      assertEquals(loaded, trustRecords(store), "the loader's tallies differ from a rebuild's");
      assertEquals(size, trust.explain(member).stats().submissions());
    }
  }

  /** Starts trust over {@code store} as the node does: open, the ledger's replay, then ledgerOpened. */
  private static TrustService start(Store store, NodeConfig config) {
    MemberIdentity identity = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    TrustService trust = TrustService.open(store, identity.member(), config.trust(), Clock.systemUTC(), new Metrics());
    Ledger ledger = Ledger.open(store, identity, config.minPdqQuality(), Clock.systemUTC(), List.of(trust));
    trust.ledgerOpened(ledger.writeLock());
    return trust;
  }

  private static Map<String, String> trustRecords(Store store) {
    Map<String, String> out = new TreeMap<>();
    store.metaWithPrefix(TRUST_PREFIX).forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
    return out;
  }
}
