package org.hashfed.node.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.node.match.PdqMatch;
import java.util.function.Predicate;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * The in-memory view of every active submission, for matching: an exact map for md5 and sha256,
 * the PDQ multi-index for pdq. Rebuilt from the store at start, updated as entries are stored.
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
  private final AtomicLong nextRef;
  private final Map<SignalType, AtomicInteger> counts = new EnumMap<>(SignalType.class);

  // Sized for the listings a rebuild starts with, so that millions of them never rehash.
  private Catalog(PdqIndex pdq, long nextRef, int expected) {
    this.pdq = pdq;
    this.byRef = new ConcurrentHashMap<>(expected);
    this.refById = new ConcurrentHashMap<>(expected);
    this.nextRef = new AtomicLong(nextRef);
    for (SignalType t : SignalType.values()) {
      counts.put(t, new AtomicInteger());
    }
  }

  /** An empty catalog. */
  public static Catalog create() {
    return new Catalog(PdqIndex.create(), 0, 16);
  }

  /** A catalog of the given listings, with the PDQ index built in one pass (the start-up rebuild). */
  public static Catalog build(Collection<Listing> listings) {
    PdqIndex.Builder builder = PdqIndex.builder(listings.size());
    long ref = 0;
    List<Listing> ordered = new ArrayList<>(listings);
    for (Listing l : ordered) {
      if (l.signal().type() == SignalType.PDQ) {
        builder.add(ref, PdqHash.fromHex(l.signal().value()));
      }
      ref++;
    }
    Catalog c = new Catalog(builder.build(), ref, ordered.size());
    ref = 0;
    for (Listing l : ordered) {
      c.index(ref++, l, false);
    }
    return c;
  }

  /** Makes a submission matchable; adding the same entry twice has no effect. */
  public void add(Listing listing) {
    if (refById.containsKey(listing.entryId())) {
      return;
    }
    index(nextRef.getAndIncrement(), listing, true);
  }

  private void index(long ref, Listing l, boolean addToPdq) {
    Long boxed = ref;
    byRef.put(boxed, l);
    refById.put(l.entryId(), boxed);
    counts.get(l.signal().type()).incrementAndGet();
    if (l.signal().type() == SignalType.PDQ) {
      if (addToPdq) {
        pdq.add(ref, PdqHash.fromHex(l.signal().value()));
      }
    } else {
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

  /** Whether the submission is matchable (present and not retracted; it may have expired). */
  public boolean contains(EntryId entryId) {
    return refById.containsKey(entryId);
  }

  /**
   * The active submissions matching {@code query}: equal values for md5 and sha256, PDQ hashes
   * within {@code maxDistance} (0..63) for pdq; best first, at most {@link #MAX_MATCHES_PER_SIGNAL}.
   */
  public List<CatalogMatch> match(Signal query, int maxDistance, Instant now) {
    return match(query, maxDistance, now, l -> true);
  }

  /**
   * As {@link #match(Signal, int, Instant)}, keeping only listings {@code admit} accepts, before the
   * cap of {@link #MAX_MATCHES_PER_SIGNAL} (so refused listings never crowd out admitted ones).
   */
  public List<CatalogMatch> match(Signal query, int maxDistance, Instant now, Predicate<Listing> admit) {
    List<CatalogMatch> out = new ArrayList<>();
    if (query.type() == SignalType.PDQ) {
      // the index collects every match before it sorts and cuts, so asking for all costs no more
      for (PdqMatch m : pdq.search(PdqHash.fromHex(query.value()), maxDistance, Integer.MAX_VALUE)) {
        Listing l = byRef.get(m.ref());
        if (out.size() == MAX_MATCHES_PER_SIGNAL) {
          break;
        }
        if (l != null && !l.isExpired(now) && admit.test(l)) {
          out.add(new CatalogMatch(l, m.distance()));
        }
      }
    } else {
      for (Long ref : exact.getOrDefault(key(query), List.of())) {
        Listing l = byRef.get(ref);
        if (l != null && !l.isExpired(now) && admit.test(l) && out.size() < MAX_MATCHES_PER_SIGNAL) {
          out.add(new CatalogMatch(l, 0));
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

  private static String key(Signal s) {
    return s.type().wireName() + ':' + s.value();
  }
}
