package org.hashfed.node.entries;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;

/**
 * The store records of ledger entries, which commit together in one batch, and the listeners'
 * part of that batch. Public for tools that write a store before its node starts (the benchmarks'
 * synthetic load), so that they write what the ledger writes by the ledger's own code.
 */
public final class LedgerRecords {

  private static final Logger LOG = Logger.getLogger(LedgerRecords.class.getName());

  private LedgerRecords() {}

  /**
   * Adds to {@code w} what the ledger stores for {@code signed}: the envelope and the records
   * derived from it ({@link #stageDerived}).
   */
  public static void stage(SignedEntry signed, StoreWrite w) {
    w.putEnvelope(signed.id().bytes(), signed.envelope().toJson());
    stageDerived(signed.id(), signed.entry(), w);
  }

  /**
   * Adds to {@code w} the records the ledger derives from entry {@code id}: the feed position, the
   * replay record, and the exact-signal row or the reference to the target. They depend on the
   * entry alone, so a read follower checks its leader's against them.
   */
  public static void stageDerived(EntryId id, Entry e, StoreWrite w) {
    byte[] bytes = id.bytes();
    w.putFeed(e.member().value(), e.seq(), bytes)
        .putReplayRecord(e.member().value(), e.seq(), ReplayRecordCodec.encode(ReplayRecord.of(id, e)));
    if (e.body() instanceof Submit s) {
      w.putSignal(s.signal().type().wireName(), s.signal().value(), bytes);
    } else if (e.body() instanceof Retract r) {
      w.putRef(r.target().bytes(), bytes, "retract");
    } else if (e.body() instanceof Opinion o) {
      w.putRef(o.target().bytes(), bytes, "opinion");
    } else if (e.body() instanceof Relabel r) {
      w.putRef(r.target().bytes(), bytes, "relabel");
    }
  }

  /**
   * Adds to {@code w} the records of {@code batch} ({@link #stage}) and then each listener's own
   * ({@link LedgerListener#beforeCommitAll}), in acceptance order, as every batch the ledger
   * commits; once {@code w} is committed, hand the batch to {@link #committed}. Call under the
   * lock that serialises the store's writers.
   */
  public static void stageBatch(List<SignedEntry> batch, List<LedgerListener> listeners, StoreWrite w) {
    for (SignedEntry signed : batch) {
      stage(signed, w);
    }
    for (LedgerListener l : listeners) {
      l.beforeCommitAll(batch, w);
    }
  }

  /**
   * Hands each entry of a committed batch to every listener's {@link LedgerListener#afterCommit},
   * in order; a listener that throws is logged, since the entries are stored all the same.
   */
  public static void committed(List<SignedEntry> batch, List<LedgerListener> listeners) {
    for (SignedEntry signed : batch) {
      for (LedgerListener l : listeners) {
        try {
          l.afterCommit(signed);
        } catch (RuntimeException ex) {
          LOG.log(Level.WARNING, "listener " + l.getClass().getSimpleName()
              + " failed after entry " + signed.id() + " was stored", ex);
        }
      }
    }
  }
}
