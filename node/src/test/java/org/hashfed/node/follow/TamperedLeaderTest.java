package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.store.RawStore;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A leader whose store holds a tampered envelope serves it to a follower, in a page of its first
 * copy or in a change while it follows: the follower refuses it, applies nothing of it, and says
 * which entry and why (its start fails, or {@code /readyz} answers 503 until the leader is
 * repaired). A derived record (feed position, signal row, replay record) that is not the one its
 * envelope makes is refused the same way in a change; a first copy does not take the leader's
 * derived records at all, and writes those of the envelopes it verified.
 */
class TamperedLeaderTest {

  // More than CopiedEntries verifies one by one: the page's envelopes are checked in parallel.
  private static final int ENTRIES = 80;

  @TempDir Path leaderDir;
  @TempDir Path followerDir;
  private PinnedLeader leader;
  private final List<Appended> entries = new ArrayList<>();

  /** What is done to one stored envelope. */
  enum Tamper {
    BAD_SIGNATURE(env -> {
      JsonObject sig = env.getJsonArray("signatures").getJsonObject(0);
      byte[] bytes = Base64.getDecoder().decode(sig.getString("sig"));
      bytes[7] ^= 0x10;
      sig.put("sig", Base64.getEncoder().encodeToString(bytes));
      return env;
    }),
    PAYLOAD_CHANGED(env -> {
      String payload = new String(Base64.getDecoder().decode(env.getString("payload")), StandardCharsets.UTF_8);
      String changed = payload.replace(md5(40), md5(ENTRIES + 1));
      if (changed.equals(payload)) {
        throw new AssertionError("the payload does not hold the signal to change: " + payload);
      }
      return env.put("payload", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
    });

    private final UnaryOperator<JsonObject> edit;

    Tamper(UnaryOperator<JsonObject> edit) {
      this.edit = edit;
    }

    byte[] apply(byte[] envelope) {
      return edit.apply(new JsonObject(new String(envelope, StandardCharsets.UTF_8))).toBuffer().getBytes();
    }
  }

  private static String md5(int i) {
    return String.format("%032x", i);
  }

  @BeforeEach
  void start() {
    leader = PinnedLeader.start(leaderDir, followerDir);
    Ledger ledger = leader.node().ledger().orElseThrow();
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(ledger.submit(Submit.of(Signal.parse("md5", md5(i)), List.of(Label.parse("behavior:glorification")))));
    }
  }

  @AfterEach
  void stop() {
    leader.close();
  }

  private void tamperOnLeader(EntryId target, Tamper tamper) throws Exception {
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        raw.put("envelopes", target.bytes(), tamper.apply(raw.get("envelopes", target.bytes()).orElseThrow()));
      }
    });
  }

  private void assertRefused(EntryId target) throws Exception {
    NodeStartException e = assertThrows(NodeStartException.class,
        () -> Follower.start(leader.followerConfig(), Clock.systemUTC()).stop());
    String said = e.getMessage();
    assertTrue(said.startsWith("cannot copy the store of the leader"), said);
    assertTrue(said.contains("page 1 of the leader's copy"), said);
    assertTrue(said.contains("envelope " + target.hex()), said);
    assertTrue(said.contains("does not verify"), said);
    // nothing of the page: the store has no envelope, feed or replay record, and no position
    try (RawStore raw = RawStore.open(followerDir.resolve("store"))) {
      for (String family : List.of("envelopes", "feeds", "replay", "signals")) {
        assertEquals(0, raw.count(family), family);
      }
    }
    try (Store store = Store.open(followerDir.resolve("store"))) {
      assertTrue(store.followPosition().isEmpty(), "a copy refused is not a copy held");
    }
  }

  @ParameterizedTest
  @EnumSource(Tamper.class)
  void firstCopy_withATamperedEnvelope_isRefused_keepingNothingOfThePage(Tamper tamper) throws Exception {
    EntryId target = entries.get(40).entryId();
    tamperOnLeader(target, tamper);
    assertRefused(target);
  }

  private static byte[] changeKey(long seq) {
    return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
  }

  /** The base64 signature of {@code target}'s stored envelope, as the stored bytes spell it. */
  private static byte[] signatureText(RawStore raw, EntryId target) throws Exception {
    return new JsonObject(new String(raw.get("envelopes", target.bytes()).orElseThrow(), StandardCharsets.UTF_8))
        .getJsonArray("signatures").getJsonObject(0).getString("sig").getBytes(StandardCharsets.US_ASCII);
  }

  /** The seq of the change of the leader's log that brings {@code target}'s envelope. */
  private static long changeBringing(RawStore raw, EntryId target) throws Exception {
    byte[] sig = signatureText(raw, target);
    for (long seq = 1; seq <= 10 * ENTRIES; seq++) {
      Optional<byte[]> change = raw.get("changes", changeKey(seq));
      if (change.isPresent() && indexOf(change.get(), sig) >= 0) {
        return seq;
      }
    }
    throw new AssertionError("no change of the leader's log brings " + target);
  }

  private static int indexOf(byte[] in, byte[] what) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void changeWithATamperedEnvelope_isRefused_readyzSaysWhy_andFollowingResumesOnceTheLeaderIsRepaired()
      throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    EntryId added = leader.node().ledger().orElseThrow().submit(Submit.of(Signal.parse("md5", md5(ENTRIES + 2)),
        List.of(Label.parse("behavior:glorification")))).entryId();
    long[] seq = new long[1];
    byte[][] original = new byte[1][];
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        seq[0] = changeBringing(raw, added);
        original[0] = raw.get("changes", changeKey(seq[0])).orElseThrow();
        // one character of the signature's base64: the change still decodes, the envelope does not verify
        byte[] tampered = original[0].clone();
        int at = indexOf(tampered, signatureText(raw, added));
        tampered[at] = (byte) (tampered[at] == 'A' ? 'B' : 'A');
        raw.put("changes", changeKey(seq[0]), tampered);
      }
    });

    Follower refusing = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try (TestClient http = new TestClient(refusing.port())) {
      Await.until(PinnedLeader.WAIT, () -> refusing.notReady().filter(r -> r.contains("never signed")).isPresent(),
          () -> "follower " + refusing.notReady());
      String reason = refusing.notReady().orElseThrow();
      assertTrue(reason.contains("change " + seq[0] + ": envelope " + added.hex() + " does not verify"), reason);
      HttpResponse<Buffer> readyz = http.get("/readyz", null);
      assertEquals(503, readyz.statusCode());
      assertTrue(readyz.bodyAsJsonObject().getString("detail").contains(added.hex()), readyz.bodyAsString());
      assertFalse(refusing.ledger().catalog().contains(added), "nothing of the refused change is applied");
      assertEquals(seq[0] - 1, refusing.position().seq());

      leader.restartAfter(storeDir -> {
        try (RawStore raw = RawStore.open(storeDir)) {
          raw.put("changes", changeKey(seq[0]), original[0]);
        }
      });
      Await.until(PinnedLeader.WAIT, () -> refusing.ledger().catalog().contains(added),
          () -> "follower at change " + refusing.position() + ": " + refusing.notReady());
      Await.until(PinnedLeader.WAIT, () -> refusing.notReady().isEmpty(), () -> "follower " + refusing.notReady());
    } finally {
      refusing.stop();
    }
  }

  @Test
  void copyAgain_afterTheLeadersLogStartedAgain_withATamperedEnvelope_isRefusedTheSameWay() throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    EntryId target = entries.get(40).entryId();
    // a leader started once without followers starts a new change log: the follower must copy again
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        raw.put("envelopes", target.bytes(), Tamper.BAD_SIGNATURE.apply(
            raw.get("envelopes", target.bytes()).orElseThrow()));
      }
      Node without = Node.start(NodeConfig.builder().dataDir(storeDir.getParent()).member("acme").port(0).peerPort(0)
          .build());
      without.awaitReady(PinnedLeader.WAIT);
      without.stop();
    });
    assertRefused(target);
  }

  /** A record of the leader's store as it was before a forgery: absent when the forgery added it. */
  record Original(String family, byte[] key, Optional<byte[]> value) {}

  /** What is done to the derived records of entry 40 (whose signal is md5(40)) on the leader. */
  enum Forgery {
    /** Entry 41's replay record in entry 40's place: the catalog would list md5(41) under entry 40. */
    REPLAY_RECORD_SWAPPED {
      @Override
      Original apply(RawStore raw, List<Appended> entries) throws Exception {
        byte[] key = RawStore.feedKey("acme", entries.get(40).seq());
        Original original = new Original("replay", key, raw.get("replay", key));
        raw.put("replay", key, raw.get("replay", RawStore.feedKey("acme", entries.get(41).seq())).orElseThrow());
        return original;
      }
    },
    /** A signal row for a hash entry 40 does not sign. */
    SIGNAL_ROW_ADDED {
      @Override
      Original apply(RawStore raw, List<Appended> entries) throws Exception {
        byte[] key = signalKey("md5", md5(ENTRIES + 5), entries.get(40).entryId());
        raw.put("signals", key, new byte[0]);
        return new Original("signals", key, Optional.empty());
      }
    },
    /** Entry 40's feed position naming entry 41. */
    FEED_POSITION_MOVED {
      @Override
      Original apply(RawStore raw, List<Appended> entries) throws Exception {
        byte[] key = RawStore.feedKey("acme", entries.get(40).seq());
        Original original = new Original("feeds", key, raw.get("feeds", key));
        raw.put("feeds", key, entries.get(41).entryId().bytes());
        return original;
      }
    };

    /** Tampers with the leader's store; returns the record as it was. */
    abstract Original apply(RawStore raw, List<Appended> entries) throws Exception;
  }

  private static byte[] signalKey(String type, String value, EntryId id) {
    byte[] prefix = (type + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(prefix.length + 32).put(prefix).put(id.bytes()).array();
  }

  @ParameterizedTest
  @EnumSource(Forgery.class)
  void firstCopy_takesNotTheLeadersDerivedRecords_butThoseOfTheEnvelopesItVerified(Forgery forgery) throws Exception {
    Original[] original = new Original[1];
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        original[0] = forgery.apply(raw, entries);
      }
    });
    Follower follower = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try {
      assertTrue(follower.ledger().catalog().contains(entries.get(40).entryId()));
    } finally {
      follower.stop();
    }
    try (RawStore raw = RawStore.open(followerDir.resolve("store"))) {
      Optional<byte[]> held = raw.get(original[0].family(), original[0].key());
      assertEquals(original[0].value().map(Arrays::toString), held.map(Arrays::toString),
          "the follower's " + original[0].family() + " record is the one entry 40's envelope makes");
      for (String family : List.of("feeds", "replay", "signals")) {
        assertEquals(ENTRIES, raw.count(family), family);
      }
    }
  }

  @Test
  void changeWithASignalRowItsEnvelopeDoesNotSign_isRefused_andNothingOfItApplied() throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    EntryId added = leader.node().ledger().orElseThrow().submit(Submit.of(Signal.parse("md5", md5(ENTRIES + 2)),
        List.of(Label.parse("behavior:glorification")))).entryId();
    long[] seq = new long[1];
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        seq[0] = changeBringing(raw, added);
        byte[] change = raw.get("changes", changeKey(seq[0])).orElseThrow();
        // the signal row's key names md5(ENTRIES + 2); the same length of another hash keeps the change decodable
        byte[] row = signalKey("md5", md5(ENTRIES + 2), added);
        int at = indexOf(change, row);
        assertTrue(at >= 0, "the change holds the entry's signal row");
        byte[] forged = signalKey("md5", md5(ENTRIES + 3), added);
        System.arraycopy(forged, 0, change, at, forged.length);
        raw.put("changes", changeKey(seq[0]), change);
      }
    });

    Follower refusing = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try {
      Await.until(PinnedLeader.WAIT, () -> refusing.notReady().filter(r -> r.contains("never signed")).isPresent(),
          () -> "follower " + refusing.notReady());
      String reason = refusing.notReady().orElseThrow();
      assertTrue(reason.contains("change " + seq[0] + ": signal row md5 " + md5(ENTRIES + 3)
          + " is not a record entry " + added + " makes"), reason);
      assertFalse(refusing.ledger().catalog().contains(added), "nothing of the refused change is applied");
      assertEquals(seq[0] - 1, refusing.position().seq());
    } finally {
      refusing.stop();
    }
  }

  /** The seq of the last change in the leader's log. */
  private static long lastChange(RawStore raw) throws Exception {
    long last = 0;
    for (long seq = 1; seq <= 10 * ENTRIES; seq++) {
      if (raw.get("changes", changeKey(seq)).isPresent()) {
        last = seq;
      }
    }
    return last;
  }

  // A leader that lost a replay record rewrites it from the envelope at its next full replay, in a
  // change of its own: the envelope is then in the follower's store, not in the change.
  private long leaderRewritesReplayRecordOf(Appended a) throws Exception {
    long[] seq = new long[1];
    leader.restartAfter(storeDir -> {
      Files.deleteIfExists(storeDir.resolveSibling("store.snapshot"));
      try (RawStore raw = RawStore.open(storeDir)) {
        raw.delete("replay", RawStore.feedKey("acme", a.seq()));
      }
    });
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        seq[0] = lastChange(raw);
        byte[] change = raw.get("changes", changeKey(seq[0])).orElseThrow();
        assertTrue(indexOf(change, RawStore.feedKey("acme", a.seq())) >= 0,
            "the last change rewrites the replay record of acme/" + a.seq());
      }
    });
    return seq[0];
  }

  @Test
  void replayRecordRewrittenByTheLeader_isCheckedAgainstTheEnvelopeTheFollowerHolds() throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    long seq = leaderRewritesReplayRecordOf(entries.get(40));
    Follower following = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try {
      Await.until(PinnedLeader.WAIT, () -> following.position().seq() >= seq,
          () -> "follower at change " + following.position() + ": " + following.notReady());
      assertTrue(following.notReady().isEmpty(), "follower " + following.notReady());
      assertTrue(following.ledger().catalog().contains(entries.get(40).entryId()));
    } finally {
      following.stop();
    }
  }

  @Test
  void replayRecordRewrittenByTheLeader_asAnotherEntrysRecord_isRefused() throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    Appended a = entries.get(40);
    long seq = leaderRewritesReplayRecordOf(a);
    leader.restartAfter(storeDir -> {
      try (RawStore raw = RawStore.open(storeDir)) {
        byte[] change = raw.get("changes", changeKey(seq)).orElseThrow();
        byte[] own = raw.get("replay", RawStore.feedKey("acme", a.seq())).orElseThrow();
        byte[] other = raw.get("replay", RawStore.feedKey("acme", entries.get(41).seq())).orElseThrow();
        assertEquals(own.length, other.length, "records of the same shape");
        int at = indexOf(change, own);
        assertTrue(at >= 0, "the change holds the rewritten record");
        System.arraycopy(other, 0, change, at, other.length);
        raw.put("changes", changeKey(seq), change);
      }
    });
    Follower refusing = Follower.start(leader.followerConfig(), Clock.systemUTC());
    try {
      Await.until(PinnedLeader.WAIT, () -> refusing.notReady().filter(r -> r.contains("never signed")).isPresent(),
          () -> "follower " + refusing.notReady());
      String reason = refusing.notReady().orElseThrow();
      assertTrue(reason.contains("change " + seq + ": replay record acme/" + a.seq() + " is not a record entry "
          + a.entryId() + " makes"), reason);
      assertEquals(seq - 1, refusing.position().seq());
    } finally {
      refusing.stop();
    }
  }
}
