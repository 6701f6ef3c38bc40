package org.hashfed.cli.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.LedgerListener;
import org.hashfed.node.entries.LedgerRecords;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedHead;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Writes a synthetic corpus as this member's signed submissions straight into a node's store
 * before the node starts, so that the node's own start-up replay indexes them. Each batch is
 * staged by the ledger's own code ({@link LedgerRecords#stageBatch}) with the node's listeners
 * that store records, so the store holds what the node's ledger writes: entries with their replay
 * records, provenance log leaves and the trust dispute tallies. Going through a {@link Ledger}
 * instead would also build the catalog and index in this process, gigabytes at ten million.
 *
 * <p>Bench data only: the store is opened for a bulk load, so the batches skip the write-ahead log
 * and reach the disk when the store is flushed at the end; a crash mid-load leaves a store to
 * delete. Signing (Ed25519, the main cost) runs on all cores while the previous batch is written.
 */
final class SyntheticFeedLoader {

  private static final int BATCH = 8192;
  private static final List<Label> LABELS = List.of(Label.parse("behavior:glorification"));

  private SyntheticFeedLoader() {}

  /**
   * Loads {@code corpus} into the empty store of the node {@code config} describes; the node must not be running.
   *
   * @throws IllegalStateException when the store already holds entries
   */
  static void load(NodeConfig config, SyntheticPdqCorpus corpus) throws InterruptedException, ExecutionException {
    load(config, corpus, BATCH);
  }

  /** As {@link #load(NodeConfig, SyntheticPdqCorpus)}, in batches of {@code batchSize} entries. */
  static void load(NodeConfig config, SyntheticPdqCorpus corpus, int batchSize)
      throws InterruptedException, ExecutionException {
    MemberIdentity identity = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    EntrySigner signer = identity.signer();
    FeedState state = FeedState.empty(identity.member());
    Clock clock = Clock.systemUTC();
    Instant time = EntryTime.truncate(clock.instant());
    Path dir = config.dataDir().resolve("store");
    try (Store store = Store.openForBulkLoad(dir)) {
      if (!store.feedHeads().isEmpty()) {
        throw new IllegalStateException("store " + dir + " already holds entries: the synthetic load needs an empty one");
      }
      // The node's listeners that store records with each batch: the trust dispute tallies (else
      // the node's first start rebuilds them from every envelope, minutes at ten million) and the
      // provenance log's leaves. The event recorder is left out: it judges entries against the
      // catalog, which a load does not build, so a loaded store's updates feed starts empty.
      TrustService trust = TrustService.open(store, identity.member(), config.trust(), clock, new Metrics());
      ProvenanceLog log = ProvenanceLog.open(store);
      // as the node's first start does: an empty store's replay records are current
      Ledger ledger = Ledger.open(store, identity, config.minPdqQuality(), clock, List.of());
      trust.ledgerOpened(ledger.writeLock());
      List<LedgerListener> listeners = List.of(trust, log);
      ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-store-writer"));
      try {
        Future<?> written = CompletableFuture.completedFuture(null);
        List<Entry> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < corpus.size(); i++) {
          Signal signal = Signal.create(SignalType.PDQ, corpus.hash(i).toHex(), 100);
          Entry entry = state.next(time, Submit.of(signal, LABELS));
          // The id is the payload hash, so the chain can advance before the (parallel) signing.
          EntryId id = EntryId.ofPayload(entry.toPayload());
          state = FeedState.of(new FeedHead(entry.member(), entry.seq(), id, entry.time()));
          batch.add(entry);
          if (batch.size() == batchSize || i == corpus.size() - 1) {
            List<SignedEntry> signed = batch.parallelStream().map(signer::sign).toList();
            written.get();
            written = writer.submit(() -> write(store, listeners, signed));
            batch = new ArrayList<>(batchSize);
          }
        }
        written.get();
      } finally {
        writer.shutdownNow();
      }
    }
  }

  // One batch as the node's ledger commits one, on the single writer thread, so in order.
  private static void write(Store store, List<LedgerListener> listeners, List<SignedEntry> signed) {
    StoreWrite w = StoreWrite.create();
    LedgerRecords.stageBatch(signed, listeners, w);
    store.commit(w);
    LedgerRecords.committed(signed, listeners);
  }
}
