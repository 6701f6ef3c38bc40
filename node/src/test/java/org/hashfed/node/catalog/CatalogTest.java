package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

class CatalogTest {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  /** The all-zero hash with its lowest {@code bits} bits set: at that distance from zero. */
  private static String pdqAt(int bits) {
    long low = bits == 64 ? -1L : (1L << bits) - 1;
    return PdqHash.ofWords(0, 0, 0, low).toHex();
  }

  /** A submission of its own member (feeds of one entry each), so no chain is needed. */
  private static Listing listing(int n, String pdqHex) {
    Entry e = Entry.create(MemberId.parse("m" + n), 1, Optional.empty(), NOW,
        Submit.of(Signal.pdq(pdqHex, 90), List.of(Label.parse("behavior:glorification"))));
    return Listing.of(EntryId.ofPayload(e.toPayload()), e);
  }

  @Test
  void theCapCountsOnlyAdmittedMatches_soRefusedNearOnesNeverCrowdOutFartherAdmittedOnes() {
    List<Listing> listings = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      listings.add(listing(i + 1, pdqAt(i % 10)));
    }
    for (int i = 0; i < 5; i++) {
      listings.add(listing(200 + i, pdqAt(20 + i)));
    }
    Catalog.Builder builder = Catalog.builder(listings.size());
    listings.forEach(builder::add);
    Catalog catalog = builder.build();
    Signal query = Signal.pdq(pdqAt(0), null);

    // A filter on the distance, as a minimum confidence is: only the five far ones pass.
    List<Integer> far = catalog.match(query, 31, VideoThresholds.DEFAULTS, NOW,
        m -> m.distance() >= 20 ? Optional.of(m.distance()) : Optional.empty());
    assertEquals(List.of(20, 21, 22, 23, 24), far);

    List<Integer> all = catalog.match(query, 31, VideoThresholds.DEFAULTS, NOW, m -> Optional.of(m.distance()));
    assertEquals(Catalog.MAX_MATCHES_PER_SIGNAL, all.size());
    assertTrue(all.stream().allMatch(d -> d < 10), "best first: " + all);
  }
}
