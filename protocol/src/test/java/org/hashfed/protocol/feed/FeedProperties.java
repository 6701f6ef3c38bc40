package org.hashfed.protocol.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.entry.SignedEntry;

class FeedProperties {

  private static final List<SignedEntry> FEED = FeedValidatorTest.feed(FeedValidatorTest.SIGNER, 40);
  private static final FeedValidator VALIDATOR =
      FeedValidator.create(FeedValidatorTest.ACME, FeedValidatorTest.KEY.publicKey());

  private static final class Replica {
    final Map<Long, SignedEntry> held = new HashMap<>();
    FeedState state = FeedState.empty(FeedValidatorTest.ACME);

    FeedVerdict offer(SignedEntry e) {
      FeedVerdict v = VALIDATOR.classify(e.envelope().toJson(), state, seq -> Optional.ofNullable(held.get(seq)));
      if (v instanceof FeedVerdict.Accepted a) {
        held.put(a.entry().entry().seq(), a.entry());
        state = a.state();
      }
      return v;
    }
  }

  @Property(tries = 20)
  void feedOfAnyLength_isAcceptedInOrder(@ForAll @IntRange(min = 1, max = 40) int n) {
    Replica r = new Replica();
    for (SignedEntry e : FEED.subList(0, n)) {
      assertInstanceOf(FeedVerdict.Accepted.class, r.offer(e));
    }
    assertEquals(n, r.state.lastSeq());
    assertEquals(FEED.get(n - 1).id(), r.state.lastId().orElseThrow());
  }

  @Property(tries = 100)
  void entryOutOfOrder_isGapOrDuplicateAtTheRightSeq(@ForAll @IntRange(min = 1, max = 39) int accepted,
      @ForAll @IntRange(min = 1, max = 40) int offered) {
    Replica r = new Replica();
    FEED.subList(0, accepted).forEach(r::offer);
    FeedVerdict v = r.offer(FEED.get(offered - 1));
    if (offered <= accepted) {
      assertEquals(new FeedVerdict.Duplicate(offered, FEED.get(offered - 1).id()), v);
    } else if (offered == accepted + 1) {
      assertInstanceOf(FeedVerdict.Accepted.class, v);
    } else {
      FeedVerdict.Gap g = assertInstanceOf(FeedVerdict.Gap.class, v);
      assertEquals(accepted + 1, g.missingFrom());
      assertEquals(offered - 1, g.missingTo());
    }
  }

  @Property(tries = 100)
  void substitutedEntry_isEquivocationGapOrBreaksTheChain(@ForAll @IntRange(min = 1, max = 20) int accepted,
      @ForAll @IntRange(min = 1, max = 21) int substituted) {
    Replica r = new Replica();
    FEED.subList(0, accepted).forEach(r::offer);
    // A forked feed: the same member signs a different entry at seq `substituted`.
    SignedEntry before = substituted == 1 ? null : FEED.get(substituted - 2);
    FeedState fork = before == null ? FeedState.empty(FeedValidatorTest.ACME) : FeedState.of(FeedHead.of(before));
    SignedEntry forged = FeedValidatorTest.SIGNER.sign(
        fork.next(fork.head().map(FeedHead::time).orElse(FeedValidatorTest.T0), FeedValidatorTest.submit(1000)));
    FeedVerdict v = r.offer(forged);
    if (substituted <= accepted) {
      FeedVerdict.Equivocation eq = assertInstanceOf(FeedVerdict.Equivocation.class, v);
      assertEquals(substituted, eq.evidence().seq());
    } else if (substituted > accepted + 1) {
      FeedVerdict.Gap g = assertInstanceOf(FeedVerdict.Gap.class, v);
      assertEquals(accepted + 1, g.missingFrom());
    } else {
      assertInstanceOf(FeedVerdict.Accepted.class, v);
      // the fork becomes the feed here; the original next entry now breaks the chain
      if (substituted < FEED.size()) {
        FeedVerdict next = r.offer(FEED.get(substituted));
        assertEquals(RejectReason.BROKEN_PREV, assertInstanceOf(FeedVerdict.Rejected.class, next).reason());
      }
    }
  }

  @Property(tries = 30)
  void shuffledDelivery_withPendingRetry_convergesToTheFeed(@ForAll("permutationSeed") long seed) {
    List<SignedEntry> shuffled = new ArrayList<>(FEED.subList(0, 15));
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    Replica r = new Replica();
    List<SignedEntry> pending = new ArrayList<>();
    for (SignedEntry e : shuffled) {
      FeedVerdict v = r.offer(e);
      if (v instanceof FeedVerdict.Gap) {
        pending.add(e);
      }
      boolean progress = true;
      while (progress) {
        progress = false;
        for (var it = pending.iterator(); it.hasNext(); ) {
          SignedEntry p = it.next();
          if (p.entry().seq() == r.state.lastSeq() + 1) {
            assertInstanceOf(FeedVerdict.Accepted.class, r.offer(p));
            it.remove();
            progress = true;
          }
        }
      }
    }
    assertEquals(15, r.state.lastSeq());
    assertEquals(FEED.get(14).id(), r.state.lastId().orElseThrow());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> permutationSeed() {
    return net.jqwik.api.Arbitraries.longs();
  }
}
