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
import org.hashfed.node.entries.LedgerRecords;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
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
 * before the node starts, so that the node's own start-up replay indexes them. The records are
 * those the node's ledger writes for a submission (with its replay record) and its provenance log
 * leaf; going through the ledger would cost one fsync per entry, hours at ten million.
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
    MemberIdentity identity = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    EntrySigner signer = identity.signer();
    FeedState state = FeedState.empty(identity.member());
    Instant time = EntryTime.truncate(Instant.now());
    Path dir = config.dataDir().resolve("store");
    try (Store store = Store.openForBulkLoad(dir)) {
      if (!store.feedHeads().isEmpty()) {
        throw new IllegalStateException("store " + dir + " already holds entries: the synthetic load needs an empty one");
      }
      // as the node's first start does: an empty store's replay records are current
      Ledger.open(store, identity, config.minPdqQuality(), Clock.systemUTC(), List.of());
      ProvenanceLog log = ProvenanceLog.open(store);
      ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-store-writer"));
      try {
        Future<?> written = CompletableFuture.completedFuture(null);
        List<Entry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < corpus.size(); i++) {
          Signal signal = Signal.create(SignalType.PDQ, corpus.hash(i).toHex(), 100);
          Entry entry = state.next(time, Submit.of(signal, LABELS));
          // The id is the payload hash, so the chain can advance before the (parallel) signing.
          EntryId id = EntryId.ofPayload(entry.toPayload());
          state = FeedState.of(new FeedHead(entry.member(), entry.seq(), id, entry.time()));
          batch.add(entry);
          if (batch.size() == BATCH || i == corpus.size() - 1) {
            List<SignedEntry> signed = batch.parallelStream().map(signer::sign).toList();
            written.get();
            written = writer.submit(() -> write(store, log, signed));
            batch = new ArrayList<>(BATCH);
          }
        }
        written.get();
      } finally {
        writer.shutdownNow();
      }
    }
  }

  private static void write(Store store, ProvenanceLog log, List<SignedEntry> signed) {
    StoreWrite w = StoreWrite.create();
    for (SignedEntry s : signed) {
      LedgerRecords.stage(s, w);
    }
    log.beforeCommitAll(signed, w);
    store.commit(w);
    for (SignedEntry s : signed) {
      log.afterCommit(s);
    }
  }
}
