package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hashfed.node.Node;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
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
 * A leader whose store holds a tampered envelope serves it in the page of a follower's copy: the
 * follower refuses the page, keeps nothing of it, and its start says which entry and why.
 */
class TamperedCopyPageTest {

  // More than CopiedEntries verifies one by one: the page's envelopes are checked in parallel.
  private static final int ENTRIES = 80;

  @TempDir Path leaderDir;
  @TempDir Path followerDir;
  private PinnedLeader leader;
  private final List<EntryId> entries = new ArrayList<>();

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
      entries.add(ledger.submit(Submit.of(Signal.parse("md5", md5(i)), List.of(Label.parse("behavior:glorification"))))
          .entryId());
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
    EntryId target = entries.get(40);
    tamperOnLeader(target, tamper);
    assertRefused(target);
  }

  @Test
  void copyAgain_afterTheLeadersLogStartedAgain_withATamperedEnvelope_isRefusedTheSameWay() throws Exception {
    Follower.start(leader.followerConfig(), Clock.systemUTC()).stop();
    EntryId target = entries.get(40);
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
}
