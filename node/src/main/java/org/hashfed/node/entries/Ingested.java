package org.hashfed.node.entries;

import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * What {@link Ledger#ingestAll} did with a batch: the stored prefix (durable, in order) and, when
 * an entry was refused, that entry and why; the entries after it were not stored.
 */
public record Ingested(List<Appended> stored, Optional<SignedEntry> refused, Optional<String> problem) {

  /** A compact copy. */
  public Ingested {
    stored = List.copyOf(stored);
  }

  /** Whether every entry of the batch was stored. */
  public boolean complete() {
    return refused.isEmpty();
  }
}
