package org.hashfed.node.catalog;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.node.match.PdqHit;
import org.hashfed.node.snapshot.SnapshotFormatException;
import org.hashfed.node.snapshot.SnapshotInput;
import org.hashfed.node.snapshot.SnapshotOutput;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The in-memory view of every active submission, for matching: an exact map for md5 and sha256,
 * the PDQ multi-index for pdq and for the frames of vpdq videos (under {@link FrameRefs}), and the
 * listings themselves in compact columns ({@link ListingTable}), made into {@link Listing}s only for
 * the hits a match returns. A PDQ listing's hash is kept once, in the index. Rebuilt from the store
 * at start, updated as entries are stored.
 *
 * <p>Thread-safe: matches run concurrently with updates and never block on them. Retracted
 * submissions are removed; expired ones are skipped at match time.
 */
public final class Catalog {

  /** Most matches returned for one query signal, best first. */
  public static final int MAX_MATCHES_PER_SIGNAL = 100;

  private final PdqIndex pdq;
  private final ListingTable table;
  private final Map<String, List<Long>> exact;
  private final Map<Long, IndexedVideo> videos;
  private final AtomicLong longestInterval;
  private final Map<SignalType, AtomicInteger> counts;
  private final Changes changes;
  private final ExpiryIndex expiries;

  private Catalog(PdqIndex pdq, Changes changes) {
    this.pdq = pdq;
    this.changes = changes;
    this.table = changes.table;
    this.exact = changes.exact;
    this.videos = changes.videos;
    this.counts = changes.counts;
    this.longestInterval = changes.longestInterval;
    this.expiries = new ExpiryIndex(table);
  }

  /** An empty catalog. */
  public static Catalog create() {
    return new Catalog(PdqIndex.create(), new Changes(new ListingTable(0)));
  }

  /** A builder for the start-up rebuild of a catalog of about {@code expected} listings. */
  public static Builder builder(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected size " + expected + " is negative (expected: 0 or more)");
    }
    return new Builder(new ListingTable(expected), PdqIndex.builder(expected));
  }

  /** Where a catalog or its builder puts a PDQ hash: the index or the index's builder. */
  private interface Hashes {
    void add(long ref, PdqHash hash);

    void remove(long ref);
  }

  /**
   * The listing columns, the exact-value map, the videos and the counts by type, changed alike by
   * a catalog and its builder; only where the hashes go differs.
   */
  private static final class Changes {
    final ListingTable table;
    final Map<String, List<Long>> exact = new ConcurrentHashMap<>();
    final Map<Long, IndexedVideo> videos = new ConcurrentHashMap<>();
    final Map<SignalType, AtomicInteger> counts = new EnumMap<>(SignalType.class);
    // Never lowered when a video goes: a larger value only makes a query search more of its frames.
    final AtomicLong longestInterval = new AtomicLong();

    Changes(ListingTable table) {
      this.table = table;
      for (SignalType t : SignalType.values()) {
        counts.put(t, new AtomicInteger());
      }
    }

    /** Indexes a listing; returns its ref, or -1 when its entry is already present. */
    int add(Listing listing, Hashes hashes) {
      int ref = table.add(listing);
      if (ref >= 0) {
        index(ref, listing.signal(), hashes);
      }
      return ref;
    }

    void index(int ref, Signal s, Hashes hashes) {
      if (s.type() == SignalType.PDQ) {
        hashes.add(ref, PdqHash.fromHex(s.value()));
      } else if (s.video().isPresent()) {
        IndexedVideo v = IndexedVideo.of(s.video().get());
        for (int slot = 0; slot < v.slots(); slot++) {
          hashes.add(FrameRefs.of(ref, slot), v.hash(slot));
        }
        // before the video can be found, so that a query that finds it searches far enough
        longestInterval.accumulateAndGet(v.intervalMillis(), Math::max);
        videos.put((long) ref, v);
      } else {
        indexExact(ref, s);
      }
      counts.get(s.type()).incrementAndGet();
    }

    /** Removes a live listing; returns whether it was live. */
    boolean remove(int ref, Hashes hashes) {
      if (!table.isLive(ref)) {
        return false;
      }
      SignalType type = table.type(ref);
      if (type == SignalType.PDQ) {
        hashes.remove(ref);
      } else if (type == SignalType.VPDQ) {
        IndexedVideo v = videos.remove((long) ref);
        for (int slot = 0; v != null && slot < v.slots(); slot++) {
          hashes.remove(FrameRefs.of(ref, slot));
        }
      } else {
        unindexExact(ref, table.otherSignal(ref));
      }
      counts.get(type).decrementAndGet();
      table.remove(ref);
      return true;
    }

    /** Removes the submission if {@code member} made it (a retraction); returns whether it was live. */
    boolean retract(EntryId entryId, MemberId member, Hashes hashes) {
      int ref = table.ref(entryId);
      return ref >= 0 && table.member(ref).equals(member) && remove(ref, hashes);
    }

    /** Replaces the labels if {@code member} made the submission (a relabel); returns whether it applied. */
    boolean relabel(EntryId entryId, MemberId member, List<Label> labels) {
      int ref = table.ref(entryId);
      if (ref < 0 || !table.member(ref).equals(member)) {
        return false;
      }
      table.relabel(ref, labels);
      return true;
    }

    private void indexExact(long ref, Signal s) {
      exact.compute(key(s), (k, refs) -> {
        List<Long> next = refs == null ? new ArrayList<>(1) : new ArrayList<>(refs);
        next.add(ref);
        return List.copyOf(next);
      });
    }

    private void unindexExact(long ref, Signal s) {
      exact.computeIfPresent(key(s), (k, refs) -> {
        List<Long> next = new ArrayList<>(refs);
        next.remove(Long.valueOf(ref));
        return next.isEmpty() ? null : List.copyOf(next);
      });
    }
  }

  /**
   * Collects the listings of a start-up replay in feed order, applying retractions and relabels as
   * they come, straight into the catalog's own columns (sized once, so millions of listings never
   * rehash) and the PDQ index's hash arrays; {@link #build} then builds the index tables in one pass.
   * Not thread-safe; the catalog it builds is.
   */
  public static final class Builder {
    private final Changes changes;
    private final PdqIndex.Builder pdq;
    private final Hashes hashes;
    private boolean built;

    private Builder(ListingTable table, PdqIndex.Builder pdq) {
      this.changes = new Changes(table);
      this.pdq = pdq;
      this.hashes = new Hashes() {
        @Override
        public void add(long ref, PdqHash hash) {
          pdq.add(ref, hash);
        }

        @Override
        public void remove(long ref) {
          pdq.remove(ref);
        }
      };
    }

    /**
     * A builder holding what a start-up snapshot holds ({@link Frozen#writeTo}), to which a replay
     * of the entries after the snapshot adds; the exact-value map, the videos and the counts are
     * made again from the listings.
     *
     * @throws SnapshotFormatException when a length or number is out of bounds, or the listings
     *     and the index's hashes do not agree
     */
    public static Builder readFrom(SnapshotInput in) throws IOException, SnapshotFormatException {
      ListingTable table = ListingTable.readFrom(in);
      PdqIndex.Builder pdq = PdqIndex.Builder.readFrom(in);
      Builder b = new Builder(table, pdq);
      // the hashes are in the index already: only the side structures are made again
      Hashes none = new Hashes() {
        @Override
        public void add(long ref, PdqHash hash) {}

        @Override
        public void remove(long ref) {}
      };
      long hashes = 0;
      for (int ref = 0; ref < table.end(); ref++) {
        if (!table.isLive(ref)) {
          continue;
        }
        SignalType type = table.type(ref);
        Signal s = type == SignalType.PDQ ? null : table.otherSignal(ref);
        if (s == null) {
          b.changes.counts.get(type).incrementAndGet();
          hashes++;
        } else {
          b.changes.index(ref, s, none);
          IndexedVideo v = b.changes.videos.get((long) ref);
          hashes += v == null ? 0 : v.slots();
        }
      }
      if (hashes != pdq.size()) {
        throw new SnapshotFormatException("the listings hold " + hashes + " PDQ hashes but the index " + pdq.size());
      }
      return b;
    }

    /** Adds a submission; adding the same entry twice has no effect. */
    public void add(Listing listing) {
      checkNotBuilt();
      changes.add(listing, hashes);
    }

    /** As {@link Catalog#retract}: removes the submission if {@code member} made it. */
    public void retract(EntryId entryId, MemberId member) {
      checkNotBuilt();
      changes.retract(entryId, member, hashes);
    }

    /** As {@link Catalog#relabel}: replaces the labels if {@code member} made the submission. */
    public void relabel(EntryId entryId, MemberId member, List<Label> labels) {
      checkNotBuilt();
      changes.relabel(entryId, member, labels);
    }

    /** The catalog; the builder cannot be used afterwards. */
    public Catalog build() {
      checkNotBuilt();
      built = true;
      return new Catalog(pdq.build(), changes);
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("catalog already built (expected: a new builder per catalog)");
      }
    }
  }

  /**
   * The catalog as it is now, for a start-up snapshot: shares what later changes leave alone and
   * copies the rest (about 180 MB at ten million listings), so it can be written while the catalog
   * changes. The caller holds off every change meanwhile (the ledger's write lock), so that the
   * listings and the index agree and match the store.
   */
  public Frozen freeze() {
    return new Frozen(table.freeze(), pdq.freeze());
  }

  /** A catalog taken by {@link #freeze}. */
  public static final class Frozen {
    private final ListingTable.Frozen listings;
    private final PdqIndex.Frozen index;

    private Frozen(ListingTable.Frozen listings, PdqIndex.Frozen index) {
      this.listings = listings;
      this.index = index;
    }

    /** Number of matchable submissions it holds. */
    public int size() {
      return listings.live();
    }

    /** Writes the listings, then the index's hashes, as {@link Builder#readFrom} reads them (spec/store.md section 3.2). */
    public void writeTo(SnapshotOutput out) throws IOException {
      listings.writeTo(out);
      index.writeTo(out);
    }
  }

  private final Hashes indexHashes = new Hashes() {
    @Override
    public void add(long ref, PdqHash hash) {
      pdq.add(ref, hash);
    }

    @Override
    public void remove(long ref) {
      pdq.remove(ref);
    }
  };

  /** Makes a submission matchable; adding the same entry twice has no effect. */
  public void add(Listing listing) {
    int ref = changes.add(listing, indexHashes);
    if (ref >= 0) {
      expiries.add(ref);
    }
  }

  /** Stops a submission from matching (a retraction); returns whether it was matchable. */
  public boolean remove(EntryId entryId) {
    return changes.remove(table.ref(entryId), indexHashes);
  }

  /**
   * Stops a submission from matching if {@code member} submitted it (a retraction applies only to
   * the retracting member's own submissions); returns whether it was matchable and removed.
   */
  public boolean retract(EntryId entryId, MemberId member) {
    return changes.retract(entryId, member, indexHashes);
  }

  /**
   * Replaces the labels of a matchable submission if {@code member} submitted it (a relabel);
   * returns whether it applied.
   */
  public boolean relabel(EntryId entryId, MemberId member, List<Label> labels) {
    return changes.relabel(entryId, member, labels);
  }

  /** The listing of a matchable submission (present and not retracted; it may have expired). */
  public Optional<Listing> listing(EntryId entryId) {
    int ref = table.ref(entryId);
    return ref < 0 ? Optional.empty() : listing(ref);
  }

  // Empty when the listing went meanwhile (its PDQ hash or other signal removed with it).
  private Optional<Listing> listing(int ref) {
    if (!table.isLive(ref)) {
      return Optional.empty();
    }
    Signal signal;
    if (table.type(ref) == SignalType.PDQ) {
      Optional<PdqHash> hash = pdq.hash(ref);
      if (hash.isEmpty()) {
        return Optional.empty();
      }
      signal = Signal.create(SignalType.PDQ, hash.get().toHex(), table.quality(ref));
    } else {
      signal = table.otherSignal(ref);
      if (signal == null) {
        return Optional.empty();
      }
    }
    return Optional.of(table.listing(ref, signal));
  }

  /** Every listing, in no particular order; weakly consistent with concurrent changes. */
  public void forEach(java.util.function.Consumer<Listing> action) {
    int end = table.end();
    for (int ref = 0; ref < end; ref++) {
      listing(ref).ifPresent(action);
    }
  }

  /**
   * Every listing whose expiry is after {@code after} and at or before {@code until}, in the order
   * they were added, except expiries at or before a time given to {@link #forgetExpiriesThrough}.
   * Reads an index of expiry times: it touches only the listings due by {@code until} that were
   * not forgotten, not every listing.
   */
  public void forEachExpiringIn(Instant after, Instant until, java.util.function.Consumer<Listing> action) {
    for (int ref : expiries.dueBy(until.getEpochSecond())) {
      if (table.expiresAtSecond(ref) > after.getEpochSecond() && table.isLive(ref)) {
        listing(ref).ifPresent(action);
      }
    }
  }

  /**
   * Drops the expiries at or before {@code through} from the index behind
   * {@link #forEachExpiringIn}, which no longer reports them: for a sweep that has written their
   * events and only moves forward.
   */
  public void forgetExpiriesThrough(Instant through) {
    expiries.forgetThrough(through.getEpochSecond());
  }

  /** Whether the submission is matchable (present and not retracted; it may have expired). */
  public boolean contains(EntryId entryId) {
    return table.ref(entryId) >= 0;
  }

  /**
   * The active submissions matching {@code query}: equal values for md5 and sha256, PDQ hashes
   * within {@code maxDistance} (0..63) for pdq, videos by {@link VideoThresholds#DEFAULTS} for vpdq;
   * best first, at most {@link #MAX_MATCHES_PER_SIGNAL}.
   */
  public List<CatalogMatch> match(Signal query, int maxDistance, Instant now) {
    return match(query, maxDistance, now, l -> true);
  }

  /**
   * As {@link #match(Signal, int, Instant)}, keeping only listings {@code admit} accepts, before the
   * cap of {@link #MAX_MATCHES_PER_SIGNAL} (so refused listings never crowd out admitted ones).
   */
  public List<CatalogMatch> match(Signal query, int maxDistance, Instant now, Predicate<Listing> admit) {
    return match(query, maxDistance, VideoThresholds.DEFAULTS, now,
        m -> admit.test(m.listing()) ? Optional.of(m) : Optional.empty());
  }

  /**
   * The active submissions matching {@code query}, best first, each turned into a result by
   * {@code admit} or left out when it gives none; at most {@link #MAX_MATCHES_PER_SIGNAL} results,
   * counted after {@code admit}, so a filter that depends on the distance (a minimum confidence)
   * never lets refused matches crowd out admitted ones. A vpdq query matches the videos whose
   * frames reach {@code video}'s thresholds; its frames match at {@code maxDistance}.
   */
  public <T> List<T> match(Signal query, int maxDistance, VideoThresholds video, Instant now,
      Function<CatalogMatch, Optional<T>> admit) {
    return match(query, maxDistance, video, now, MAX_MATCHES_PER_SIGNAL, admit);
  }

  /**
   * As {@link #match(Signal, int, VideoThresholds, Instant, Function)}, with at most {@code limit}
   * results: ask for one more than you return to learn whether any were left out.
   */
  public <T> List<T> match(Signal query, int maxDistance, VideoThresholds video, Instant now, int limit,
      Function<CatalogMatch, Optional<T>> admit) {
    if (limit < 1) {
      throw new IllegalArgumentException("match limit " + limit + " is not positive (expected: 1 or more)");
    }
    List<T> out = new ArrayList<>();
    if (query.video().isPresent()) {
      IndexedVideo q = IndexedVideo.of(query.video().get());
      for (VideoMatcher.Hit h : VideoMatcher.match(pdq, q, maxDistance, video, longestInterval.get(),
          videos::get)) {
        if (out.size() == limit) {
          break;
        }
        int ref = (int) h.listingRef();
        if (table.isLive(ref) && !table.isExpired(ref, now) && video.admits(h.match())) {
          Optional<Listing> l = listing(ref);
          if (l.isPresent()) {
            admit.apply(new CatalogMatch(l.get(), h.distance(), Optional.of(h.match()))).ifPresent(out::add);
          }
        }
      }
    } else if (query.type() == SignalType.PDQ) {
      // the index collects every match before it sorts and cuts, so asking for all costs no more
      for (PdqHit m : pdq.searchHits(PdqHash.fromHex(query.value()), maxDistance)) {
        if (out.size() == limit) {
          break;
        }
        int ref = (int) m.ref();
        if (table.isLive(ref) && !table.isExpired(ref, now)) {
          Signal signal = Signal.create(SignalType.PDQ, m.hash().toHex(), table.quality(ref));
          admit.apply(new CatalogMatch(table.listing(ref, signal), m.distance())).ifPresent(out::add);
        }
      }
    } else {
      for (Long boxed : exact.getOrDefault(key(query), List.of())) {
        if (out.size() == limit) {
          break;
        }
        int ref = boxed.intValue();
        if (table.isLive(ref) && !table.isExpired(ref, now)) {
          listing(ref).ifPresent(l -> admit.apply(new CatalogMatch(l, 0)).ifPresent(out::add));
        }
      }
    }
    return out;
  }

  /**
   * Whether matching {@code query} at {@code maxDistance} is a look-up in memory: an md5 or sha256
   * value in the exact map, or a PDQ hash within {@link PdqIndex#MAX_INDEXED_DISTANCE}, searched in
   * the index's substring tables. Such a match takes microseconds to a few hundred, and neither
   * waits on a lock nor does I/O (every structure it reads is published to readers without one); a
   * PDQ search farther out scans every hash, and a vpdq query compares a video frame by frame.
   */
  public boolean isLookup(Signal query, int maxDistance) {
    return switch (query.type()) {
      case MD5, SHA256 -> true;
      case PDQ -> maxDistance <= PdqIndex.MAX_INDEXED_DISTANCE;
      case VPDQ -> false;
    };
  }

  /** Number of matchable submissions by signal type. */
  public Map<SignalType, Integer> sizeByType() {
    Map<SignalType, Integer> sizes = new EnumMap<>(SignalType.class);
    counts.forEach((t, n) -> sizes.put(t, n.get()));
    return sizes;
  }

  /** Number of matchable submissions. */
  public int size() {
    return table.size();
  }

  private static String key(Signal s) {
    return s.type().wireName() + ':' + s.value();
  }
}
