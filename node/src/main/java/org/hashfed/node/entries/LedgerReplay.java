package org.hashfed.node.entries;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;

/**
 * Reads every stored feed entry once, in member then seq order, from the compact replay records
 * (one sequential scan, no envelope or JSON parsing). The envelopes stay the source of truth:
 *
 * <ul>
 *   <li>a store whose records are missing or of another format (written before they existed, or by
 *       another version) gets them rebuilt from the envelopes first, once;
 *   <li>a record that cannot be read, or one missing from a feed, is replaced by the entry parsed
 *       from its envelope, and rewritten.
 * </ul>
 */
final class LedgerReplay {

  /** Metadata key whose value (ASCII digits) is the format of every stored replay record. */
  static final String FORMAT_KEY = "replay.format";

  private static final Logger LOG = Logger.getLogger(LedgerReplay.class.getName());
  private static final int CHUNK = 8192;

  private final Store store;
  private final Consumer<ReplayRecord> apply;
  private final ReplayRecordCodec.Decoder decoder = new ReplayRecordCodec.Decoder();
  private final Iterator<Map.Entry<String, Long>> feeds;
  private final Map<String, Long> covered;
  private Chunk filling = new Chunk();
  private CompletableFuture<Chunk> decoding = CompletableFuture.completedFuture(null);
  private StoreWrite repairs = StoreWrite.create();
  private int pendingRepairs;
  private long repaired;
  private long count;
  private String member;
  private long head;
  private long next;

  private LedgerReplay(Store store, Map<String, Long> covered, Consumer<ReplayRecord> apply) {
    this.store = store;
    this.apply = apply;
    this.covered = covered;
    this.feeds = store.feedHeads().entrySet().iterator();
  }

  /**
   * Makes sure every stored entry has a replay record of the current format, building them from
   * the envelopes when the store has none or another format (once); blocking.
   */
  static void ensureRecords(Store store) {
    if (!recordsAreCurrent(store)) {
      rebuildRecords(store);
    }
  }

  /**
   * Calls {@code apply} for every stored entry, in member then seq order, and returns how many;
   * blocking. Runs {@link #ensureRecords} first (a caller that sizes what it builds from the
   * records calls it before).
   */
  static long run(Store store, Consumer<ReplayRecord> apply) {
    return run(store, Map.of(), apply);
  }

  /**
   * As {@link #run(Store, Consumer)} for the entries after {@code covered} (member to the last seq
   * a start-up snapshot holds; a member it leaves out from its first entry): the same checks and
   * repairs, on the tail of each feed only.
   */
  static long run(Store store, Map<String, Long> covered, Consumer<ReplayRecord> apply) {
    ensureRecords(store);
    LedgerReplay replay = new LedgerReplay(store, covered, apply);
    store.forEachReplayRecordAfter(covered, replay::collect);
    replay.drain();
    replay.finish();
    return replay.count;
  }

  private static boolean recordsAreCurrent(Store store) {
    return store.meta(FORMAT_KEY).map(v -> new String(v, StandardCharsets.US_ASCII))
        .filter(v -> v.equals(Integer.toString(ReplayRecordCodec.FORMAT))).isPresent();
  }

  /**
   * Writes the record of every stored entry from its envelope, then marks the records current: the
   * one-off migration of a store written before the records existed (or with another format).
   * Parsing is the cost, so chunks of entries parse in parallel. Idempotent: a crash before the
   * mark means the next start rebuilds again.
   */
  private static void rebuildRecords(Store store) {
    long started = System.nanoTime();
    Optional<String> found = store.meta(FORMAT_KEY).map(v -> new String(v, StandardCharsets.US_ASCII));
    List<Raw> chunk = new ArrayList<>(CHUNK);
    long[] written = {0};
    store.forEachFeedEntry((m, seq, id, envelope) -> {
      chunk.add(new Raw(m, seq, envelope));
      if (chunk.size() == CHUNK) {
        written[0] += writeRecords(store, chunk);
      }
    });
    written[0] += writeRecords(store, chunk);
    store.commit(StoreWrite.create().putMeta(FORMAT_KEY,
        Integer.toString(ReplayRecordCodec.FORMAT).getBytes(StandardCharsets.US_ASCII)));
    if (written[0] > 0) {
      LOG.info(() -> "built replay records (format " + ReplayRecordCodec.FORMAT + ") for " + written[0]
          + " stored entries from their envelopes, once: the store had " + found.map(f -> "records of format " + f)
          .orElse("none") + "; " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
  }

  private record Raw(String member, long seq, byte[] envelope) {}

  private static int writeRecords(Store store, List<Raw> chunk) {
    ReplayRecord[] records = new ReplayRecord[chunk.size()];
    IntStream.range(0, records.length).parallel()
        .forEach(i -> records[i] = parse(chunk.get(i).member(), chunk.get(i).seq(), chunk.get(i).envelope()));
    StoreWrite w = StoreWrite.create();
    for (ReplayRecord r : records) {
      w.putReplayRecord(r.member().value(), r.seq(), ReplayRecordCodec.encode(r));
    }
    if (!w.isEmpty()) {
      store.commit(w);
    }
    chunk.clear();
    return records.length;
  }

  // Decoding a chunk (on the common pool, one chunk after the other with the one decoder) overlaps
  // reading the next chunk from the store and applying the one before it on the replay thread: at
  // millions of records each of the three takes seconds, and they share nothing but the chunk.
  private void collect(String m, long seq, byte[] bytes) {
    filling.add(m, seq, bytes);
    if (filling.size == CHUNK) {
      handOver();
    }
  }

  private void handOver() {
    Chunk full = filling;
    filling = new Chunk();
    CompletableFuture<Chunk> previous = decoding;
    decoding = previous.thenApplyAsync(ignored -> full.decode(decoder));
    applyDecoded(previous);
  }

  private void drain() {
    handOver();
    applyDecoded(decoding);
  }

  private void applyDecoded(CompletableFuture<Chunk> decoded) {
    Chunk c;
    try {
      c = decoded.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
    for (int i = 0; c != null && i < c.size; i++) {
      visit(c.members[i], c.seqs[i], c.decoded[i]);
    }
  }

  /** Raw records read from the store, then what decoding made of each. */
  private static final class Chunk {
    final String[] members = new String[CHUNK];
    final long[] seqs = new long[CHUNK];
    final byte[][] bytes = new byte[CHUNK][];
    /** A {@link ReplayRecord}, or the {@link ReplayRecordCodec.UnreadableRecordException} that refused it. */
    final Object[] decoded = new Object[CHUNK];
    int size;

    void add(String m, long seq, byte[] b) {
      members[size] = m;
      seqs[size] = seq;
      bytes[size++] = b;
    }

    Chunk decode(ReplayRecordCodec.Decoder decoder) {
      for (int i = 0; i < size; i++) {
        try {
          decoded[i] = decoder.decode(members[i], seqs[i], bytes[i]);
        } catch (ReplayRecordCodec.UnreadableRecordException e) {
          decoded[i] = e;
        }
        bytes[i] = null;
      }
      return this;
    }
  }

  private void visit(String m, long seq, Object decoded) {
    if (!m.equals(member)) {
      finishFeed();
      startFeed(m);
    }
    if (seq > head) {
      throw new StoreException("store " + store.dir() + " is inconsistent: a replay record for " + m + "/" + seq
          + " beyond the feed's head " + head);
    }
    recoverUpTo(seq - 1);
    ReplayRecord r;
    if (decoded instanceof ReplayRecord record) {
      r = record;
    } else {
      ReplayRecordCodec.UnreadableRecordException e = (ReplayRecordCodec.UnreadableRecordException) decoded;
      LOG.warning(() -> "replay record " + m + "/" + seq + " is unreadable (" + e.getMessage()
          + "): reading the entry from its envelope and rewriting the record");
      r = recover(m, seq);
    }
    accept(r);
    next = seq + 1;
  }

  // Feeds of the store that come before member m have no records at all. Member ids are ASCII, so
  // string order is the byte order of the keys.
  private void startFeed(String m) {
    while (feeds.hasNext()) {
      Map.Entry<String, Long> f = feeds.next();
      member = f.getKey();
      head = f.getValue();
      next = covered.getOrDefault(member, 0L) + 1;
      int order = member.compareTo(m);
      if (order == 0) {
        return;
      } else if (order > 0) {
        break;
      }
      finishFeed();
    }
    throw new StoreException("store " + store.dir() + " is inconsistent: replay records for member " + m
        + " who has no stored feed");
  }

  private void finishFeed() {
    if (member != null) {
      recoverUpTo(head);
    }
  }

  private void finish() {
    finishFeed();
    while (feeds.hasNext()) {
      Map.Entry<String, Long> f = feeds.next();
      member = f.getKey();
      head = f.getValue();
      next = covered.getOrDefault(member, 0L) + 1;
      finishFeed();
    }
    commitRepairs();
    if (repaired > 0) {
      LOG.warning(() -> "rewrote " + repaired + " replay records from their envelopes");
    }
  }

  private void recoverUpTo(long last) {
    if (next <= last) {
      long first = next;
      LOG.warning(() -> "replay records " + member + "/" + first + ".." + last + " are missing"
          + ": reading the entries from their envelopes and rewriting the records");
    }
    for (; next <= last; next++) {
      accept(recover(member, next));
    }
  }

  private void accept(ReplayRecord r) {
    apply.accept(r);
    count++;
  }

  private ReplayRecord recover(String m, long seq) {
    byte[] id = store.feedEntry(m, seq).orElseThrow(() -> new StoreException("store " + store.dir()
        + " is inconsistent: feed " + m + " has head " + head + " but no entry at seq " + seq));
    byte[] envelope = store.envelope(id).orElseThrow(() -> new StoreException("store " + store.dir()
        + " is inconsistent: feed " + m + " seq " + seq + " names an entry with no envelope"));
    ReplayRecord r = parse(m, seq, envelope);
    repairs.putReplayRecord(m, seq, ReplayRecordCodec.encode(r));
    repaired++;
    if (++pendingRepairs == CHUNK) {
      commitRepairs();
    }
    return r;
  }

  private void commitRepairs() {
    if (pendingRepairs > 0) {
      store.commit(repairs);
      repairs = StoreWrite.create();
      pendingRepairs = 0;
    }
  }

  private static ReplayRecord parse(String member, long seq, byte[] envelopeBytes) {
    byte[] payload;
    try {
      payload = Envelope.parse(envelopeBytes).payload();
    } catch (EnvelopeFormatException e) {
      throw new StoreException("stored envelope " + member + "/" + seq + " does not parse: " + e.getMessage(), e);
    }
    Entry entry;
    try {
      entry = Entry.parse(payload);
    } catch (EntryFormatException e) {
      throw new StoreException("stored entry " + member + "/" + seq + " does not parse: " + e.getMessage(), e);
    }
    if (!entry.member().value().equals(member) || entry.seq() != seq) {
      throw new StoreException("store is inconsistent: feed " + member + " seq " + seq + " names entry "
          + entry.member() + "/" + entry.seq());
    }
    return ReplayRecord.of(EntryId.ofPayload(payload), entry);
  }
}
