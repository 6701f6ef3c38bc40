package org.hashfed.protocol.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

class FeedValidatorTest {

  static final MemberId ACME = MemberId.parse("acme");
  static final Ed25519PrivateKey KEY = key(9);
  static final EntrySigner SIGNER = EntrySigner.create(ACME, KEY);
  static final Instant T0 = Instant.parse("2026-11-28T13:45:00Z");

  private final FeedValidator validator = FeedValidator.create(ACME, KEY.publicKey());
  private final Map<Long, SignedEntry> held = new HashMap<>();

  static Ed25519PrivateKey key(int fill) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) fill);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  static Submit submit(int n) {
    return Submit.of(Signal.parse("md5", String.format("%032x", n)), List.of(Label.parse("behavior:glorification")));
  }

  /** A correct feed of n entries, one minute apart. */
  static List<SignedEntry> feed(EntrySigner signer, int n) {
    FeedState s = FeedState.empty(signer.member());
    List<SignedEntry> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      SignedEntry e = signer.sign(s.next(T0.plusSeconds(60L * i), submit(i)));
      out.add(e);
      s = s.advance(e);
    }
    return out;
  }

  private FeedVerdict offer(FeedState state, SignedEntry e) {
    return validator.classify(e.envelope().toJson(), state, seq -> Optional.ofNullable(held.get(seq)));
  }

  private FeedState accept(FeedState state, SignedEntry e) {
    FeedVerdict.Accepted a = assertInstanceOf(FeedVerdict.Accepted.class, offer(state, e));
    held.put(e.entry().seq(), a.entry());
    return a.state();
  }

  @Test
  void correctFeed_isAcceptedInOrder() {
    FeedState s = FeedState.empty(ACME);
    for (SignedEntry e : feed(SIGNER, 3)) {
      s = accept(s, e);
    }
    assertEquals(3, s.lastSeq());
  }

  @Test
  void sameEntryAgain_isDuplicate() {
    List<SignedEntry> f = feed(SIGNER, 2);
    FeedState s = accept(accept(FeedState.empty(ACME), f.get(0)), f.get(1));
    assertEquals(new FeedVerdict.Duplicate(1, f.get(0).id()), offer(s, f.get(0)));
  }

  @Test
  void entryAhead_reportsMissingRange() {
    List<SignedEntry> f = feed(SIGNER, 5);
    FeedState s = accept(FeedState.empty(ACME), f.get(0));
    FeedVerdict.Gap gap = assertInstanceOf(FeedVerdict.Gap.class, offer(s, f.get(4)));
    assertEquals(2, gap.missingFrom());
    assertEquals(4, gap.missingTo());
  }

  @Test
  void differentEntryAtHeldSeq_isEquivocationWithBothEnvelopes() throws Exception {
    List<SignedEntry> f = feed(SIGNER, 2);
    FeedState s = accept(accept(FeedState.empty(ACME), f.get(0)), f.get(1));
    SignedEntry other = SIGNER.sign(FeedState.empty(ACME).next(T0, submit(99)));
    FeedVerdict.Equivocation eq = assertInstanceOf(FeedVerdict.Equivocation.class, offer(s, other));
    EquivocationEvidence ev = eq.evidence();
    assertEquals(1, ev.seq());
    assertEquals(java.util.Set.of(f.get(0).id(), other.id()), java.util.Set.of(ev.first().id(), ev.second().id()));
    assertTrue(ev.first().id().hex().compareTo(ev.second().id().hex()) < 0);
    ev.verify(KEY.publicKey());
    assertEquals(ev, EquivocationEvidence.parse(ev.toJson(), KEY.publicKey()));
  }

  @Test
  void wrongPrev_isRejectedAsBrokenPrev() {
    List<SignedEntry> f = feed(SIGNER, 1);
    FeedState s = accept(FeedState.empty(ACME), f.get(0));
    SignedEntry bad = SIGNER.sign(Entry.create(ACME, 2, Optional.of(EntryId.ofPayload(new byte[1])), T0, submit(2)));
    assertEquals(RejectReason.BROKEN_PREV, assertInstanceOf(FeedVerdict.Rejected.class, offer(s, bad)).reason());
  }

  @Test
  void earlierTime_isRejected() {
    List<SignedEntry> f = feed(SIGNER, 1);
    FeedState s = accept(FeedState.empty(ACME), f.get(0));
    SignedEntry bad = SIGNER.sign(Entry.create(ACME, 2, Optional.of(f.get(0).id()), T0.minusSeconds(1), submit(2)));
    assertEquals(RejectReason.TIME_REGRESSION, assertInstanceOf(FeedVerdict.Rejected.class, offer(s, bad)).reason());
    SignedEntry same = SIGNER.sign(Entry.create(ACME, 2, Optional.of(f.get(0).id()), T0, submit(2)));
    assertInstanceOf(FeedVerdict.Accepted.class, offer(s, same));
  }

  @Test
  void otherKeyOrMember_isRejected() {
    SignedEntry byOtherKey = EntrySigner.create(ACME, key(10)).sign(FeedState.empty(ACME).next(T0, submit(1)));
    assertEquals(RejectReason.BAD_SIGNATURE,
        assertInstanceOf(FeedVerdict.Rejected.class, offer(FeedState.empty(ACME), byOtherKey)).reason());
    MemberId beta = MemberId.parse("beta");
    SignedEntry otherMember = EntrySigner.create(beta, KEY).sign(FeedState.empty(beta).next(T0, submit(1)));
    assertEquals(RejectReason.WRONG_MEMBER,
        assertInstanceOf(FeedVerdict.Rejected.class, offer(FeedState.empty(ACME), otherMember)).reason());
  }

  @Test
  void garbageAndBadPayloads_areRejectedNotThrown() {
    FeedVerdict v = validator.classify("{".getBytes(StandardCharsets.UTF_8), FeedState.empty(ACME), seq -> Optional.empty());
    assertEquals(RejectReason.MALFORMED_ENVELOPE, assertInstanceOf(FeedVerdict.Rejected.class, v).reason());
    Envelope notAnEntry = Envelope.sign(Entry.PAYLOAD_TYPE, "{}".getBytes(StandardCharsets.UTF_8), KEY);
    FeedVerdict w = validator.classify(notAnEntry, FeedState.empty(ACME), seq -> Optional.empty());
    assertEquals(RejectReason.MALFORMED_ENTRY, assertInstanceOf(FeedVerdict.Rejected.class, w).reason());
  }

  @Test
  void heldHistoryMissing_isUnknownHistory() {
    List<SignedEntry> f = feed(SIGNER, 2);
    FeedState s = FeedState.of(FeedHead.of(f.get(1)));
    assertEquals(RejectReason.UNKNOWN_HISTORY,
        assertInstanceOf(FeedVerdict.Rejected.class, offer(s, f.get(0))).reason());
  }

  @Test
  void next_beforeLastTime_throws() {
    FeedState s = FeedState.of(FeedHead.of(feed(SIGNER, 1).get(0)));
    assertThrows(IllegalArgumentException.class, () -> s.next(T0.minusSeconds(1), submit(3)));
  }
}
