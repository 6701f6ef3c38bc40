package org.hashfed.protocol.roster;

import static org.hashfed.protocol.roster.TestMembers.T0;
import static org.hashfed.protocol.roster.TestMembers.id;
import static org.hashfed.protocol.roster.TestMembers.key;
import static org.hashfed.protocol.roster.TestMembers.member;
import static org.hashfed.protocol.roster.TestMembers.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.junit.jupiter.api.Test;

class RosterVerifierTest {

  private static final java.time.Instant T1 = T0.plusSeconds(86400);

  private static SignedRoster v1() throws Exception {
    return TestMembers.genesis(3);
  }

  private static Roster addDelta(SignedRoster current) {
    return current.successor(T1).withMember(member("delta"));
  }

  private static String failure(SignedRoster current, Envelope candidate) {
    return assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifyNext(current, candidate))
        .getMessage();
  }

  @Test
  void genesis_signedByEveryFounder_verifies() throws Exception {
    SignedRoster v1 = v1();
    assertEquals(1, v1.roster().version());
    assertEquals(Set.of(id("acme"), id("beta"), id("gamma")), v1.signers());
    assertEquals(SignedRoster.digestOf(v1.roster().toPayload()), v1.digest());
  }

  @Test
  void genesis_missingOneFounder_throwsNamingIt() {
    Roster r = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, T0, List.of(member(0), member(1), member(2)));
    RosterVerificationException e = assertThrows(RosterVerificationException.class,
        () -> RosterVerifier.verifyGenesis(sign(r, "acme", "beta"), null));
    assertEquals("roster v1 has valid signatures by 2 of 3 founders: every founder must sign version 1, missing [gamma]",
        e.getMessage());
  }

  @Test
  void genesis_withExpectedFounders_checksKeysBeforeParsing() throws Exception {
    Roster r = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, T0, List.of(member(0), member(1)));
    Envelope env = sign(r, "acme", "beta");
    SignedRoster ok = RosterVerifier.verifyGenesis(env, List.of(key(0).publicKey(), key(1).publicKey()));
    assertEquals(2, ok.signers().size());
    RosterVerificationException e = assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifyGenesis(
        env, List.of(key(0).publicKey(), key(1).publicKey(), key(2).publicKey())));
    assertTrue(e.getMessage().startsWith("genesis roster has valid signatures by 2 of 3 expected founder keys: missing ["
        + key(2).publicKey().keyId()), e.getMessage());
    e = assertThrows(RosterVerificationException.class,
        () -> RosterVerifier.verifyGenesis(env, List.of(key(0).publicKey())));
    assertTrue(e.getMessage().contains("expected exactly"), e.getMessage());
  }

  @Test
  void genesis_withVersionTwo_throws() throws Exception {
    Envelope v2 = sign(addDelta(v1()), "acme", "beta", "gamma", "delta");
    RosterVerificationException e = assertThrows(RosterVerificationException.class,
        () -> RosterVerifier.verifyGenesis(v2, null));
    assertEquals("genesis roster has version 2: expected 1", e.getMessage());
  }

  @Test
  void next_withOneOfThree_isRefusedNamingTheCount() throws Exception {
    SignedRoster v1 = v1();
    assertEquals("roster v2 has 1 valid signature from active members of v1 (acme), needs 2 of 3 (quorum 2/3)",
        failure(v1, sign(addDelta(v1), "acme")));
  }

  @Test
  void next_withTwoOfThree_isAdopted() throws Exception {
    SignedRoster v1 = v1();
    SignedRoster v2 = RosterVerifier.verifyNext(v1, sign(addDelta(v1), "acme", "gamma"));
    assertEquals(2, v2.roster().version());
    assertEquals(Optional.of(v1.digest()), v2.roster().previous());
    assertEquals(Set.of(id("acme"), id("gamma")), v2.signers());
    assertTrue(v2.roster().isActive(id("delta")));
  }

  @Test
  void next_signatureOfTheNewMemberItself_doesNotCount() throws Exception {
    SignedRoster v1 = v1();
    String m = failure(v1, sign(addDelta(v1), "acme", "delta"));
    assertTrue(m.startsWith("roster v2 has 1 valid signature"), m);
    assertTrue(m.endsWith("not counted: unknown key " + key(3).publicKey().keyId().hex().substring(0, 16) + "..."), m);
  }

  @Test
  void next_suspendedMembersSignature_doesNotCount() throws Exception {
    SignedRoster v1 = v1();
    SignedRoster v2 = RosterVerifier.verifyNext(v1,
        sign(v1.successor(T1).withUpdatedMember(member("gamma").withStatus(MemberStatus.SUSPENDED)), "acme", "beta"));
    Roster v3 = v2.successor(T1).withUpdatedMember(member("gamma"));
    assertEquals("roster v3 has 1 valid signature from active members of v2 (acme), needs 2 of 2 (quorum 2/3); "
        + "not counted: gamma (suspended)", failure(v2, sign(v3, "acme", "gamma")));
    SignedRoster back = RosterVerifier.verifyNext(v2, sign(v3, "acme", "beta"));
    assertTrue(back.roster().isActive(id("gamma")));
  }

  @Test
  void next_removedMembersSignature_doesNotCount() throws Exception {
    SignedRoster v1 = TestMembers.genesis(4);
    SignedRoster v2 = RosterVerifier.verifyNext(v1,
        sign(v1.successor(T1).withUpdatedMember(member("delta").withStatus(MemberStatus.REMOVED)), "acme", "beta", "gamma"));
    String m = failure(v2, sign(v2.successor(T1).withQuorum(Quorum.of(1, 2)), "acme", "delta"));
    assertTrue(m.startsWith("roster v3 has 1 valid signature from active members of v2 (acme), needs 2 of 3"), m);
    assertTrue(m.endsWith("not counted: delta (removed)"), m);
  }

  @Test
  void next_removedMember_staysListedWithItsKey() throws Exception {
    SignedRoster v1 = v1();
    SignedRoster v2 = RosterVerifier.verifyNext(v1,
        sign(v1.successor(T1).withUpdatedMember(member("gamma").withStatus(MemberStatus.REMOVED)), "acme", "beta"));
    assertEquals(Optional.of(MemberStatus.REMOVED), v2.roster().statusOf(id("gamma")));
    assertEquals(Optional.of(key(2).publicKey()), v2.roster().memberKey(id("gamma")));
    assertFalse(v2.roster().isActive(id("gamma")));
  }

  @Test
  void next_sameKeySigningTwice_countsOnce() throws Exception {
    SignedRoster v1 = v1();
    Envelope once = sign(addDelta(v1), "acme");
    String json = new String(once.toJson(), StandardCharsets.UTF_8);
    int start = json.indexOf("[{") + 1;
    String sig = json.substring(start, json.length() - 2);
    Envelope twice = Envelope.parse((json.substring(0, json.length() - 2) + "," + sig + "]}").getBytes(StandardCharsets.UTF_8));
    assertEquals(2, twice.signatures().size());
    assertTrue(failure(v1, twice).startsWith("roster v2 has 1 valid signature"));
  }

  @Test
  void next_withTamperedPayload_failsOnTheSignature() throws Exception {
    SignedRoster v1 = v1();
    Envelope good = sign(addDelta(v1), "acme", "beta");
    byte[] payload = good.payload();
    byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace("Delta Inc.", "Delta Ltd.")
        .getBytes(StandardCharsets.UTF_8);
    String json = new String(good.toJson(), StandardCharsets.UTF_8).replace(
        Base64.getEncoder().encodeToString(payload), Base64.getEncoder().encodeToString(tampered));
    String m = failure(v1, Envelope.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(m.startsWith("roster v2: the signature by acme does not verify"), m);
  }

  @Test
  void next_skippingAVersion_throws() throws Exception {
    SignedRoster v1 = v1();
    Roster v3 = Roster.of("gifct-test", 3, Optional.of(v1.digest()), T1, Quorum.TWO_THIRDS, v1.roster().members());
    assertEquals("roster v3 cannot follow v1: expected version 2", failure(v1, sign(v3, "acme", "beta")));
  }

  @Test
  void next_withWrongPrevious_throws() throws Exception {
    SignedRoster v1 = v1();
    Roster v2 = Roster.of("gifct-test", 2, Optional.of("00".repeat(32)), T1, Quorum.TWO_THIRDS, v1.roster().members());
    String m = failure(v1, sign(v2, "acme", "beta"));
    assertTrue(m.contains("previous " + "00".repeat(32) + " is not the digest of v1"), m);
  }

  @Test
  void next_renamingTheConsortium_throws() throws Exception {
    SignedRoster v1 = v1();
    Roster v2 = Roster.of("gifct-renamed", 2, Optional.of(v1.digest()), T1, Quorum.TWO_THIRDS, v1.roster().members());
    String m = failure(v1, sign(v2, "acme", "beta"));
    assertTrue(m.contains("cannot be renamed"), m);
  }

  @Test
  void next_droppingAMember_throws() throws Exception {
    SignedRoster v1 = v1();
    Roster v2 = Roster.of("gifct-test", 2, Optional.of(v1.digest()), T1, Quorum.TWO_THIRDS,
        List.of(member("acme"), member("beta")));
    assertTrue(failure(v1, sign(v2, "acme", "beta")).contains("member gamma is no longer listed"));
  }

  @Test
  void next_changingARemovedMember_throws() throws Exception {
    SignedRoster v1 = v1();
    SignedRoster v2 = RosterVerifier.verifyNext(v1,
        sign(v1.successor(T1).withUpdatedMember(member("gamma").withStatus(MemberStatus.REMOVED)), "acme", "beta"));
    Roster v3 = v2.successor(T1).withUpdatedMember(member("gamma"));
    assertTrue(failure(v2, sign(v3, "acme", "beta")).contains("removed member gamma was changed"));
  }

  @Test
  void next_issuedBeforeCurrent_throws() throws Exception {
    SignedRoster v1 = v1();
    Roster v2 = Roster.of("gifct-test", 2, Optional.of(v1.digest()), T0.minusSeconds(1), Quorum.TWO_THIRDS,
        v1.roster().members());
    assertTrue(failure(v1, sign(v2, "acme", "beta")).contains("is before v1's"));
  }

  @Test
  void next_withBadSignatureByAnActiveMember_failsWholeEnvelope() throws Exception {
    SignedRoster v1 = v1();
    Envelope good = sign(addDelta(v1), "acme", "beta", "gamma");
    String json = new String(good.toJson(), StandardCharsets.UTF_8);
    String gammaSig = Base64.getEncoder().encodeToString(good.signatures().get(2).sig());
    String otherSig = Base64.getEncoder().encodeToString(key(2).sign("something else".getBytes(StandardCharsets.UTF_8)));
    Envelope bad = Envelope.parse(json.replace(gammaSig, otherSig).getBytes(StandardCharsets.UTF_8));
    assertTrue(failure(v1, bad).startsWith("roster v2: the signature by gamma does not verify"));
  }

  @Test
  void next_withOtherPayloadType_throws() throws Exception {
    SignedRoster v1 = v1();
    Envelope other = Envelope.sign("application/vnd.hashfed.entry.v1+json", addDelta(v1).toPayload(),
        List.of(key(0), key(1)));
    assertTrue(failure(v1, other).contains("is not a roster"));
  }

  @Test
  void next_keyRotation_countsOnlyTheKeyOfTheVersionHeld() throws Exception {
    SignedRoster v1 = v1();
    Ed25519PrivateKey newAcme = key(7);
    Roster rotated = v1.successor(T1).withUpdatedMember(member("acme").withKey(newAcme.publicKey()));
    Envelope byNewKey = RosterEnvelopes.cosign(RosterEnvelopes.propose(rotated, newAcme), key(1));
    assertTrue(failure(v1, byNewKey).startsWith("roster v2 has 1 valid signature from active members of v1 (beta)"));
    SignedRoster v2 = RosterVerifier.verifyNext(v1, sign(rotated, "acme", "beta"));
    Roster v3 = v2.successor(T1).withMember(member("delta"));
    assertTrue(failure(v2, sign(v3, "acme", "gamma")).startsWith("roster v3 has 1 valid signature"));
    Envelope v3ok = RosterEnvelopes.cosign(RosterEnvelopes.propose(v3, newAcme), key(2));
    assertEquals(Set.of(id("acme"), id("gamma")), RosterVerifier.verifyNext(v2, v3ok).signers());
  }

  @Test
  void verifySuccessors_walksTheChainAndStopsAtTheFirstBadVersion() throws Exception {
    SignedRoster v1 = v1();
    Envelope e2 = sign(addDelta(v1), "acme", "beta");
    SignedRoster v2 = RosterVerifier.verifyNext(v1, e2);
    Envelope e3 = sign(v2.successor(T1).withQuorum(Quorum.of(3, 4)), "beta", "gamma", "delta");
    assertEquals(3, RosterVerifier.verifySuccessors(v1, List.of(e2, e3)).roster().version());
    Envelope e3weak = sign(v2.successor(T1).withQuorum(Quorum.of(3, 4)), "beta");
    assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifySuccessors(v1, List.of(e2, e3weak)));
    assertEquals(v1, RosterVerifier.verifySuccessors(v1, List.of()));
  }

  @Test
  void verifyChain_fromGenesis_returnsTheLastVersion() throws Exception {
    SignedRoster v1 = v1();
    Envelope e2 = sign(addDelta(v1), "beta", "gamma");
    assertEquals(2, RosterVerifier.verifyChain(List.of(v1.envelope(), e2), null).roster().version());
    assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifyChain(List.of(e2), null));
    assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifyChain(List.of(), null));
  }
}
