package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.RawStore;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.TrustService;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up replay from compact records rebuilds exactly the state the ledger had while it
 * accepted the entries (catalog, feed heads, opinions), whether the records were written with the
 * entries or rebuilt from the envelopes of a store that lacked them, damaged or missing.
 */
class LedgerReplayTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Instant BEFORE_EXPIRY = T0.plusSeconds(30);
  private static final Instant AFTER_EXPIRY = T0.plusSeconds(120);
  private static final PdqHash PDQ = PdqHash.ofWords(0x1234_5678_9abc_def0L, -1L, 0x0f0f_0f0f_0f0f_0f0fL, 42L);
  private static final PdqHash PDQ_NEAR = PdqHash.ofWords(0x1234_5678_9abc_def3L, -1L, 0x0f0f_0f0f_0f0f_0f0fL, 40L);

  @TempDir Path dir;

  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final List<Signal> queries = new ArrayList<>();
  private final List<EntryId> submissions = new ArrayList<>();
  private MemberIdentity acme;
  private String live;

  private Path storeDir() {
    return dir.resolve("store");
  }

  private static List<Label> labels(String... values) {
    return java.util.Arrays.stream(values).map(Label::parse).toList();
  }

  private TrustService trust(Store store) {
    return TrustService.open(store, acme.member(), TrustSettings.defaults(), clock, new Metrics());
  }

  /**
   * Stores entries of every kind from three members, as a node accepts them, and keeps the state
   * the ledger reached incrementally (never by a replay) in {@link #live}.
   */
  @BeforeEach
  void acceptEntries() {
    acme = MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    FakeConsortium others = new FakeConsortium("beta", "gamma");
    try (Store store = Store.open(storeDir())) {
      TrustService trust = trust(store);
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust));
      Signal pdq = Signal.pdq(PDQ.toHex(), 90);
      Signal md5 = Signal.parse("md5", "00112233445566778899aabbccddeeff");
      Signal expiring = Signal.parse("sha256", "ab".repeat(32));
      Signal retracted = Signal.parse("md5", "ffeeddccbbaa99887766554433221100");
      Signal near = Signal.pdq(PDQ_NEAR.toHex(), 50);
      Appended a1 = ledger.submit(Submit.of(pdq, labels("behavior:glorification", "behavior:recruitment")));
      Appended a2 = ledger.submit(Submit.of(md5, labels("behavior:glorification")).withIncident("inc-2026.1"));
      Appended a3 = ledger.submit(Submit.of(expiring, labels("behavior:glorification"))
          .withExpiresAt(T0.plusSeconds(60)).withNote("a note the replay does not need"));
      Appended a4 = ledger.submit(Submit.of(retracted, labels("behavior:glorification")));
      ledger.retract(a4.entryId(), ReasonCode.FALSE_POSITIVE, Optional.of("mistake"));
      Appended a6 = ledger.submit(Submit.of(near, labels("behavior:instruction")));

      SignedEntry b1 = others.sign("beta", Submit.of(Signal.parse("md5", "0123456789abcdef0123456789abcdef"),
          labels("behavior:glorification")), T0);
      ledger.ingestAll(List.of(b1,
          others.sign("beta", Relabel.of(b1.id(), labels("behavior:instruction", "behavior:praise")), T0),
          others.sign("beta", Opinion.of(a1.entryId(), acme.member(), Stance.DISAGREE,
              ReasonCode.FALSE_POSITIVE), T0),
          others.sign("beta", Retract.of(a2.entryId(), ReasonCode.OTHER), T0),
          others.sign("beta", Relabel.of(a1.entryId(), labels("behavior:other")), T0)));
      ledger.ingestAll(List.of(
          others.sign("gamma", Opinion.of(a1.entryId(), acme.member(), Stance.AGREE,
              ReasonCode.CONFIRMED), T0),
          others.sign("gamma", Opinion.of(b1.id(), b1.entry().member(), Stance.DISAGREE, ReasonCode.FALSE_POSITIVE), T0),
          others.sign("gamma", Opinion.of(a1.entryId(), acme.member(), Stance.DISAGREE,
              ReasonCode.WRONG_LABEL), T0)));
      ledger.opinion(b1.id(), Stance.AGREE, ReasonCode.CONFIRMED, Optional.empty());

      queries.addAll(List.of(pdq, md5, expiring, retracted, near, Signal.parse("md5", "0123456789abcdef0123456789abcdef")));
      submissions.addAll(List.of(a1.entryId(), a2.entryId(), a3.entryId(), a4.entryId(), a6.entryId(), b1.id()));
      live = state(ledger, trust);

      // the facts the comparison rests on, so that it cannot pass on an empty state
      assertEquals(5, ledger.catalog().size());
      assertFalse(ledger.catalog().contains(a4.entryId()), "retracted");
      assertTrue(ledger.catalog().contains(a2.entryId()), "another member's retract does not apply");
      assertEquals(List.of(), ledger.catalog().match(expiring, 0, AFTER_EXPIRY), "expired");
      Listing beta = ledger.catalog().match(Signal.parse("md5", "0123456789abcdef0123456789abcdef"), 0, T0).get(0)
          .listing();
      assertEquals(labels("behavior:instruction", "behavior:praise"), beta.labels(), "relabelled by its member");
      Listing mine = ledger.catalog().match(pdq, 0, T0).get(0).listing();
      assertEquals(labels("behavior:glorification", "behavior:recruitment"), mine.labels(),
          "another member's relabel does not apply");
      Judgement j = trust.judge(mine, 0);
      assertEquals(0, j.agreements());
      assertEquals(2, j.disputes(), "beta disputes, and gamma's later opinion replaces its agreement");
      assertEquals(1, trust.judge(beta, 0).agreements());
    }
  }

  /** Everything a replay rebuilds, as text: feed heads, the catalog as matches see it, opinions. */
  private String state(Ledger ledger, TrustService trust) {
    StringBuilder sb = new StringBuilder();
    sb.append("feeds ").append(ledger.entriesByMember()).append('\n');
    for (String m : ledger.entriesByMember().keySet()) {
      sb.append("head ").append(m).append(' ').append(ledger.feed(MemberId.parse(m)).head().orElseThrow())
          .append('\n');
    }
    sb.append("catalog ").append(ledger.catalog().size()).append(' ').append(ledger.catalog().sizeByType())
        .append('\n');
    for (EntryId id : submissions) {
      sb.append("contains ").append(id).append(' ').append(ledger.catalog().contains(id)).append('\n');
    }
    for (Instant now : List.of(BEFORE_EXPIRY, AFTER_EXPIRY)) {
      for (Signal q : queries) {
        sb.append("match ").append(q).append(" at ").append(now).append('\n');
        for (CatalogMatch m : ledger.catalog().match(q, 31, now)) {
          Listing l = m.listing();
          Judgement j = trust.judge(l, m.distance());
          sb.append("  ").append(l.entryId()).append(' ').append(l.member()).append(' ').append(l.signal())
              .append(" q=").append(l.signal().quality()).append(' ').append(l.labels()).append(' ')
              .append(l.incident()).append(' ').append(l.submittedAt()).append(' ').append(l.expiresAt())
              .append(" d=").append(m.distance()).append(' ').append(j).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private String reopened() {
    try (Store store = Store.open(storeDir())) {
      TrustService trust = trust(store);
      return state(Ledger.open(store, acme, 50, clock, List.of(trust)), trust);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void open_fromTheRecordsWrittenWithTheEntries_rebuildsTheStateTheLedgerHad() {
    assertEquals(live, reopened());
  }

  @Test
  void open_ofStoreWrittenBeforeReplayRecords_buildsThemOnceFromTheEnvelopes() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.dropFamily("replay");
      raw.delete("meta", RawStore.metaKey("replay.format"));
    }
    try (RawStore raw = RawStore.open(storeDir())) {
      assertFalse(raw.families().contains("replay"), "an old-format store has no replay column family");
    }

    assertEquals(live, reopened());

    try (RawStore raw = RawStore.open(storeDir())) {
      assertEquals(15, raw.count("replay"), "a record for each of the 15 entries");
      assertArrayEquals(utf8("1"), raw.get("meta", RawStore.metaKey("replay.format")).orElseThrow());
    }
    assertEquals(live, reopened());
  }

  @Test
  void open_withRecordsOfAnotherFormat_rebuildsThemFromTheEnvelopes() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.put("meta", RawStore.metaKey("replay.format"), utf8("2"));
      raw.put("replay", RawStore.feedKey("acme", 1), new byte[] {2, 0, 0});
    }

    assertEquals(live, reopened());

    try (RawStore raw = RawStore.open(storeDir())) {
      assertArrayEquals(utf8("1"), raw.get("meta", RawStore.metaKey("replay.format")).orElseThrow());
      assertEquals(1, raw.get("replay", RawStore.feedKey("acme", 1)).orElseThrow()[0]);
    }
  }

  @Test
  void open_withUnreadableRecords_readsThoseEntriesFromTheirEnvelopes_andRewritesTheRecords() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.put("replay", RawStore.feedKey("acme", 2), new byte[] {7, 1, 2, 3});
      raw.put("replay", RawStore.feedKey("beta", 1), new byte[] {1, 1});
      byte[] trailing = raw.get("replay", RawStore.feedKey("gamma", 3)).orElseThrow();
      raw.put("replay", RawStore.feedKey("gamma", 3), java.util.Arrays.copyOf(trailing, trailing.length + 1));
    }

    assertEquals(live, reopened());

    try (RawStore raw = RawStore.open(storeDir())) {
      assertEquals(1, raw.get("replay", RawStore.feedKey("acme", 2)).orElseThrow()[0]);
      assertTrue(raw.get("replay", RawStore.feedKey("beta", 1)).orElseThrow().length > 40);
    }
    assertEquals(live, reopened());
  }

  @Test
  void open_withRecordsMissing_readsThoseEntriesFromTheirEnvelopes_andRewritesTheRecords() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.delete("replay", RawStore.feedKey("acme", 1));
      raw.delete("replay", RawStore.feedKey("acme", 3));
      raw.delete("replay", RawStore.feedKey("beta", 5));
      for (long seq = 1; seq <= 3; seq++) {
        raw.delete("replay", RawStore.feedKey("gamma", seq));
      }
    }

    assertEquals(live, reopened());

    try (RawStore raw = RawStore.open(storeDir())) {
      assertEquals(15, raw.count("replay"));
    }
  }

  @Test
  void open_withRecordBeyondTheFeed_failsNamingIt() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      byte[] record = raw.get("replay", RawStore.feedKey("acme", 1)).orElseThrow();
      raw.put("replay", RawStore.feedKey("acme", 99), record);
    }
    try (Store store = Store.open(storeDir())) {
      StoreException e = assertThrows(StoreException.class, () -> Ledger.open(store, acme, 50, clock, List.of()));
      assertTrue(e.getMessage().contains("acme/99 beyond the feed's head 7"), e.getMessage());
    }
  }

  @Test
  void open_withRecordsOfAMemberWithoutFeed_failsNamingIt() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      byte[] record = raw.get("replay", RawStore.feedKey("acme", 1)).orElseThrow();
      raw.put("replay", RawStore.feedKey("azz", 1), record);
    }
    try (Store store = Store.open(storeDir())) {
      StoreException e = assertThrows(StoreException.class, () -> Ledger.open(store, acme, 50, clock, List.of()));
      assertTrue(e.getMessage().contains("replay records for member azz who has no stored feed"), e.getMessage());
    }
  }

  @Test
  void rebuild_withAnEnvelopeThatDoesNotParse_failsNamingTheEntry() throws Exception {
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.delete("meta", RawStore.metaKey("replay.format"));
      byte[] id = raw.get("feeds", RawStore.feedKey("beta", 2)).orElseThrow();
      raw.put("envelopes", id, utf8("{\"payloadType\":"));
    }
    try (Store store = Store.open(storeDir())) {
      StoreException e = assertThrows(StoreException.class, () -> Ledger.open(store, acme, 50, clock, List.of()));
      assertTrue(e.getMessage().contains("stored envelope beta/2 does not parse"), e.getMessage());
    }
  }

  // --- the start-up snapshot (spec/store.md section 7) ---

  /** Collects the warnings of the snapshot loader while {@code action} runs. */
  private static List<String> warnings(Runnable action) {
    List<String> seen = new ArrayList<>();
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(StartupSnapshot.class.getName());
    java.util.logging.Handler h = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (r.getLevel() == java.util.logging.Level.WARNING) {
          seen.add(r.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(h);
    try {
      action.run();
    } finally {
      log.removeHandler(h);
    }
    return seen;
  }

  private void writeSnapshot() {
    try (Store store = Store.open(storeDir())) {
      assertTrue(Ledger.open(store, acme, 50, clock, List.of(trust(store))).writeSnapshot());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Counts what the listeners are handed while the ledger opens. */
  private static final class Counting implements LedgerListener {
    int replayed;

    @Override
    public void replayed(ReplayRecord record) {
      replayed++;
    }
  }

  @Test
  void open_fromASnapshot_andTheEntriesAfterIt_rebuildsTheStateTheLedgerHad() throws Exception {
    writeSnapshot();
    FakeConsortium others = new FakeConsortium("beta", "gamma");
    String after;
    try (Store store = Store.open(storeDir())) {
      TrustService trust = trust(store);
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust));
      // after the snapshot: a retraction and a relabel of submissions it covers, an opinion, a new
      // submission, a new member
      ledger.retract(submissions.get(4), ReasonCode.OTHER, Optional.empty());
      ledger.relabel(Relabel.of(submissions.get(0), labels("behavior:praise")));
      Signal md5 = Signal.parse("md5", "99".repeat(16));
      Appended a = ledger.submit(Submit.of(md5, labels("behavior:glorification")).withIncident("inc-after"));
      ledger.ingestAll(List.of(others.sign("gamma", Opinion.of(a.entryId(), acme.member(), Stance.AGREE,
          ReasonCode.CONFIRMED), T0)));
      FakeConsortium delta = new FakeConsortium("delta");
      SignedEntry d1 = delta.sign("delta", Submit.of(Signal.pdq(PDQ_NEAR.toHex(), 80), labels("behavior:other")), T0);
      ledger.ingestAll(List.of(d1));
      queries.add(md5);
      submissions.add(a.entryId());
      submissions.add(d1.id());
      after = state(ledger, trust);
      assertFalse(ledger.catalog().contains(submissions.get(4)), "retracted after the snapshot");
    }
    assertTrue(Files.exists(dir.resolve("store.snapshot")));

    Counting counting = new Counting();
    try (Store store = Store.open(storeDir())) {
      TrustService trust = trust(store);
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust, counting));
      assertEquals(after, state(ledger, trust));
    }
    // the snapshot's 4 opinions, then the 5 entries after it: not the 15 it covers
    assertEquals(4 + 5, counting.replayed);

    Files.delete(dir.resolve("store.snapshot"));
    assertEquals(after, reopened(), "a full replay agrees");
  }

  @Test
  void writeSnapshot_whenNoFeedMovedSinceTheSnapshotItRead_writesNothing() throws Exception {
    writeSnapshot();
    try (Store store = Store.open(storeDir())) {
      Ledger ledger = Ledger.open(store, acme, 50, clock, List.of(trust(store)));
      assertFalse(ledger.writeSnapshot());
      ledger.submit(Submit.of(Signal.parse("md5", "77".repeat(16)), labels("behavior:glorification")));
      assertTrue(ledger.writeSnapshot());
      assertFalse(ledger.writeSnapshot());
    }
  }

  @Test
  void open_withATruncatedSnapshot_warnsAndReplaysEverything() throws Exception {
    writeSnapshot();
    Path file = dir.resolve("store.snapshot");
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 3, 20, bytes.length / 2, bytes.length - 1}) {
      Files.write(file, java.util.Arrays.copyOf(bytes, length));
      String[] state = new String[1];
      List<String> w = warnings(() -> state[0] = reopened());
      assertEquals(live, state[0], "truncated to " + length);
      assertEquals(1, w.size(), "one warning for a snapshot of " + length + " bytes: " + w);
      assertTrue(w.get(0).contains("ignoring the start-up snapshot"), w.get(0));
    }
  }

  @Test
  void open_withACorruptSnapshot_warnsAndReplaysEverything() throws Exception {
    writeSnapshot();
    Path file = dir.resolve("store.snapshot");
    byte[] bytes = Files.readAllBytes(file);
    // a flipped bit in every part of the file: header, heads, opinions, columns, tables, checksum
    for (int at = 0; at < bytes.length; at += Math.max(1, bytes.length / 29)) {
      byte[] corrupt = bytes.clone();
      corrupt[at] ^= 0x10;
      Files.write(file, corrupt);
      String[] state = new String[1];
      List<String> w = warnings(() -> state[0] = reopened());
      assertEquals(live, state[0], "bit flipped at byte " + at);
      assertEquals(1, w.size(), "one warning for a bit flipped at byte " + at + ": " + w);
    }
    Files.write(file, bytes);
    assertEquals(List.of(), warnings(this::reopened), "the intact snapshot is used");
  }

  @Test
  void open_withASnapshotOfAnotherStore_refusesIt() throws Exception {
    writeSnapshot();
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.put("meta", RawStore.metaKey(StartupSnapshot.STORE_ID_KEY), new byte[16]);
    }
    String[] state = new String[1];
    List<String> w = warnings(() -> state[0] = reopened());
    assertEquals(live, state[0]);
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("not this one"), w.get(0));
  }

  @Test
  void open_withASnapshotAheadOfTheStore_refusesIt() throws Exception {
    writeSnapshot();
    // the store loses the head the snapshot covers (a store restored from an older backup)
    try (RawStore raw = RawStore.open(storeDir())) {
      raw.delete("feeds", RawStore.feedKey("gamma", 3));
      raw.delete("replay", RawStore.feedKey("gamma", 3));
    }
    List<String> w = warnings(this::reopened);
    assertEquals(1, w.size(), w.toString());
    assertTrue(w.get(0).contains("gamma/3"), w.get(0));
  }
}
