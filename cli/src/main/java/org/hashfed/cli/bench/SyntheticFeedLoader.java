package org.hashfed.cli.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.identity.MemberIdentity;
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
 * before the node starts, in large batches with one fsync each, so that the node's own start-up
 * replay indexes them. The records are those the node's ledger writes for a submission; going
 * through the ledger would cost one fsync per entry, hours at ten million.
 */
final class SyntheticFeedLoader {

  private static final int BATCH = 8192;
  private static final List<Label> LABELS = List.of(Label.parse("behavior:glorification"));

  private SyntheticFeedLoader() {}

  /** Loads {@code corpus} into the store of the node {@code config} describes; the node must not be running. */
  static void load(NodeConfig config, SyntheticPdqCorpus corpus) {
    MemberIdentity identity = MemberIdentity.loadOrCreate(config);
    EntrySigner signer = identity.signer();
    FeedState state = FeedState.empty(identity.member());
    Instant time = EntryTime.truncate(Instant.now());
    try (Store store = Store.open(config.dataDir().resolve("store"))) {
      List<Entry> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < corpus.size(); i++) {
        Signal signal = Signal.create(SignalType.PDQ, corpus.hash(i).toHex(), 100);
        Entry entry = state.next(time, Submit.of(signal, LABELS));
        // The id is the payload hash, so the chain can advance before the (parallel) signing.
        EntryId id = EntryId.ofPayload(entry.toPayload());
        state = FeedState.of(new FeedHead(entry.member(), entry.seq(), id, entry.time()));
        batch.add(entry);
        if (batch.size() == BATCH || i == corpus.size() - 1) {
          write(store, batch.parallelStream().map(signer::sign).toList());
          batch.clear();
        }
      }
    }
  }

  private static void write(Store store, List<SignedEntry> signed) {
    StoreWrite w = StoreWrite.create();
    for (SignedEntry s : signed) {
      byte[] id = s.id().bytes();
      Submit submit = (Submit) s.entry().body();
      w.putEnvelope(id, s.envelope().toJson())
          .putFeed(s.entry().member().value(), s.entry().seq(), id)
          .putSignal(submit.signal().type().wireName(), submit.signal().value(), id);
    }
    store.commit(w);
  }
}
