package org.hashfed.node.entries;

import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * A feature that follows every entry the ledger accepts: the provenance log, peer sync, trust.
 *
 * <p>Both methods run under the ledger's write lock, in acceptance order, on the worker thread
 * that is storing the entry; neither may block on the network.
 */
public interface LedgerListener {

  /**
   * Adds this feature's own records to the batch that stores {@code entry}, so that they commit
   * atomically with it (a log leaf is never missing for a stored entry, nor the reverse). If this
   * throws, nothing is stored.
   */
  default void beforeCommit(SignedEntry entry, StoreWrite write) {}

  /** Reacts to {@code entry} after it is durable; exceptions are logged and do not undo the entry. */
  default void afterCommit(SignedEntry entry) {}
}
