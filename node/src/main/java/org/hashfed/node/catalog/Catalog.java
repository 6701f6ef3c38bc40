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
import org.hashfed.node.match.PdqMatch;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/**
 * The in-memory view of every active submission, for matching: an exact map for md5 and sha256,
 * the PDQ multi-index for pdq and for the frames of vpdq videos (under {@link FrameRefs}). Rebuilt
 * from the store at start, updated as entries are stored.
 *
 * <p>Thread-safe: matches run concurrently with updates and never block on them. Retracted
 * submissions are removed; expired ones are skipped at match time.
 */
public final class Catalog {

  /** Most matches returned for one query signal, best first. */
  public static final int MAX_MATCHES_PER_SIGNAL = 100;

  private final PdqIndex pdq;
  private final Map<Long, Listing> byRef;
  private final Map<EntryId, Long> refById;
  private final Map<String, List<Long>> exact = new ConcurrentHashMap<>();
  private final Map<Long, IndexedVideo> videos;
  private final AtomicLong nextRef;
  // Never lowered when a video goes: a larger value only makes a query search more of its frames.
  private final AtomicLong longestInterval = new AtomicLong();
  private final Map<SignalType, AtomicInteger> counts = new EnumMap<>(SignalType.class);

  private Catalog(PdqIndex pdq, long nextRef, Map<Long, Listing> byRef, Map<EntryId, Long> refById,
      Map<Long, IndexedVideo> videos) {
    this.pdq = pdq;
    this.videos = videos;
    this.byRef = byRef;
    this.refById = refById;
    this.nextRef = new AtomicLong(nextRef);
    for (SignalType t : SignalType.values()) {
      counts.put(t, new AtomicInteger());
    }
  }

  /** An empty catalog. */
  public static Catalog create() {
    return new Catalog(PdqIndex.create(), 0, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
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
   * they come, straight into the catalog's own maps (sized once, so millions of listings never
   * rehash or pass through another map); {@link #build} then indexes the PDQ hashes in one pass.
   * Not thread-safe; the catalog it builds is.
   */
  public static final class Builder {
    private final Map<Long, Listing> byRef;
    private final Map<EntryId, Long> refById;
    private final List<Listing> byOrder;
    private boolean built;

    private Builder(int expected) {
      byRef = new ConcurrentHashMap<>(expected);
      refById = new ConcurrentHashMap<>(expected);
      byOrder = new ArrayList<>(expected);
    }

    /** Adds a submission; adding the same entry twice has no effect. */
    public void add(Listing listing) {
      checkNotBuilt();
      Long ref = (long) byOrder.size();
      // one look-up per listing: at millions of listings each is a cache miss
      if (refById.putIfAbsent(listing.entryId(), ref) != null) {
        return;
      }
      byOrder.add(listing);
      byRef.put(ref, listing);
    }

    /** As {@link Catalog#retract}: removes the submission if {@code member} made it. */
    public void retract(EntryId entryId, MemberId member) {
      checkNotBuilt();
      Long ref = refById.get(entryId);
      if (ref != null && byRef.get(ref).member().equals(member)) {
        refById.remove(entryId);
        byRef.remove(ref);
        byOrder.set(ref.intValue(), null);
      }
    }

    /** As {@link Catalog#relabel}: replaces the labels if {@code member} made the submission. */
    public void relabel(EntryId entryId, MemberId member, List<Label> labels) {
      checkNotBuilt();
      Long ref = refById.get(entryId);
      if (ref != null && byRef.get(ref).member().equals(member)) {
        Listing relabelled = byRef.get(ref).withLabels(labels);
        byRef.put(ref, relabelled);
        byOrder.set(ref.intValue(), relabelled);
      }
    }

    /** The catalog; the builder cannot be used afterwards. */
    public Catalog build() {
      checkNotBuilt();
      built = true;
      PdqIndex.Builder pdq = PdqIndex.builder(byRef.size());
      Map<Long, IndexedVideo> videos = new ConcurrentHashMap<>();
      for (int ref = 0; ref < byOrder.size(); ref++) {
        Listing l = byOrder.get(ref);
        if (l != null && l.signal().type() == SignalType.PDQ) {
          pdq.add(ref, PdqHash.fromHex(l.signal().value()));
        } else if (l != null && l.signal().video().isPresent()) {
          IndexedVideo v = IndexedVideo.of(l.signal().video().get());
          videos.put((long) ref, v);
          for (int slot = 0; slot < v.slots(); slot++) {
            pdq.add(FrameRefs.of(ref, slot), v.hash(slot));
          }
        }
      }
      Catalog c = new Catalog(pdq.build(), byOrder.size(), byRef, refById, videos);
      videos.values().forEach(v -> c.longestInterval.accumulateAndGet(v.intervalMillis(), Math::max));
      for (int ref = 0; ref < byOrder.size(); ref++) {
        Listing l = byOrder.get(ref);
        if (l != null) {
          c.indexExactAndCount(ref, l);
        }
      }
      return c;
    }

    private void checkNotBuilt() {
      if (built) {
        throw new IllegalStateException("catalog already built (expected: a new builder per catalog)");
      }
    }
  }

  /** Makes a submission matchable; adding the same entry twice has no effect. */
  public void add(Listing listing) {
    if (refById.containsKey(listing.entryId())) {
      return;
    }
    index(nextRef.getAndIncrement(), listing);
  }

  private void index(long ref, Listing l) {
    Long boxed = ref;
    byRef.put(boxed, l);
    refById.put(l.entryId(), boxed);
    if (l.signal().type() == SignalType.PDQ) {
      pdq.add(ref, PdqHash.fromHex(l.signal().value()));
    } else if (l.signal().video().isPresent()) {
      IndexedVideo v = IndexedVideo.of(l.signal().video().get());
      for (int slot = 0; slot < v.slots(); slot++) {
        pdq.add(FrameRefs.of(ref, slot), v.hash(slot));
      }
      longestInterval.accumulateAndGet(v.intervalMillis(), Math::max);
      videos.put(ref, v);
    }
    indexExactAndCount(ref, l);
  }

  // The parts of indexing a listing that a build leaves for after its maps are filled.
  private void indexExactAndCount(long ref, Listing l) {
    counts.get(l.signal().type()).incrementAndGet();
    if (isExact(l.signal().type())) {
      exact.compute(key(l.signal()), (k, refs) -> {
        List<Long> next = refs == null ? new ArrayList<>(1) : new ArrayList<>(refs);
        next.add(ref);
        return List.copyOf(next);
      });
    }
  }

  /** Stops a submission from matching (a retraction); returns whether it was matchable. */
  public boolean remove(EntryId entryId) {
    Long ref = refById.remove(entryId);
    if (ref == null) {
      return false;
    }
    Listing l = byRef.remove(ref);
    counts.get(l.signal().type()).decrementAndGet();
    if (l.signal().type() == SignalType.PDQ) {
      pdq.remove(ref);
    } else if (l.signal().type() == SignalType.VPDQ) {
      IndexedVideo v = videos.remove(ref);
      for (int slot = 0; v != null && slot < v.slots(); slot++) {
        pdq.remove(FrameRefs.of(ref, slot));
      }
    } else {
      exact.computeIfPresent(key(l.signal()), (k, refs) -> {
        List<Long> next = new ArrayList<>(refs);
        next.remove(ref);
        return next.isEmpty() ? null : List.copyOf(next);
      });
    }
    return true;
  }

  /**
   * Stops a submission from matching if {@code member} submitted it (a retraction applies only to
   * the retracting member's own submissions); returns whether it was matchable and removed.
   */
  public boolean retract(EntryId entryId, MemberId member) {
    Long ref = refById.get(entryId);
    Listing l = ref == null ? null : byRef.get(ref);
    return l != null && l.member().equals(member) && remove(entryId);
  }

  /**
   * Replaces the labels of a matchable submission if {@code member} submitted it (a relabel);
   * returns whether it applied.
   */
  public boolean relabel(EntryId entryId, MemberId member, List<Label> labels) {
    Long ref = refById.get(entryId);
    if (ref == null) {
      return false;
    }
    Listing before = byRef.get(ref);
    if (before == null || !before.member().equals(member)) {
      return false;
    }
    return byRef.replace(ref, before, before.withLabels(labels));
  }

  /** The listing of a matchable submission (present and not retracted; it may have expired). */
  public Optional<Listing> listing(EntryId entryId) {
    Long ref = refById.get(entryId);
    return ref == null ? Optional.empty() : Optional.ofNullable(byRef.get(ref));
  }

  /** Every listing, in no particular order; weakly consistent with concurrent changes. */
  public void forEach(java.util.function.Consumer<Listing> action) {
    byRef.values().forEach(action);
  }

  /** Whether the submission is matchable (present and not retracted; it may have expired). */
  public boolean contains(EntryId entryId) {
    return refById.containsKey(entryId);
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
        Listing l = byRef.get(h.listingRef());
        if (l != null && !l.isExpired(now)
            && video.admits(h.match())) {
          admit.apply(new CatalogMatch(l, h.distance(), Optional.of(h.match()))).ifPresent(out::add);
        }
      }
    } else if (query.type() == SignalType.PDQ) {
      // the index collects every match before it sorts and cuts, so asking for all costs no more
      for (PdqMatch m : pdq.search(PdqHash.fromHex(query.value()), maxDistance, Integer.MAX_VALUE)) {
        if (out.size() == limit) {
          break;
        }
        Listing l = byRef.get(m.ref());
        if (l != null && !l.isExpired(now)) {
          admit.apply(new CatalogMatch(l, m.distance())).ifPresent(out::add);
        }
      }
    } else {
      for (Long ref : exact.getOrDefault(key(query), List.of())) {
        if (out.size() == limit) {
          break;
        }
        Listing l = byRef.get(ref);
        if (l != null && !l.isExpired(now)) {
          admit.apply(new CatalogMatch(l, 0)).ifPresent(out::add);
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
    return byRef.size();
  }

  private static boolean isExact(SignalType type) {
    return type == SignalType.MD5 || type == SignalType.SHA256;
  }

  private static String key(Signal s) {
    return s.type().wireName() + ':' + s.value();
  }
}
