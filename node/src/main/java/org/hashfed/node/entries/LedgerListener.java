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
   * Sees each stored entry once while {@link Ledger#open} replays the store, in member then seq
   * order, before any entry is accepted; so that a feature rebuilds its state from the ledger's
   * single pass instead of reading the store again. The replay reads compact records, not the
   * envelopes: what an entry does to in-memory state is in {@code record}. When the ledger starts
   * from its start-up snapshot, this sees only the opinions the snapshot covers, then every entry
   * stored after it: state built from anything else must come from the store. Must not write to the store.
   */
  default void replayed(ReplayRecord record) {}
}
