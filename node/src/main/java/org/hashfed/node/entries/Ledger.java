package org.hashfed.node.entries;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedHead;
import org.hashfed.protocol.feed.FeedState;

/**
 * The node's entries: rebuilt from the store at start, then written by its {@link LedgerWriter}
 * (this member's entries, verified entries of other members) and read by its {@link LedgerReader}
 * (feed heads, the catalog, entry look-ups), which share the feed heads and the {@link Catalog}.
 *
 * <p>Every write is one atomic, fsynced store batch, and the catalog changes only after it, so
 * anything acknowledged survives a crash and anything matchable is stored. Writes are serialised;
 * every method blocks on RocksDB and must run on a worker thread.
 */
public final class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
  /** How long a request for a new own entry waits for the {@link OwnFeedGate} before it is refused. */
  public static final java.time.Duration OWN_FEED_WAIT = java.time.Duration.ofSeconds(10);

  private final LedgerReader reader;
  private final LedgerWriter writer;
  private final Store store;
  private final Map<MemberId, FeedState> heads;
  // null for a read follower, which writes no snapshot
  private final OpinionRecords opinions;
  private final Object snapshotLock = new Object();
  // The heads of the snapshot last read or written: an unchanged node does not write it again.
  private Map<MemberId, FeedHead> snapshotHeads;

  private Ledger(LedgerReader reader, LedgerWriter writer, Store store, Map<MemberId, FeedState> heads,
      OpinionRecords opinions, Map<MemberId, FeedHead> snapshotHeads) {
    this.reader = reader;
    this.writer = writer;
    this.store = store;
    this.heads = heads;
    this.opinions = opinions;
    this.snapshotHeads = snapshotHeads;
  }

  /**
   * Rebuilds the feed heads and the catalog from the start-up snapshot next to the store, if there
   * is a usable one, and a replay of the entries stored after it, or else from a replay of every
   * stored feed, in order; blocking. The replay reads the compact replay record stored with each
   * entry (building them from the envelopes first for a store that lacks them), not the envelopes,
   * handing each replayed entry once to every listener's {@link LedgerListener#replayed}, after
   * the opinions the snapshot covers. {@code listeners} follow every entry accepted after the replay.
   *
   * @throws StoreException when the store cannot be read or a stored envelope needed to rebuild a
   *     record does not parse
   */
  public static Ledger open(Store store, MemberIdentity identity, int minPdqQuality, Clock clock,
      List<LedgerListener> listeners) {
    return open(store, identity, minPdqQuality, clock, listeners, OwnFeedGate.opened());
  }

  /**
   * As {@link #open(Store, MemberIdentity, int, Clock, List)}, holding this member's new entries
   * until {@code ownFeed} opens.
   */
  public static Ledger open(Store store, MemberIdentity identity, int minPdqQuality, Clock clock,
      List<LedgerListener> listeners, OwnFeedGate ownFeed) {
    long started = System.nanoTime();
    LedgerReplay.ensureRecords(store);
    OpinionRecords opinions = new OpinionRecords();
    List<LedgerListener> all = new ArrayList<>(listeners);
    all.add(opinions);
    Optional<StartupSnapshot.Restored> restored = StartupSnapshot.load(StartupSnapshot.fileOf(store), store);
    Map<MemberId, FeedHead> snapshotHeads = restored.map(StartupSnapshot.Restored::heads).orElse(Map.of());
    Replayed replayed = replay(store, all, restored);
    Map<MemberId, FeedState> feeds = replayed.heads();
    Catalog catalog = replayed.catalog();
    long count = replayed.count();
    LOG.info(() -> "rebuilt indexes from " + (restored.isPresent() ? "the start-up snapshot and " : "") + count
        + " entries of " + feeds.size() + " members: " + catalog.size() + " matchable signals in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
    // One map of heads: the writer publishes a head there only once its entries are matchable,
    // and the reader serves it from there.
    Map<MemberId, FeedState> shared = new ConcurrentHashMap<>(feeds);
    LedgerReader reader = new LedgerReader(store, identity.member(), catalog, clock, shared);
    return new Ledger(reader,
        new LedgerWriter(store, identity, catalog, minPdqQuality, clock, shared, all, ownFeed, reader),
        store, shared, opinions, snapshotHeads);
  }

  /**
   * A read follower's ledger over a store copied from {@code member}'s node: replays it as
   * {@link #open} does, and then changes only by {@link #applyCopied}; it holds no member key, so
   * every own write is refused with {@link IllegalStateException}. Blocking.
   */
  public static Ledger openCopy(Store store, MemberId member, Clock clock, List<LedgerListener> listeners) {
    Replayed replayed = replay(store, listeners, Optional.empty());
    Map<MemberId, FeedState> shared = new ConcurrentHashMap<>(replayed.heads());
    Catalog catalog = replayed.catalog();
    LedgerReader reader = new LedgerReader(store, member, catalog, clock, shared);
    return new Ledger(reader, LedgerWriter.replica(store, member, catalog, clock, shared, listeners, reader),
        store, shared, null, Map.of());
  }

  /**
   * Writes the start-up snapshot of what the ledger holds now ({@code <store>.snapshot} next to
   * the store, spec/store.md section 3.2), unless no feed moved since the snapshot this ledger last
   * read or wrote; returns whether it wrote one. Holds off writes only while it copies what they
   * would change (about a tenth of a second at ten million listings), then writes the file
   * through a temporary file and an atomic rename; matching never waits. Blocking: seconds at
   * millions of listings.
   *
   * @throws IOException when the file cannot be written; the previous snapshot stays
   * @throws IllegalStateException on a read follower
   */
  public boolean writeSnapshot() throws IOException {
    if (opinions == null) {
      throw new IllegalStateException("a read follower writes no start-up snapshot (expected: a member's node)");
    }
    synchronized (snapshotLock) {
      byte[] storeId = StartupSnapshot.storeId(store);
      StartupSnapshot.Taken taken = writer.whileIdle(() -> {
        Map<MemberId, FeedHead> now = new LinkedHashMap<>();
        heads.forEach((m, state) -> state.head().ifPresent(h -> now.put(m, h)));
        return now.equals(snapshotHeads) ? null
            : new StartupSnapshot.Taken(now, opinions.list(), reader.catalog().freeze());
      });
      if (taken == null) {
        return false;
      }
      long started = System.nanoTime();
      StartupSnapshot.write(StartupSnapshot.fileOf(store), storeId, taken);
      snapshotHeads = taken.heads();
      LOG.info(() -> "wrote the start-up snapshot " + StartupSnapshot.fileOf(store) + ": "
          + taken.catalog().size() + " matchable signals of " + taken.heads().size() + " feeds in "
          + (System.nanoTime() - started) / 1_000_000 + " ms");
      return true;
    }
  }

  /** The opinions the next start-up snapshot would hold, in the order it would hold them; for tests. */
  List<ReplayRecord> snapshotOpinions() {
    if (opinions == null) {
      throw new IllegalStateException("a read follower holds no snapshot opinions (expected: a member's node)");
    }
    return opinions.list();
  }

  /** What a replay of the store's records builds: the catalog, each member's feed head, the record count. */
  private record Replayed(Catalog catalog, Map<MemberId, FeedState> heads, long count) {}

  // The one replay loop of a member's node and a read follower: both rebuild the same catalog. From
  // a snapshot, the listeners see its opinions first, then the entries after it.
  private static Replayed replay(Store store, List<LedgerListener> listeners,
      Optional<StartupSnapshot.Restored> restored) {
    Map<MemberId, FeedHead> heads = new LinkedHashMap<>();
    Catalog.Builder listings;
    Map<String, Long> covered;
    if (restored.isPresent()) {
      heads.putAll(restored.get().heads());
      listings = restored.get().catalog();
      covered = restored.get().covered();
      for (ReplayRecord o : restored.get().opinions()) {
        for (LedgerListener l : listeners) {
          l.replayed(o);
        }
      }
    } else {
      listings = Catalog.builder((int) Math.min(Integer.MAX_VALUE, store.estimatedReplayRecords()));
      covered = Map.of();
    }
    long count = LedgerReplay.run(store, covered, r -> {
      heads.put(r.member(), new FeedHead(r.member(), r.seq(), r.id(), r.time()));
      if (r.body() instanceof ReplayRecord.Submitted s) {
        listings.add(Listing.create(r.id(), r.member(), s.signal(), s.labels(), s.incident(), r.time(),
            s.expiresAt()));
      } else if (r.body() instanceof ReplayRecord.Retracted t) {
        listings.retract(t.target(), r.member());
      } else if (r.body() instanceof ReplayRecord.Relabelled t) {
        listings.relabel(t.target(), r.member(), t.labels());
      }
      for (LedgerListener l : listeners) {
        l.replayed(r);
      }
    });
    Map<MemberId, FeedState> feeds = new LinkedHashMap<>();
    heads.forEach((m, h) -> feeds.put(m, FeedState.of(h)));
    return new Replayed(listings.build(), feeds, count);
  }

  /**
   * Applies the records of entries copied into the store from the leader, in the leader's order
   * (a read follower's only write); decodes them from the bytes stored under {@code member}/{@code seq}.
   */
  public void applyCopied(List<ReplayRecord> records) {
    writer.applyCopied(records);
  }

  /** Decodes a replay record copied from the leader (its store key names the member and seq). */
  public static ReplayRecord decodeCopied(String member, long seq, byte[] record) {
    try {
      return new ReplayRecordCodec.Decoder().decode(member, seq, record);
    } catch (ReplayRecordCodec.UnreadableRecordException e) {
      throw new IllegalArgumentException("copied replay record " + member + "/" + seq + " is unreadable: "
          + e.getMessage(), e);
    }
  }

  /** The gate holding this member's new entries until a peer confirms the node holds its whole feed. */
  public OwnFeedGate ownFeed() {
    return writer.ownFeed();
  }

  /** The catalog of matchable submissions. */
  public Catalog catalog() {
    return reader.catalog();
  }

  /** This node's member. */
  public MemberId member() {
    return reader.member();
  }

  /** Highest stored seq of each member's feed. */
  public Map<String, Long> entriesByMember() {
    return reader.entriesByMember();
  }

  /** What this node holds of a member's feed: empty, or its contiguous head. */
  public FeedState feed(MemberId member) {
    return reader.feed(member);
  }

  /** See {@link LedgerWriter#submit}. */
  public Appended submit(Submit submit) {
    return writer.submit(submit);
  }

  /** See {@link LedgerWriter#retract}. */
  public Appended retract(EntryId target, ReasonCode reason, Optional<String> note) {
    return writer.retract(target, reason, note);
  }

  /** See {@link LedgerWriter#relabel}. */
  public Appended relabel(Relabel relabel) {
    return writer.relabel(relabel);
  }

  /** See {@link LedgerWriter#opinion}. */
  public Appended opinion(EntryId target, Stance stance, ReasonCode reason, Optional<String> note) {
    return writer.opinion(target, stance, reason, note);
  }

  /** See {@link LedgerWriter#ingest}. */
  public Appended ingest(SignedEntry verified) {
    return writer.ingest(verified);
  }

  /** See {@link LedgerWriter#ingestAll}. */
  public Ingested ingestAll(List<SignedEntry> verified) {
    return writer.ingestAll(verified);
  }

  /** See {@link LedgerWriter#whileIdle}. */
  public <T> T whileIdle(java.util.function.Supplier<T> action) {
    return writer.whileIdle(action);
  }

  /** The monitor every write holds, for work that must not interleave with one (the provenance log's rosters). */
  public Object writeLock() {
    return writer;
  }

  /** The ids of stored entries whose id starts with {@code prefix}; blocking. */
  public List<EntryId> idsWithPrefix(byte[] prefix) {
    return reader.idsWithPrefix(prefix);
  }

  /** The stored entry with its envelope, status and opinions, if any; blocking. */
  public Optional<EntryRecord> find(EntryId id) {
    return reader.find(id);
  }
}
