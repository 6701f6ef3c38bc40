package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final MemberId ACME = MemberId.parse("acme");
  private static final MemberId BETA = MemberId.parse("beta");
  private static final List<Label> LABELS = List.of(Label.parse("behavior:glorification"));
  private static final List<Label> OTHER = List.of(Label.parse("behavior:praise"));

  private static Listing listing(int n, MemberId member, Signal signal) {
    return Listing.create(EntryId.parse(String.format("%064x", n)), member, signal, LABELS, Optional.empty(), T0,
        Optional.empty());
  }

  private static Signal pdq(int n) {
    return Signal.pdq(PdqHash.ofWords(n, 0x5555_5555_5555_5555L, -n, 0).toHex(), 100);
  }

  private static String matches(Catalog c, List<Signal> queries) {
    StringBuilder sb = new StringBuilder("size " + c.size() + " " + c.sizeByType() + "\n");
    for (Signal q : queries) {
      for (CatalogMatch m : c.match(q, 31, T0)) {
        sb.append(q).append(" -> ").append(m.listing().entryId()).append(' ').append(m.listing().labels())
            .append(" d=").append(m.distance()).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void build_givesTheCatalogThatAddsRetractsAndRelabelsOneByOneGive() {
    List<Listing> listings = new ArrayList<>();
    List<Signal> queries = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Signal s = i % 3 == 0 ? Signal.parse("md5", String.format("%032x", i % 6)) : pdq(i);
      listings.add(listing(i, i % 2 == 0 ? ACME : BETA, s));
      queries.add(s);
    }
    Catalog incremental = Catalog.create();
    Catalog.Builder builder = Catalog.builder(40);
    for (Listing l : listings) {
      incremental.add(l);
      builder.add(l);
    }
    builder.add(listings.get(0));
    for (int i = 0; i < 40; i += 4) {
      EntryId id = listings.get(i).entryId();
      MemberId author = listings.get(i).member();
      MemberId other = author.equals(ACME) ? BETA : ACME;
      incremental.retract(id, other);
      builder.retract(id, other);
      incremental.relabel(listings.get(i + 1).entryId(), other, OTHER);
      builder.relabel(listings.get(i + 1).entryId(), other, OTHER);
      incremental.retract(id, author);
      builder.retract(id, author);
      incremental.relabel(listings.get(i + 2).entryId(), listings.get(i + 2).member(), OTHER);
      builder.relabel(listings.get(i + 2).entryId(), listings.get(i + 2).member(), OTHER);
    }
    Catalog built = builder.build();

    assertEquals(30, built.size());
    assertFalse(built.contains(listings.get(0).entryId()));
    assertTrue(built.contains(listings.get(1).entryId()));
    assertEquals(matches(incremental, queries), matches(built, queries));
    built.add(listing(99, ACME, pdq(99)));
    assertEquals(1, built.match(pdq(99), 0, T0).size(), "a built catalog takes new listings");
    assertThrows(IllegalStateException.class, builder::build);
  }
}
