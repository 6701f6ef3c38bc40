package org.hashfed.node.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

/**
 * The catalog keeps listings in compact columns and makes {@link Listing}s back from them: what it
 * hands out must be what was added, field for field, through adds, retractions and relabels.
 */
class CatalogListingsTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final List<MemberId> MEMBERS = List.of(MemberId.parse("acme"), MemberId.parse("beta"),
      MemberId.parse("gamma"));
  private static final List<List<Label>> LABEL_SETS = List.of(List.of(),
      List.of(Label.parse("behavior:glorification")),
      List.of(Label.parse("behavior:glorification"), Label.parse("behavior:praise")));

  /** Everything a listing reports, as text, so that two listings compare field for field. */
  private static String describe(Listing l) {
    return l.entryId() + " " + l.member() + " " + l.signal().type() + ":" + l.signal().value() + " q="
        + l.signal().quality() + " " + l.labels() + " " + l.incident() + " " + l.submittedAt() + " " + l.expiresAt();
  }

  private static Listing random(Random rnd, int n) {
    Signal signal = switch (rnd.nextInt(3)) {
      case 0 -> Signal.parse("md5", String.format("%032x", rnd.nextInt(50)));
      case 1 -> Signal.parse("sha256", String.format("%064x", rnd.nextLong()));
      default -> Signal.pdq(PdqHash.ofWords(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()).toHex(),
          rnd.nextBoolean() ? null : rnd.nextInt(101));
    };
    return Listing.create(EntryId.parse(String.format("%016x%048x", rnd.nextLong(), n)),
        MEMBERS.get(rnd.nextInt(MEMBERS.size())), signal, LABEL_SETS.get(rnd.nextInt(LABEL_SETS.size())),
        rnd.nextInt(4) == 0 ? Optional.of("incident-" + n) : Optional.empty(), T0.plusSeconds(n),
        rnd.nextBoolean() ? Optional.of(T0.plusSeconds(1000 + rnd.nextInt(1000))) : Optional.empty());
  }

  @Test
  void listings_afterRandomAddsRetractsAndRelabels_areWhatAReferenceMapHolds() {
    Random rnd = new Random(15);
    Catalog incremental = Catalog.create();
    Catalog.Builder builder = Catalog.builder(100);
    Map<EntryId, Listing> reference = new LinkedHashMap<>();
    List<Listing> all = new ArrayList<>();
    for (int n = 0; n < 3000; n++) {
      int op = rnd.nextInt(10);
      if (op < 6 || all.isEmpty()) {
        Listing l = random(rnd, n);
        all.add(l);
        reference.putIfAbsent(l.entryId(), l);
        incremental.add(l);
        builder.add(l);
      } else {
        Listing target = all.get(rnd.nextInt(all.size()));
        // a third of retractions and relabels come from a member who did not submit: they must not apply
        MemberId by = rnd.nextInt(3) == 0 ? MEMBERS.get(rnd.nextInt(MEMBERS.size())) : target.member();
        boolean own = reference.containsKey(target.entryId()) && by.equals(target.member());
        if (op < 8) {
          assertEquals(own, incremental.retract(target.entryId(), by), "retract " + target.entryId());
          builder.retract(target.entryId(), by);
          if (own) {
            reference.remove(target.entryId());
          }
        } else {
          List<Label> labels = LABEL_SETS.get(rnd.nextInt(LABEL_SETS.size()));
          assertEquals(own, incremental.relabel(target.entryId(), by, labels), "relabel " + target.entryId());
          builder.relabel(target.entryId(), by, labels);
          if (own) {
            reference.put(target.entryId(), reference.get(target.entryId()).withLabels(labels));
          }
        }
      }
    }
    Catalog built = builder.build();
    TreeSet<String> expected = new TreeSet<>();
    reference.values().forEach(l -> expected.add(describe(l)));
    for (Catalog c : List.of(incremental, built)) {
      assertEquals(reference.size(), c.size());
      TreeSet<String> each = new TreeSet<>();
      c.forEach(l -> each.add(describe(l)));
      assertEquals(expected, each);
      for (Listing l : all) {
        assertEquals(reference.containsKey(l.entryId()), c.contains(l.entryId()));
        assertEquals(Optional.ofNullable(reference.get(l.entryId())).map(CatalogListingsTest::describe),
            c.listing(l.entryId()).map(CatalogListingsTest::describe));
      }
      for (Listing l : reference.values()) {
        Instant now = T0;
        List<String> found = c.match(l.signal(), 0, now).stream()
            .filter(m -> m.listing().entryId().equals(l.entryId())).map(m -> describe(m.listing())).toList();
        assertEquals(List.of(describe(l)), found, "match of " + l.entryId());
      }
    }
  }

  @Test
  void forEachExpiringIn_givesExactlyTheListingsExpiringInTheHalfOpenInterval() {
    Catalog c = Catalog.create();
    for (int n = 0; n < 6; n++) {
      Optional<Instant> expires = n == 0 ? Optional.empty() : Optional.of(T0.plusSeconds(n * 10L));
      c.add(Listing.create(EntryId.parse(String.format("%064x", n + 1)), MEMBERS.get(0),
          Signal.parse("md5", String.format("%032x", n)), List.of(), Optional.empty(), T0, expires));
    }
    c.remove(EntryId.parse(String.format("%064x", 4)));
    List<String> seen = new ArrayList<>();
    c.forEachExpiringIn(T0.plusSeconds(10), T0.plusSeconds(40), l -> seen.add(l.expiresAt().get().toString()));
    // 10 s is excluded (after), 20 and 40 included, 30 s was retracted
    assertEquals(List.of(T0.plusSeconds(20).toString(), T0.plusSeconds(40).toString()), seen);
  }

  @Test
  void anExpiredListing_isLeftOutOfMatchesButStillListed() {
    Catalog c = Catalog.create();
    Signal s = Signal.pdq(PdqHash.ofWords(1, 2, 3, 4).toHex(), 90);
    EntryId id = EntryId.parse(String.format("%064x", 9));
    c.add(Listing.create(id, MEMBERS.get(1), s, List.of(), Optional.empty(), T0, Optional.of(T0.plusSeconds(60))));
    assertEquals(1, c.match(s, 0, T0.plusSeconds(59)).size());
    assertTrue(c.match(s, 0, T0.plusSeconds(60)).isEmpty());
    assertTrue(c.listing(id).isPresent());
    assertFalse(c.contains(EntryId.parse(String.format("%064x", 10))));
  }
}
