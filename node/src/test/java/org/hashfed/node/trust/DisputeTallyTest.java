package org.hashfed.node.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispute tallies that automatic demotion reads instead of scanning a member's feed: they
 * demote at the threshold, survive a restart without a scan, are rebuilt once for a store that
 * lacks them, and always give the statistics a full scan of the feeds gives.
 */
class DisputeTallyTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final MemberId ACME = MemberId.parse("acme");
  /** Label overrides that make a disputer's level, and so the statistics, depend on relabels. */
  private static final List<Map<LabelPattern, TrustLevel>> BY_LABEL = List.of(
      Map.of(LabelPattern.parse("ideology:*"), TrustLevel.STANDARD),
      Map.of(LabelPattern.parse("behavior:*"), TrustLevel.TRUSTED),
      Map.of());

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final FakeConsortium members = new FakeConsortium("acme", "beta", "gamma", "delta");
  private MemberIdentity node;

  /** A clock a test sets; entries and judgements see exactly the time it says. */
  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** The spec's example (spec/trust.md section 3): window of 5 submissions, S = 0.4, K = 2, N = 5. */
  private static TrustSettings settings(Duration window) {
    return TrustSettings.of(TrustLevel.STANDARD, window, 0.4, 2, 5, TrustLevel.TRUSTED);
  }

  private TrustService open(Store store, TrustSettings settings) {
    if (node == null) {
      node = MemberIdentity.loadOrCreate("node", NodeConfig.builder().dataDir(dir).member("node").build().memberKeyFile());
    }
    return TrustService.open(store, node.member(), settings, clock, new Metrics());
  }

  private Ledger ledger(Store store, TrustService trust) {
    Ledger ledger = Ledger.open(store, node, 50, clock, List.of(trust));
    trust.ledgerOpened(ledger.writeLock());
    return ledger;
  }

  private SignedEntry submit(int n) {
    return members.sign("acme", Submit.of(Signal.parse("md5", String.format("%032x", n)),
        List.of(Label.parse("behavior:glorification"))), clock.instant());
  }

  private SignedEntry dispute(String who, SignedEntry target) {
    return members.sign(who, Opinion.of(target.id(), target.entry().member(), Stance.DISAGREE,
        ReasonCode.FALSE_POSITIVE), clock.instant());
  }

  private void trustBetaAndGamma(TrustService trust) {
    trust.set(MemberId.parse("beta"), TrustLevel.TRUSTED, Map.of(), Optional.empty());
    trust.set(MemberId.parse("gamma"), TrustLevel.TRUSTED, Map.of(), Optional.empty());
  }

  @Test
  void demotion_happensAtExactlyTheThresholdOpinion() {
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = open(store, settings(Duration.ofDays(30)));
      Ledger ledger = ledger(store, trust);
      trustBetaAndGamma(trust);
      List<SignedEntry> subs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        subs.add(submit(i));
        ledger.ingest(subs.get(i));
      }
      ledger.ingest(dispute("beta", subs.get(0)));
      ledger.ingest(dispute("gamma", subs.get(0)));
      ledger.ingest(dispute("delta", subs.get(1)));
      ledger.ingest(dispute("beta", subs.get(1)));
      assertEquals(TrustLevel.STANDARD, trust.trust(ACME).level(), "1 of 5 disputed by two trusted members: 20 %");
      DisputeStats before = trust.explain(ACME).stats();
      assertEquals(5, before.submissions());
      assertEquals(1, before.disputed());

      ledger.ingest(dispute("gamma", subs.get(1)));

      assertEquals(TrustLevel.OBSERVE, trust.trust(ACME).level(), "2 of 5 (40 %): demoted at this opinion");
      TrustEvent demotion = trust.events().get(trust.events().size() - 1);
      assertEquals(TrustEvent.Action.DEMOTE, demotion.action());
      assertEquals(2, demotion.stats().orElseThrow().disputed());
      assertEquals(5, demotion.stats().orElseThrow().submissions());
      assertEquals(0, trust.explain(ACME).stats().submissions(), "the demotion restarts the window");
    }
  }

  @Test
  void tallies_surviveARestart_andTheNextOpinionDemotesWithoutARebuild() {
    List<SignedEntry> subs = new ArrayList<>();
    DisputeStats before;
    Optional<MemberTally> tally;
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = open(store, settings(Duration.ofDays(30)));
      Ledger ledger = ledger(store, trust);
      trustBetaAndGamma(trust);
      for (int i = 0; i < 5; i++) {
        subs.add(submit(i));
        ledger.ingest(subs.get(i));
      }
      ledger.ingestAll(List.of(dispute("beta", subs.get(0)), dispute("gamma", subs.get(0)), dispute("beta", subs.get(1))));
      before = trust.explain(ACME).stats();
      tally = trust.tally(ACME);
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = open(store, settings(Duration.ofDays(30)));
      assertEquals(tally, trust.tally(ACME), "read back from the store before any replay or scan");
      Ledger ledger = ledger(store, trust);
      assertEquals(before, trust.explain(ACME).stats());

      ledger.ingest(dispute("gamma", subs.get(1)));

      assertEquals(TrustLevel.OBSERVE, trust.trust(ACME).level());
    }
  }

  @Test
  void aStoreWithoutTallies_getsThemRebuiltOnce_fromItsFeeds() {
    List<SignedEntry> subs = new ArrayList<>();
    try (Store store = Store.open(dir.resolve("store"))) {
      node = MemberIdentity.loadOrCreate("node", NodeConfig.builder().dataDir(dir).member("node").build().memberKeyFile());
      Ledger ledger = Ledger.open(store, node, 50, clock, List.of());
      for (int i = 0; i < 6; i++) {
        subs.add(submit(i));
        ledger.ingest(subs.get(i));
      }
      ledger.ingest(members.retract("acme", subs.get(5).id()));
      ledger.ingest(dispute("beta", subs.get(0)));
      ledger.ingest(dispute("gamma", subs.get(0)));
      ledger.ingest(dispute("beta", subs.get(1)));
    }
    try (Store store = Store.open(dir.resolve("store"))) {
      TrustService trust = open(store, settings(Duration.ofDays(30)));
      assertTrue(trust.tally(ACME).isEmpty(), "written before the tallies existed");
      Ledger ledger = ledger(store, trust);
      trustBetaAndGamma(trust);
      DisputeStats rebuilt = trust.explain(ACME).stats();
      assertEquals(5, rebuilt.submissions(), "the retracted submission does not count");
      assertEquals(1, rebuilt.disputed());
      assertEquals(trust.stats(ACME, MemberPolicy.unconfigured(), true), rebuilt);
      ledger.ingest(dispute("gamma", subs.get(1)));
      assertEquals(TrustLevel.OBSERVE, trust.trust(ACME).level());
    }
  }

  /**
   * Random histories over several days (submits, retractions and relabels of own and others'
   * entries, opinions that change and that arrive before their targets, batches, level changes,
   * restarts): after every step the tallies give what a full scan of the feeds gives.
   */
  @Test
  void tallies_equalAFullScan_overRandomHistories() {
    for (int seed = 1; seed <= 12; seed++) {
      Path storeDir = dir.resolve("store-" + seed);
      checkRandomHistory(new Random(seed), storeDir, seed);
    }
  }

  private void checkRandomHistory(Random random, Path storeDir, int seed) {
    String[] names = {"acme", "beta", "gamma", "delta"};
    FakeConsortium feeds = new FakeConsortium(names);
    List<SignedEntry> submits = new ArrayList<>();
    List<SignedEntry> pending = new ArrayList<>();
    TrustSettings settings = TrustSettings.of(TrustLevel.STANDARD, Duration.ofDays(3), 0.3, 1 + random.nextInt(2), 3,
        TrustLevel.TRUSTED);
    Store store = Store.open(storeDir);
    try {
      TrustService trust = open(store, settings);
      Ledger ledger = ledger(store, trust);
      trust.set(MemberId.parse("beta"), TrustLevel.TRUSTED, BY_LABEL.get(0), Optional.empty());
      trust.set(MemberId.parse("gamma"), TrustLevel.STANDARD, BY_LABEL.get(1), Optional.empty());
      for (int step = 0; step < 200; step++) {
        clock.now = clock.now.plusSeconds(random.nextInt(4) == 0 ? 20_000 + random.nextInt(40_000) : random.nextInt(600));
        String who = names[random.nextInt(names.length)];
        int kind = random.nextInt(10);
        if (kind < 4 || submits.isEmpty()) {
          String label = random.nextBoolean() ? "behavior:glorification" : "ideology:accelerationism";
          SignedEntry s = feeds.sign(who, Submit.of(Signal.parse("md5", String.format("%032x", seed * 1000 + step)),
              List.of(Label.parse(label))), clock.instant());
          submits.add(s);
          pending.add(s);
        } else {
          SignedEntry target = submits.get(submits.size() - 1 - random.nextInt(Math.min(6, submits.size())));
          String author = random.nextBoolean() ? target.entry().member().value() : who;
          EntryBody body = switch (kind) {
            case 4 -> Retract.of(target.id(), ReasonCode.FALSE_POSITIVE);
            case 5 -> Relabel.of(target.id(), List.of(Label.parse(random.nextBoolean()
                ? "behavior:glorification" : "ideology:accelerationism")));
            default -> random.nextInt(3) == 0
                ? Opinion.of(target.id(), target.entry().member(), Stance.AGREE, ReasonCode.CONFIRMED)
                : Opinion.of(target.id(), target.entry().member(), Stance.DISAGREE, ReasonCode.FALSE_POSITIVE);
          };
          if (body instanceof Opinion && author.equals(target.entry().member().value())) {
            author = target.entry().member().value().equals("beta") ? "gamma" : "beta";
          }
          pending.add(feeds.sign(author, body, clock.instant()));
        }
        if (random.nextInt(4) != 0) {
          String heldBack = random.nextInt(3) == 0 ? names[random.nextInt(names.length)] : "";
          assertTrue(deliver(ledger, pending, heldBack, random), "seed " + seed + " step " + step);
        }
        if (random.nextInt(40) == 0) {
          trust.set(MemberId.parse(names[random.nextInt(names.length)]),
              random.nextBoolean() ? TrustLevel.TRUSTED : TrustLevel.STANDARD, BY_LABEL.get(random.nextInt(3)),
              Optional.empty());
        }
        if (random.nextInt(30) == 0) {
          store.close();
          store = Store.open(storeDir);
          trust = open(store, settings);
          ledger = ledger(store, trust);
        }
        for (String m : names) {
          MemberId member = MemberId.parse(m);
          MemberPolicy p = trust.trust(member).policy();
          assertEquals(trust.stats(member, p, true), trust.stats(member, p, false),
              "seed " + seed + " step " + step + " member " + m);
        }
      }
      assertFalse(trust.events().isEmpty());
    } finally {
      store.close();
    }
  }

  /**
   * Ingests, in one batch, the pending entries that follow their feed's head, except those of
   * {@code heldBack}, feed after feed in a random order: opinions arrive before their targets,
   * in later batches or earlier in the same one.
   */
  private static boolean deliver(Ledger ledger, List<SignedEntry> pending, String heldBack, Random random) {
    Map<MemberId, List<SignedEntry>> byFeed = new java.util.LinkedHashMap<>();
    for (SignedEntry e : pending) {
      byFeed.computeIfAbsent(e.entry().member(), m -> new ArrayList<>()).add(e);
    }
    List<MemberId> order = new ArrayList<>(byFeed.keySet());
    java.util.Collections.shuffle(order, random);
    List<SignedEntry> batch = new ArrayList<>();
    for (MemberId m : order) {
      long head = ledger.feed(m).lastSeq();
      for (SignedEntry e : byFeed.get(m)) {
        if (!m.value().equals(heldBack) && e.entry().seq() == head + 1) {
          batch.add(e);
          head++;
        }
      }
    }
    pending.removeAll(batch);
    return batch.isEmpty() || ledger.ingestAll(batch).complete();
  }
}
