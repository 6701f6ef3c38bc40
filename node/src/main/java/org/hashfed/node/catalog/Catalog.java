package org.hashfed.node.catalog;

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
  // Never lowered when a video goes: a larger value only makes a query search more of its frames.
  private final AtomicLong longestInterval = new AtomicLong();
  private final Map<SignalType, AtomicInteger> counts;
  private final ExpiryIndex expiries;

  private Catalog(PdqIndex pdq, ListingTable table, Map<String, List<Long>> exact, Map<Long, IndexedVideo> videos,
      Map<SignalType, AtomicInteger> counts) {
    this.pdq = pdq;
    this.table = table;
    this.exact = exact;
    this.videos = videos;
    this.counts = counts;
    this.expiries = new ExpiryIndex(table);
    videos.values().forEach(v -> longestInterval.accumulateAndGet(v.intervalMillis(), Math::max));
  }

  /** An empty catalog. */
  public static Catalog create() {
    return new Catalog(PdqIndex.create(), new ListingTable(0), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
        newCounts());
  }

  private static Map<SignalType, AtomicInteger> newCounts() {
    Map<SignalType, AtomicInteger> counts = new EnumMap<>(SignalType.class);
    for (SignalType t : SignalType.values()) {
      counts.put(t, new AtomicInteger());
    }
    return counts;
  }

  /** A builder for the start-up rebuild of a catalog of about {@code expected} listings. */
  public static Builder builder(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected size " + expected + " is negative (expected: 0 or more)");
    }
    return new Builder(expected);
  }

  /**
   * Collects the listings of a start-up replay in feed order, applying retractions and relabels as
   * they come, straight into the catalog's own columns (sized once, so millions of listings never
   * rehash) and the PDQ index's hash arrays; {@link #build} then builds the index tables in one pass.
   * Not thread-safe; the catalog it builds is.
   */
  public static final class Builder {
    private final ListingTable table;
    private final PdqIndex.Builder pdq;
    private final Map<String, List<Long>> exact = new ConcurrentHashMap<>();
    private final Map<Long, IndexedVideo> videos = new ConcurrentHashMap<>();
    private final Map<SignalType, AtomicInteger> counts = newCounts();
    private boolean built;

    private Builder(int expected) {
      table = new ListingTable(expected);
      pdq = PdqIndex.builder(expected);
    }

    /** Adds a submission; adding the same entry twice has no effect. */
    public void add(Listing listing) {
      checkNotBuilt();
      int ref = table.add(listing);
      if (ref < 0) {
        return;
      }
      Signal s = listing.signal();
      if (s.type() == SignalType.PDQ) {
        pdq.add(ref, PdqHash.fromHex(s.value()));
      } else if (s.video().isPresent()) {
        IndexedVideo v = IndexedVideo.of(s.video().get());
        videos.put((long) ref, v);
        for (int slot = 0; slot < v.slots(); slot++) {
          pdq.add(FrameRefs.of(ref, slot), v.hash(slot));
        }
      } else {
        indexExact(exact, ref, s);
      }
      counts.get(s.type()).incrementAndGet();
    }

    /** As {@link Catalog#retract}: removes the submission if {@code member} made it. */
    public void retract(EntryId entryId, MemberId member) {
      checkNotBuilt();
      int ref = table.ref(entryId);
      if (ref < 0 || !table.member(ref).equals(member)) {
        return;
      }
      SignalType type = table.type(ref);
      if (type == SignalType.PDQ) {
        pdq.remove(ref);
      } else if (type == SignalType.VPDQ) {
        IndexedVideo v = videos.remove((long) ref);
        for (int slot = 0; v != null && slot < v.slots(); slot++) {
          pdq.remove(FrameRefs.of(ref, slot));
        }
      } else {
        unindexExact(exact, ref, table.otherSignal(ref));
      }
      counts.get(type).decrementAndGet();
      table.remove(ref);
    }

    /** As {@link Catalog#relabel}: replaces the labels if {@code member} made the submission. */
    public void relabel(EntryId entryId, MemberId member, List<Label> labels) {
      checkNotBuilt();
      int ref = table.ref(entryId);
      if (ref >= 0 && table.member(ref).equals(member)) {
        table.relabel(ref, labels);
      }
    }

    /** The catalog; the builder cannot be used afterwards. */
    public Catalog build() {
      checkNotBuilt();
      built = true;
      return new Catalog(pdq.build(), table, exact, videos, counts);
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("catalog already built (expected: a new builder per catalog)");
      }
    }
  }

  /** Makes a submission matchable; adding the same entry twice has no effect. */
  public void add(Listing listing) {
    int ref = table.add(listing);
    if (ref < 0) {
      return;
    }
    Signal s = listing.signal();
    if (s.type() == SignalType.PDQ) {
      pdq.add(ref, PdqHash.fromHex(s.value()));
    } else if (s.video().isPresent()) {
      IndexedVideo v = IndexedVideo.of(s.video().get());
      for (int slot = 0; slot < v.slots(); slot++) {
        pdq.add(FrameRefs.of(ref, slot), v.hash(slot));
      }
      longestInterval.accumulateAndGet(v.intervalMillis(), Math::max);
      videos.put((long) ref, v);
    } else {
      indexExact(exact, ref, s);
    }
    counts.get(s.type()).incrementAndGet();
    expiries.add(ref);
  }

  private static void indexExact(Map<String, List<Long>> exact, long ref, Signal s) {
    exact.compute(key(s), (k, refs) -> {
      List<Long> next = refs == null ? new ArrayList<>(1) : new ArrayList<>(refs);
      next.add(ref);
      return List.copyOf(next);
    });
  }

  private static void unindexExact(Map<String, List<Long>> exact, long ref, Signal s) {
    exact.computeIfPresent(key(s), (k, refs) -> {
      List<Long> next = new ArrayList<>(refs);
      next.remove(Long.valueOf(ref));
      return next.isEmpty() ? null : List.copyOf(next);
    });
  }

  /** Stops a submission from matching (a retraction); returns whether it was matchable. */
  public boolean remove(EntryId entryId) {
    return remove(table.ref(entryId));
  }

  private boolean remove(int ref) {
    if (!table.isLive(ref)) {
      return false;
    }
    SignalType type = table.type(ref);
    if (type == SignalType.PDQ) {
      pdq.remove(ref);
    } else if (type == SignalType.VPDQ) {
      IndexedVideo v = videos.remove((long) ref);
      for (int slot = 0; v != null && slot < v.slots(); slot++) {
        pdq.remove(FrameRefs.of(ref, slot));
      }
    } else {
      unindexExact(exact, ref, table.otherSignal(ref));
    }
    counts.get(type).decrementAndGet();
    table.remove(ref);
    return true;
  }

  /**
   * Stops a submission from matching if {@code member} submitted it (a retraction applies only to
   * the retracting member's own submissions); returns whether it was matchable and removed.
   */
  public boolean retract(EntryId entryId, MemberId member) {
    int ref = table.ref(entryId);
    return ref >= 0 && table.member(ref).equals(member) && remove(ref);
  }

  /**
   * Replaces the labels of a matchable submission if {@code member} submitted it (a relabel);
   * returns whether it applied.
   */
  public boolean relabel(EntryId entryId, MemberId member, List<Label> labels) {
    int ref = table.ref(entryId);
    if (ref < 0 || !table.member(ref).equals(member)) {
      return false;
    }
    table.relabel(ref, labels);
    return true;
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
