package org.hashfed.node.entries;

import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;

/** The store records of one ledger entry, which commit together in one batch. */
public final class LedgerRecords {

  private LedgerRecords() {}

  /**
   * Adds to {@code w} what the ledger stores for {@code signed}: the envelope, the feed position,
   * the exact-signal index or the reference to the target, and the replay record. Public for tools
   * that write a store before its node starts (the benchmarks' synthetic load).
   */
  public static void stage(SignedEntry signed, StoreWrite w) {
    Entry e = signed.entry();
    byte[] id = signed.id().bytes();
    w.putEnvelope(id, signed.envelope().toJson()).putFeed(e.member().value(), e.seq(), id)
        .putReplayRecord(e.member().value(), e.seq(), ReplayRecordCodec.encode(ReplayRecord.of(signed.id(), e)));
    if (e.body() instanceof Submit s) {
      w.putSignal(s.signal().type().wireName(), s.signal().value(), id);
    } else if (e.body() instanceof Retract r) {
      w.putRef(r.target().bytes(), id, "retract");
    } else if (e.body() instanceof Opinion o) {
      w.putRef(o.target().bytes(), id, "opinion");
    } else if (e.body() instanceof Relabel r) {
      w.putRef(r.target().bytes(), id, "relabel");
    }
  }
}
