package org.hashfed.protocol.roster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;

/**
 * Verifies roster versions: version 1 signed by every founder it lists, version N+1 signed by a
 * quorum of version N's active members, using version N's keys (spec/roster.md section 4).
 */
public final class RosterVerifier {

  private RosterVerifier() {}

  /**
   * Verifies a genesis roster. With expected founder keys (pinned out of band), the signatures are
   * checked against them before the payload is parsed and the roster must list exactly them; with
   * null, the roster is trusted on first use and must be signed by every member it lists.
   *
   * @throws RosterVerificationException naming the rule that failed
   */
  public static SignedRoster verifyGenesis(Envelope envelope, Collection<Ed25519PublicKey> expectedFounders)
      throws RosterVerificationException {
    checkType(envelope);
    if (expectedFounders != null) {
      Map<KeyId, Ed25519PublicKey> expected = byKeyId(expectedFounders);
      if (expected.isEmpty()) {
        throw new IllegalArgumentException("expected founder keys are empty: pass null to trust on first use");
      }
      SignatureTally tally = SignatureTally.count(envelope, expected, id -> "key " + id, "genesis roster");
      Set<KeyId> missing = missing(expected.keySet(), tally.valid());
      if (!missing.isEmpty()) {
        throw new RosterVerificationException("genesis roster has valid signatures by " + tally.valid().size() + " of "
            + expected.size() + " expected founder keys: missing " + missing + tally.ignoredSuffix());
      }
    }
    Roster roster = parse(envelope, "genesis roster");
    if (roster.version() != 1) {
      throw new RosterVerificationException("genesis roster has version " + roster.version() + ": expected 1");
    }
    Map<KeyId, Ed25519PublicKey> founders = byKeyId(roster.members().stream().map(MemberRecord::key).toList());
    if (expectedFounders != null && !founders.keySet().equals(byKeyId(expectedFounders).keySet())) {
      throw new RosterVerificationException("genesis roster lists founder keys " + founders.keySet()
          + ": expected exactly " + byKeyId(expectedFounders).keySet());
    }
    SignatureTally tally = SignatureTally.count(envelope, founders, describer(roster), "roster v1");
    List<MemberId> unsigned = roster.members().stream()
        .filter(m -> !tally.valid().contains(m.key().keyId())).map(MemberRecord::id).toList();
    if (!unsigned.isEmpty()) {
      throw new RosterVerificationException("roster v1 has valid signatures by " + tally.valid().size() + " of "
          + roster.members().size() + " founders: every founder must sign version 1, missing " + unsigned
          + tally.ignoredSuffix());
    }
    return SignedRoster.verified(envelope, roster,
        roster.members().stream().map(MemberRecord::id).collect(Collectors.toSet()));
  }

  /**
   * Verifies a candidate for the version after {@code current}: signatures first, counted against
   * the current version's active members and keys, then the payload and the succession rules.
   *
   * @throws RosterVerificationException naming the rule that failed, e.g. too few signatures
   */
  public static SignedRoster verifyNext(SignedRoster current, Envelope candidate) throws RosterVerificationException {
    Objects.requireNonNull(current, "current");
    checkType(candidate);
    Roster cur = current.roster();
    long v = cur.version();
    Map<KeyId, Ed25519PublicKey> active = byKeyId(cur.activeMembers().stream().map(MemberRecord::key).toList());
    SignatureTally tally = SignatureTally.count(candidate, active, describer(cur), "roster v" + (v + 1));
    int required = cur.requiredSignatures();
    if (tally.valid().size() < required) {
      throw new RosterVerificationException("roster v" + (v + 1) + " has " + tally.valid().size() + " valid signature"
          + (tally.valid().size() == 1 ? "" : "s") + " from active members of v" + v + signerList(cur, tally)
          + ", needs " + required + " of " + active.size() + " (quorum " + cur.quorum() + ")" + tally.ignoredSuffix());
    }
    Roster next = parse(candidate, "roster v" + (v + 1));
    checkSuccession(current, next);
    Set<MemberId> signers = tally.valid().stream().map(k -> cur.memberByKeyId(k).orElseThrow().id())
        .collect(Collectors.toSet());
    return SignedRoster.verified(candidate, next, signers);
  }

  /**
   * Verifies successive versions from the one held, in order, each against the one before.
   *
   * @return the last version, or {@code current} when the list is empty
   * @throws RosterVerificationException at the first version that fails
   */
  public static SignedRoster verifySuccessors(SignedRoster current, List<Envelope> successors)
      throws RosterVerificationException {
    SignedRoster held = current;
    for (Envelope e : successors) {
      held = verifyNext(held, e);
    }
    return held;
  }

  /**
   * Verifies a whole chain, version 1 first, as a node does when it loads the versions it stored
   * or joins and fetches them: the genesis by {@link #verifyGenesis}, each later one against its predecessor.
   *
   * @return the last version
   * @throws RosterVerificationException at the first version that fails, or when the list is empty
   */
  public static SignedRoster verifyChain(List<Envelope> fromGenesis, Collection<Ed25519PublicKey> expectedFounders)
      throws RosterVerificationException {
    if (fromGenesis.isEmpty()) {
      throw new RosterVerificationException("roster chain is empty: expected version 1 first");
    }
    SignedRoster genesis = verifyGenesis(fromGenesis.get(0), expectedFounders);
    return verifySuccessors(genesis, fromGenesis.subList(1, fromGenesis.size()));
  }

  private static void checkSuccession(SignedRoster current, Roster next) throws RosterVerificationException {
    Roster cur = current.roster();
    String where = "roster v" + next.version() + " as successor of v" + cur.version();
    if (!next.consortium().equals(cur.consortium())) {
      throw new RosterVerificationException(where + ": consortium name " + RosterText.quote(next.consortium())
          + " differs from " + RosterText.quote(cur.consortium()) + " (a consortium cannot be renamed)");
    }
    if (next.version() != cur.version() + 1) {
      throw new RosterVerificationException("roster v" + next.version() + " cannot follow v" + cur.version()
          + ": expected version " + (cur.version() + 1));
    }
    if (!next.previous().equals(Optional.of(current.digest()))) {
      throw new RosterVerificationException(where + ": previous " + next.previous().orElse("null")
          + " is not the digest of v" + cur.version() + ", " + current.digest());
    }
    if (next.issued().isBefore(cur.issued())) {
      throw new RosterVerificationException(where + ": issued " + EntryTime.format(next.issued())
          + " is before v" + cur.version() + "'s " + EntryTime.format(cur.issued()));
    }
    for (MemberRecord old : cur.members()) {
      Optional<MemberRecord> now = next.member(old.id());
      if (now.isEmpty()) {
        throw new RosterVerificationException(where + ": member " + old.id()
            + " is no longer listed (members are never dropped; mark them removed)");
      }
      if (old.status() == MemberStatus.REMOVED && !now.get().equals(old)) {
        throw new RosterVerificationException(where + ": removed member " + old.id()
            + " was changed (a removed member's record is final)");
      }
    }
  }

  private static Roster parse(Envelope envelope, String what) throws RosterVerificationException {
    try {
      return Roster.parse(envelope.payload());
    } catch (RosterFormatException e) {
      throw new RosterVerificationException(what + " payload is malformed: " + e.getMessage(), e);
    }
  }

  private static void checkType(Envelope envelope) throws RosterVerificationException {
    Objects.requireNonNull(envelope, "envelope");
    if (!Roster.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw new RosterVerificationException("envelope payloadType " + RosterText.quote(envelope.payloadType())
          + " is not a roster: expected " + RosterText.quote(Roster.PAYLOAD_TYPE));
    }
  }

  private static Map<KeyId, Ed25519PublicKey> byKeyId(Collection<Ed25519PublicKey> keys) {
    Map<KeyId, Ed25519PublicKey> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k.keyId(), k));
    return out;
  }

  private static Set<KeyId> missing(Set<KeyId> expected, Set<KeyId> got) {
    return expected.stream().filter(k -> !got.contains(k)).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** Names a signature's key by the roster member who holds it, with that member's status. */
  static Function<KeyId, String> describer(Roster roster) {
    return id -> roster.memberByKeyId(id)
        .map(m -> m.isActive() ? m.id().value() : m.id() + " (" + m.status().wireName() + ")")
        .orElse("unknown key " + id.hex().substring(0, 16) + "...");
  }

  private static String signerList(Roster roster, SignatureTally tally) {
    if (tally.valid().isEmpty()) {
      return "";
    }
    return " (" + tally.valid().stream().map(k -> roster.memberByKeyId(k).orElseThrow().id().value())
        .collect(Collectors.joining(", ")) + ")";
  }
}
