package org.hashfed.node.entries;

import java.util.ArrayList;
import java.util.List;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * The replay records of every stored opinion, in the order the ledger met them, kept for the
 * start-up snapshot: the snapshot holds the catalog but not the listeners' state, and the only
 * listener state built from the replay is the opinions in force (trust's opinion book), which a
 * start from a snapshot rebuilds by handing these records to the listeners again. Opinions are few
 * next to submissions. Thread-safe.
 */
final class OpinionRecords implements LedgerListener {

  private final List<ReplayRecord> records = new ArrayList<>();

  @Override
  public synchronized void replayed(ReplayRecord record) {
    if (record.body() instanceof ReplayRecord.Opined) {
      records.add(record);
    }
  }

  @Override
  public synchronized void afterCommit(SignedEntry signed) {
    Entry e = signed.entry();
    if (e.body() instanceof Opinion) {
      records.add(ReplayRecord.of(signed.id(), e));
    }
  }

  /** The records so far. */
  synchronized List<ReplayRecord> list() {
    return List.copyOf(records);
  }
}
