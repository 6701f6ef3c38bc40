package org.hashfed.node.sync;

import static org.hashfed.node.sync.Federation.await;
import static org.hashfed.node.sync.Federation.awaitMatchableEverywhere;
import static org.hashfed.node.sync.Federation.matchable;
import static org.hashfed.node.sync.Federation.randomMd5;
import static org.hashfed.node.sync.Federation.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.MemberStatus;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.SignedRoster;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roster updates travel by gossip and are adopted only with a quorum of the current version's signatures. */
@Tag("slow")
class RosterGossipTest {

  private static final List<String> ALL = List.of("node-a", "node-b", "node-c");

  @TempDir Path root;

  @Test
  void proposalWithoutQuorum_isRefused_withQuorum_isAdoptedByEveryNode_andSuspendedMembersNewEntriesAreRefused() throws Exception {
    try (LocalConsortium c = LocalConsortium.prepare(root, ALL, Federation::fast).startAll()) {
      Signal old = randomMd5();
      submit(c.node("node-c"), old);
      awaitMatchableEverywhere(c, ALL, old, Duration.ofSeconds(60));

      SignedRoster v1 = c.node("node-a").sync().roster().current();
      MemberId nodeC = MemberId.parse("node-c");
      Roster v2 = v1.successor(EntryTime.truncate(java.time.Instant.now()))
          .withUpdatedMember(v1.roster().member(nodeC).orElseThrow().withStatus(MemberStatus.SUSPENDED));
      Envelope proposal = RosterEnvelopes.propose(v2, c.memberKey("node-a"));
      RosterVerificationException e = assertThrows(RosterVerificationException.class,
          () -> c.node("node-a").sync().adoptRoster(proposal));
      assertTrue(e.getMessage().contains("needs 2 of 3"), e.getMessage());
      assertEquals(1, c.node("node-a").sync().roster().current().roster().version());

      Envelope withQuorum = RosterEnvelopes.cosign(proposal, c.memberKey("node-b"));
      assertEquals(RosterBook.Adoption.ADOPTED, assertDoesNotThrowAdopt(c, withQuorum));
      await(Duration.ofSeconds(60), () -> ALL.stream()
              .allMatch(m -> c.node(m).sync().roster().current().roster().version() == 2),
          () -> "versions " + ALL.stream().map(m -> c.node(m).sync().roster().current().roster().version()).toList());

      Signal fresh = randomMd5();
      EntryId freshId = submit(c.node("node-c"), fresh).entryId();
      Signal control = randomMd5();
      submit(c.node("node-a"), control);
      awaitMatchableEverywhere(c, List.of("node-a", "node-b"), control, Duration.ofSeconds(60));
      // node-c's own pushes are refused at the peer port; an active member relaying the entry gets
      // as far as the intake, which must refuse it too. Waiting for those answers, rather than for
      // a while, is what shows that nothing accepted it.
      Buffer relayed = relayPush(c.node("node-c").ledger().orElseThrow().find(freshId).orElseThrow().envelope());
      for (String[] hop : new String[][] {{"node-b", "node-a"}, {"node-a", "node-b"}}) {
        JsonObject r = new JsonObject(c.node(hop[0]).sync().client(MemberId.parse(hop[1])).orElseThrow()
            .post("/peer/v1/entries", relayed).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
            .toString());
        assertEquals(0, r.getInteger("accepted"), hop[0] + " relaying to " + hop[1] + ": " + r.encode());
        assertEquals(1, r.getInteger("rejected"), hop[0] + " relaying to " + hop[1] + ": " + r.encode());
      }
      assertFalse(matchable(c.node("node-a"), fresh) || matchable(c.node("node-b"), fresh),
          "a suspended member's new entry was accepted");
      assertTrue(matchable(c.node("node-a"), old) && matchable(c.node("node-b"), old),
          "a suspended member's old entries must stay");
    }
  }

  private static Buffer relayPush(Envelope envelope) {
    return Buffer.buffer("{\"entries\":[{\"envelope\":" + new String(envelope.toJson(), StandardCharsets.UTF_8)
        + ",\"relay\":[\"node-c\"]}]}");
  }

  private static RosterBook.Adoption assertDoesNotThrowAdopt(LocalConsortium c, Envelope e) {
    try {
      return c.node("node-a").sync().adoptRoster(e);
    } catch (RosterVerificationException ex) {
      throw new AssertionError("a proposal with quorum was refused: " + ex.getMessage(), ex);
    }
  }
}
