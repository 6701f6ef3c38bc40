package org.hashfed.node.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;

/**
 * Reads every stored feed entry once, in member then seq order, parsing chunks of entries in
 * parallel (parsing is the cost of a replay; the order only matters when the entries are applied).
 */
final class LedgerReplay {

  /** One stored entry, parsed. */
  record Parsed(long seq, EntryId id, Entry entry) {}

  private record Raw(String member, long seq, byte[] envelope) {}

  private static final int CHUNK = 8192;

  private LedgerReplay() {}

  /** Calls {@code apply} for every stored entry, in member then seq order; blocking. */
  static long run(Store store, Consumer<Parsed> apply) {
    List<Raw> chunk = new ArrayList<>(CHUNK);
    long[] count = {0};
    store.forEachFeedEntry((member, seq, id, envelope) -> {
      chunk.add(new Raw(member, seq, envelope));
      if (chunk.size() == CHUNK) {
        count[0] += flush(chunk, apply);
      }
    });
    count[0] += flush(chunk, apply);
    return count[0];
  }

  private static int flush(List<Raw> chunk, Consumer<Parsed> apply) {
    Parsed[] parsed = new Parsed[chunk.size()];
    IntStream.range(0, parsed.length).parallel().forEach(i -> parsed[i] = parse(chunk.get(i)));
    for (Parsed p : parsed) {
      apply.accept(p);
    }
    chunk.clear();
    return parsed.length;
  }

  private static Parsed parse(Raw raw) {
    byte[] payload;
    try {
      payload = Envelope.parse(raw.envelope()).payload();
    } catch (EnvelopeFormatException e) {
      throw new StoreException("stored envelope " + raw.member() + "/" + raw.seq() + " does not parse: "
          + e.getMessage(), e);
    }
    try {
      return new Parsed(raw.seq(), EntryId.ofPayload(payload), Entry.parse(payload));
    } catch (EntryFormatException e) {
      throw new StoreException("stored entry " + raw.member() + "/" + raw.seq() + " does not parse: "
          + e.getMessage(), e);
    }
  }
}
