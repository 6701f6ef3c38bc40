package org.hashfed.node.entries;

import java.util.List;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * A feature that follows every entry the ledger accepts: the provenance log, peer sync, trust.
 *
 * <p>The commit methods run under the ledger's write lock, in acceptance order, on the worker
 * thread that is storing the entries; none may block on the network.
 */
public interface LedgerListener {

  /**
   * Adds this feature's own records to the batch that stores {@code entry}, so that they commit
   * atomically with it (a log leaf is never missing for a stored entry, nor the reverse). If this
   * throws, nothing is stored.
   */
  default void beforeCommit(SignedEntry entry, StoreWrite write) {}

  /**
   * Adds this feature's records for several entries that commit in one batch, in acceptance order;
   * by default {@link #beforeCommit} for each. If this throws, none of them is stored.
   */
  default void beforeCommitAll(List<SignedEntry> entries, StoreWrite write) {
    for (SignedEntry e : entries) {
      beforeCommit(e, write);
    }
  }

  /** Reacts to {@code entry} after it is durable; exceptions are logged and do not undo the entry. */
  default void afterCommit(SignedEntry entry) {}

  /**
   * Sees stored entries while {@link Ledger#open} replays the store, before any entry is accepted,
   * so that a feature rebuilds its state from the ledger's single pass instead of reading the store
   * again. The replay reads compact records, not the envelopes: what an entry does to in-memory
   * state is in {@code record}. Must not write to the store.
   *
   * <p>What it sees depends on how the ledger starts:
   * <ul>
   *   <li>a full replay: every stored entry once, in member then seq order;</li>
   *   <li>a start from the start-up snapshot: only the opinions the snapshot covers (in the
   *       order the snapshot keeps them: each member's in feed order), then every entry stored
   *       after the snapshot, in member then seq order. The submissions, retractions and
   *       relabels the snapshot covers are never seen, nor are members whose feed did not move.</li>
   * </ul>
   * So a listener may build here only what opinions, and entries after any snapshot, determine;
   * anything else (which members have a feed, tallies over all entries) must come from the store
   * once the ledger is open (as {@code TrustService.ledgerOpened} does). A listener that builds
   * state here is checked in {@code SnapshotStartListenersTest}: the same state after a snapshot
   * start as after a full replay.
   */
  default void replayed(ReplayRecord record) {}
}
