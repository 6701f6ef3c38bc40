package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.node.trust.TrustService;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link LedgerListener#replayed} on a start from the start-up snapshot (only the
 * snapshot's opinions, then the entries after it), checked for every listener that builds state
 * from it: what it holds after a snapshot start is what it holds after a full replay.
 */
class SnapshotStartListenersTest {

  private static final Instant T0 = Instant.parse("2026-12-04T06:00:00Z");
  private static final List<String> MD5S = List.of("11".repeat(16), "22".repeat(16), "33".repeat(16), "44".repeat(16));

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private MemberIdentity acme;
  private long stored;

  /**
   * beta and gamma submit, beta disputes gamma's submission, then a snapshot is written; after it
   * delta joins with a submission and an opinion, beta changes its opinion and submits again.
   * gamma gives no opinion and writes nothing after the snapshot: only the store says it has a feed.
   */
  @BeforeEach
  void storeEntriesAroundASnapshot() throws Exception {
    acme = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    FakeConsortium others = new FakeConsortium("beta", "gamma", "delta");
    SignedEntry b1 = others.sign("beta", Submit.of(Signal.parse("md5", MD5S.get(0)),
        List.of(Label.parse("behavior:glorification"))), T0);
    SignedEntry g1 = others.sign("gamma", Submit.of(Signal.parse("md5", MD5S.get(1)),
        List.of(Label.parse("behavior:glorification"))), T0);
    List<SignedEntry> before = List.of(b1, g1, opinion(others, "beta", g1, Stance.DISAGREE));
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust(store)));
      ledger.ingestAll(before);
      assertTrue(ledger.writeSnapshot());
    }
    SignedEntry d1 = others.sign("delta", Submit.of(Signal.parse("md5", MD5S.get(2)),
        List.of(Label.parse("behavior:recruitment"))), T0);
    List<SignedEntry> after = List.of(d1, opinion(others, "delta", b1, Stance.DISAGREE),
        opinion(others, "beta", g1, Stance.AGREE),
        others.sign("beta", Submit.of(Signal.parse("md5", MD5S.get(3)),
            List.of(Label.parse("behavior:glorification"))), T0));
    try (Store store = Store.open(dir.resolve("store"))) {
      Ledger.open(store, acme, 50, clock, List.of(trust(store))).ingestAll(after);
    }
    stored = before.size() + after.size();
  }

  private static SignedEntry opinion(FakeConsortium others, String member, SignedEntry target, Stance stance) {
    return others.sign(member, Opinion.of(target.id(), target.entry().member(), stance,
        stance == Stance.AGREE ? ReasonCode.CONFIRMED
            : ReasonCode.FALSE_POSITIVE), T0);
  }

  private TrustService trust(Store store) {
    return TrustService.open(store, acme.member(), TrustSettings.defaults(), clock, new Metrics());
  }

  /** What each listener holds once the node has opened the ledger as {@code Node} does. */
  private record Held(String trust, Map<String, List<String>> opinionsByMember, int replayed) {}

  private Held open() {
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = trust(store);
      int[] replayed = {0};
      LedgerListener counting = new LedgerListener() {
        @Override
        public void replayed(ReplayRecord record) {
          replayed[0]++;
        }
      };
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust, counting));
      trust.ledgerOpened(ledger.writeLock());
      StringBuilder t = new StringBuilder("members ").append(trust.list()).append('\n');
      for (String md5 : MD5S) {
        for (CatalogMatch m : ledger.catalog().match(Signal.parse("md5", md5), 0, T0)) {
          t.append(md5).append(' ').append(m.listing().member()).append(' ').append(trust.judge(m.listing(), 0))
              .append('\n');
        }
      }
      // the order across members follows the start (snapshot first, or member order); within a
      // member it is the feed's, which is what a later opinion replacing an earlier one needs
      Map<String, List<String>> opinions = ledger.snapshotOpinions().stream().collect(Collectors.groupingBy(
          r -> r.member().toString(), TreeMap::new,
          Collectors.mapping(r -> r.seq() + " " + r.id(), Collectors.toList())));
      return new Held(t.toString(), opinions, replayed[0]);
    }
  }

  @Test
  void trustService_andOpinionRecords_holdAfterASnapshotStart_whatTheyHoldAfterAFullReplay() throws Exception {
    Held fromSnapshot = open();
    assertEquals(1 + 4, fromSnapshot.replayed(), "the snapshot's opinion, then the 4 entries after it");
    Files.delete(dir.resolve("store.snapshot"));
    Held full = open();
    assertEquals(stored, full.replayed());

    assertEquals(full.trust(), fromSnapshot.trust());
    // what the comparison rests on, so that it cannot pass on an empty state
    assertTrue(full.trust().contains("gamma"), full.trust());
    for (String md5 : MD5S) {
      assertTrue(full.trust().contains(md5 + " "), md5 + " matches in\n" + full.trust());
    }
    assertEquals(full.opinionsByMember(), fromSnapshot.opinionsByMember());
    assertEquals(Set.of("beta", "delta"), full.opinionsByMember().keySet());
    assertEquals(2, full.opinionsByMember().get("beta").size(), "beta's dispute, then its agreement");
  }

  /**
   * The listeners above are every one that builds state from {@code replayed}: a new one must be
   * checked here too, or take its state from the store.
   */
  @Test
  void everyListenerBuildingStateFromReplayed_isCheckedAboveAgainstASnapshotStart() {
    Set<String> overriding = new TreeSet<>();
    for (JavaClass c : new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
        .importPackages("org.hashfed.node")) {
      if (!c.isInterface() && c.isAssignableTo(LedgerListener.class)
          && c.getMethods().stream().anyMatch(m -> m.getName().equals("replayed"))) {
        overriding.add(c.getName());
      }
    }
    assertEquals(new TreeSet<>(List.of(OpinionRecords.class.getName(), TrustService.class.getName())), overriding);
  }
}
