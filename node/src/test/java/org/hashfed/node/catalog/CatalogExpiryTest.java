package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

/**
 * The catalog's expiry index against a linear scan of every listing: a sweep that moves forward
 * and forgets what it swept sees exactly the listings expiring in its window, through adds,
 * retractions and relabels, whether the catalog was built at start-up or grew one listing at a time.
 */
class CatalogExpiryTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final MemberId ACME = MemberId.parse("acme");
  private static final MemberId BETA = MemberId.parse("beta");
  private static final List<Label> LABELS = List.of(Label.parse("behavior:glorification"));

  // the number leads, as a digest's first word would vary: the table's id hash probes by that word
  private static EntryId id(int n) {
    return EntryId.parse(String.format("%016x%048x", n, n));
  }

  private static Listing listing(Random rnd, int n) {
    Signal signal = rnd.nextBoolean() ? Signal.parse("md5", String.format("%032x", n))
        : Signal.pdq(PdqHash.ofWords(rnd.nextLong(), rnd.nextLong(), n, 7).toHex(), 100);
    // many share a second, some have none, some expired before the sweeps start
    Optional<Instant> expires = rnd.nextInt(5) == 0 ? Optional.empty()
        : Optional.of(T0.plusSeconds(rnd.nextInt(2400) - 200));
    return Listing.create(id(n + 1), rnd.nextBoolean() ? ACME : BETA, signal,
        LABELS, Optional.empty(), T0.minusSeconds(3600), expires);
  }

  /** What the old scan gave: the live listings expiring in (after, until], in the order added. */
  private static List<EntryId> scan(Map<EntryId, Listing> live, Instant after, Instant until) {
    List<EntryId> out = new ArrayList<>();
    for (Listing l : live.values()) {
      Instant e = l.expiresAt().orElse(null);
      if (e != null && e.isAfter(after) && !e.isAfter(until)) {
        out.add(l.entryId());
      }
    }
    return out;
  }

  private static List<EntryId> sweep(Catalog c, Instant after, Instant until) {
    List<EntryId> seen = new ArrayList<>();
    c.forgetExpiriesThrough(after);
    c.forEachExpiringIn(after, until, l -> seen.add(l.entryId()));
    c.forgetExpiriesThrough(until);
    return seen;
  }

  @Test
  void sweepsMovingForward_seeWhatALinearScanSees_throughAddsRetractsAndRelabels() {
    Random rnd = new Random(1515);
    Catalog.Builder builder = Catalog.builder(400);
    Catalog incremental = Catalog.create();
    Map<EntryId, Listing> live = new LinkedHashMap<>();
    int n = 0;
    for (; n < 400; n++) {
      Listing l = listing(rnd, n);
      builder.add(l);
      incremental.add(l);
      live.put(l.entryId(), l);
    }
    Catalog built = builder.build();
    Instant swept = T0;
    while (swept.isBefore(T0.plusSeconds(2400))) {
      for (int op = 0; op < 20; op++) {
        if (rnd.nextInt(4) == 0 && !live.isEmpty()) {
          Listing target = new ArrayList<>(live.values()).get(rnd.nextInt(live.size()));
          if (rnd.nextBoolean()) {
            built.retract(target.entryId(), target.member());
            incremental.retract(target.entryId(), target.member());
            live.remove(target.entryId());
          } else {
            built.relabel(target.entryId(), target.member(), List.of());
            incremental.relabel(target.entryId(), target.member(), List.of());
          }
        } else {
          Listing l = listing(rnd, n++);
          built.add(l);
          incremental.add(l);
          live.put(l.entryId(), l);
        }
      }
      // windows from a second to several minutes, as a sweep after a pause or a restart covers
      Instant until = swept.plusSeconds(1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 600 : 60));
      List<EntryId> expected = scan(live, swept, until);
      assertEquals(expected, sweep(built, swept, until), "built catalog, window (" + swept + ", " + until + "]");
      assertEquals(expected, sweep(incremental, swept, until), "incremental catalog, window (" + swept + ", "
          + until + "]");
      swept = until;
    }
  }

  @Test
  void afterASweep_theIndexHoldsOnlyLaterExpiries() {
    Catalog c = Catalog.create();
    for (int i = 0; i < 100; i++) {
      c.add(Listing.create(id(i + 1), ACME,
          Signal.parse("md5", String.format("%032x", i)), LABELS, Optional.empty(), T0,
          Optional.of(T0.plusSeconds(i + 1))));
    }
    assertEquals(List.of(), sweep(c, T0.plusSeconds(100), T0.plusSeconds(200)), "all expired before the window");
    AtomicInteger due = new AtomicInteger();
    c.forEachExpiringIn(T0, T0.plusSeconds(200), l -> due.incrementAndGet());
    assertEquals(0, due.get(), "forgotten expiries are not reported again, even for an earlier window");
  }

  @Test
  void listingsAddedWhileTheIndexIsBuilt_areEachReportedOnce() throws Exception {
    Catalog.Builder builder = Catalog.builder(100_000);
    for (int i = 0; i < 100_000; i++) {
      builder.add(Listing.create(id(i + 1), ACME,
          Signal.parse("md5", String.format("%032x", i)), LABELS, Optional.empty(), T0,
          Optional.of(T0.plusSeconds(100 + i % 50))));
    }
    Catalog c = builder.build();
    int added = 10_000;
    Thread writer = new Thread(() -> {
      for (int i = 0; i < added; i++) {
        c.add(Listing.create(id(1_000_000 + i), BETA,
            Signal.parse("md5", String.format("%032x", 1_000_000 + i)), LABELS, Optional.empty(), T0,
            Optional.of(T0.plusSeconds(150 + i % 50))));
      }
    });
    writer.start();
    // the first sweep builds the index while the writer adds listings that the second sweep must see
    List<EntryId> first = sweep(c, T0, T0.plusSeconds(120));
    writer.join();
    List<EntryId> second = sweep(c, T0.plusSeconds(120), T0.plusSeconds(200));
    Map<EntryId, Integer> times = new LinkedHashMap<>();
    first.forEach(id -> times.merge(id, 1, Integer::sum));
    second.forEach(id -> times.merge(id, 1, Integer::sum));
    assertEquals(100_000 + added, times.size(), "every listing reported");
    assertEquals(List.of(), times.values().stream().filter(t -> t != 1).toList(), "none twice");
  }
}
