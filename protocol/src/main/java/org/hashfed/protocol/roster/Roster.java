package org.hashfed.protocol.roster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;

/**
 * One version of the consortium roster: name, version, hash of the previous version's payload,
 * issue time, quorum rule and members sorted by id. An unsigned value: see {@link SignedRoster}.
 */
public final class Roster {

  /** The DSSE payload type of a roster. */
  public static final String PAYLOAD_TYPE = "application/vnd.hashfed.roster.v1+json";

  /** Most members one roster may list, removed ones included. */
  public static final int MAX_MEMBERS = 100;

  /** Highest version number. */
  public static final long MAX_VERSION = (1L << 53) - 1;

  private static final Pattern CONSORTIUM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final String consortium;
  private final long version;
  private final Optional<String> previous;
  private final Instant issued;
  private final Quorum quorum;
  private final List<MemberRecord> members;
  private final Map<MemberId, MemberRecord> byId;

  private Roster(String consortium, long version, Optional<String> previous, Instant issued, Quorum quorum,
      List<MemberRecord> members, Map<MemberId, MemberRecord> byId) {
    this.consortium = consortium;
    this.version = version;
    this.previous = previous;
    this.issued = issued;
    this.quorum = quorum;
    this.members = members;
    this.byId = byId;
  }

  /**
   * Version 1: the founders, all active, in any order.
   *
   * @throws IllegalArgumentException when a rule of the roster format is broken
   */
  public static Roster genesis(String consortium, Quorum quorum, Instant issued, List<MemberRecord> founders) {
    return of(consortium, 1, Optional.empty(), issued, quorum, founders);
  }

  static Roster of(String consortium, long version, Optional<String> previous, Instant issued, Quorum quorum,
      List<MemberRecord> members) {
    if (consortium == null || consortium.length() > 64 || !CONSORTIUM.matcher(consortium).matches()) {
      throw new IllegalArgumentException("invalid consortium name " + RosterText.quote(consortium)
          + ": expected 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
    }
    if (version < 1 || version > MAX_VERSION) {
      throw new IllegalArgumentException("invalid roster version " + version + ": expected 1.." + MAX_VERSION);
    }
    Objects.requireNonNull(previous, "previous");
    if (version == 1 && previous.isPresent()) {
      throw new IllegalArgumentException("roster version 1 has previous " + previous.get() + ": expected null");
    }
    if (version > 1 && previous.isEmpty()) {
      throw new IllegalArgumentException("roster version " + version
          + " has no previous: expected the SHA-256 (64 hex digits) of version " + (version - 1) + "'s payload");
    }
    if (previous.isPresent() && !RosterText.isHex64(previous.get())) {
      throw new IllegalArgumentException("invalid previous " + RosterText.quote(previous.get())
          + ": expected 64 lowercase hex digits (SHA-256 of the previous version's payload)");
    }
    EntryTime.format(issued);
    Objects.requireNonNull(quorum, "quorum");
    if (members == null || members.isEmpty() || members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException("roster lists " + (members == null ? 0 : members.size())
          + " members: expected 1 to " + MAX_MEMBERS);
    }
    Map<MemberId, MemberRecord> byId = new TreeMap<>();
    Set<Ed25519PublicKey> keys = new HashSet<>();
    Set<TlsFingerprint> fingerprints = new HashSet<>();
    int active = 0;
    for (MemberRecord m : members) {
      Objects.requireNonNull(m, "member");
      if (byId.put(m.id(), m) != null) {
        throw new IllegalArgumentException("member id " + m.id() + " is listed twice: expected unique ids");
      }
      if (!keys.add(m.key())) {
        throw new IllegalArgumentException("member " + m.id() + " has key " + m.key().keyId()
            + " that another member also has: expected a distinct key per member");
      }
      if (!fingerprints.add(m.tlsFingerprint())) {
        throw new IllegalArgumentException("member " + m.id() + " has TLS fingerprint " + m.tlsFingerprint()
            + " that another member also has: expected a distinct certificate per member");
      }
      if (version == 1 && !m.isActive()) {
        throw new IllegalArgumentException("member " + m.id() + " is " + m.status().wireName()
            + " in version 1: expected every founder active");
      }
      active += m.isActive() ? 1 : 0;
    }
    if (active == 0) {
      throw new IllegalArgumentException("roster has no active member: expected at least one");
    }
    if (quorum.required(active) > Envelope.MAX_SIGNATURES || version == 1 && active > Envelope.MAX_SIGNATURES) {
      throw new IllegalArgumentException("roster has " + active + " active members: the "
          + (version == 1 ? "founders' " : "quorum's ") + "signatures would not fit the "
          + Envelope.MAX_SIGNATURES + " an envelope may carry");
    }
    List<MemberRecord> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(MemberRecord::id));
    return new Roster(consortium, version, previous, issued, quorum, List.copyOf(sorted), byId);
  }

  /**
   * Parses a roster payload WITHOUT verifying any signature: for displaying proposals only. Nodes
   * use {@link RosterVerifier}, which verifies before it parses.
   *
   * @throws RosterFormatException when the bytes are not a well-formed roster
   */
  public static Roster parse(byte[] payload) throws RosterFormatException {
    return RosterParser.parse(payload);
  }

  /** The deterministic payload bytes: compact JSON, fields in spec order, members sorted by id. */
  public byte[] toPayload() {
    return RosterWriter.write(this);
  }

  /**
   * The next version's draft: same name, quorum and members, version + 1, {@code previous} set to
   * the given digest of this version's payload as signed.
   *
   * @throws IllegalArgumentException when the digest is not 64 hex digits or the time is before this version's
   */
  public Roster successor(String previousDigest, Instant newIssued) {
    if (newIssued != null && newIssued.isBefore(issued)) {
      throw new IllegalArgumentException("successor issued " + newIssued + " is before version " + version
          + "'s issue time " + EntryTime.format(issued));
    }
    return of(consortium, version + 1, Optional.ofNullable(previousDigest), newIssued, quorum, members);
  }

  /**
   * This roster with one more member.
   *
   * @throws IllegalArgumentException when the id, key or fingerprint is already listed
   */
  public Roster withMember(MemberRecord member) {
    if (byId.containsKey(member.id())) {
      throw new IllegalArgumentException("member " + member.id() + " is already listed (as "
          + byId.get(member.id()).status().wireName() + "): expected a new member id");
    }
    List<MemberRecord> next = new ArrayList<>(members);
    next.add(member);
    return of(consortium, version, previous, issued, quorum, next);
  }

  /**
   * This roster with a listed member's record replaced.
   *
   * @throws IllegalArgumentException when the member is not listed or the result breaks a roster rule
   */
  public Roster withUpdatedMember(MemberRecord member) {
    if (!byId.containsKey(member.id())) {
      throw new IllegalArgumentException("member " + member.id() + " is not listed in roster version " + version
          + ": expected one of " + byId.keySet());
    }
    List<MemberRecord> next = new ArrayList<>(members);
    next.replaceAll(m -> m.id().equals(member.id()) ? member : m);
    return of(consortium, version, previous, issued, quorum, next);
  }

  /** This roster with another quorum rule (it applies to the version after it). */
  public Roster withQuorum(Quorum newQuorum) {
    return of(consortium, version, previous, issued, newQuorum, members);
  }

  /** The consortium's name. */
  public String consortium() {
    return consortium;
  }

  /** The version, 1 for the genesis roster. */
  public long version() {
    return version;
  }

  /** SHA-256 (hex) of the previous version's payload; empty for version 1. */
  public Optional<String> previous() {
    return previous;
  }

  /** When this version was issued. */
  public Instant issued() {
    return issued;
  }

  /** The rule that decides how many of this version's active members must sign the next version. */
  public Quorum quorum() {
    return quorum;
  }

  /** Every listed member, sorted by id. */
  public List<MemberRecord> members() {
    return members;
  }

  /** The active members, sorted by id. */
  public List<MemberRecord> activeMembers() {
    return members.stream().filter(MemberRecord::isActive).toList();
  }

  /** The number of distinct active members' signatures the next version needs. */
  public int requiredSignatures() {
    return quorum.required(activeMembers().size());
  }

  /** The member with that id, whatever its status. */
  public Optional<MemberRecord> member(MemberId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The member's key, whatever its status: old entries of a suspended or removed member still verify. */
  public Optional<Ed25519PublicKey> memberKey(MemberId id) {
    return member(id).map(MemberRecord::key);
  }

  /** The member's status, empty when it is not listed. */
  public Optional<MemberStatus> statusOf(MemberId id) {
    return member(id).map(MemberRecord::status);
  }

  /** Whether the member is listed and active: only active members' new entries are accepted. */
  public boolean isActive(MemberId id) {
    MemberRecord m = byId.get(id);
    return m != null && m.isActive();
  }

  /** The member whose pinned TLS certificate has this SHA-256 fingerprint (64 hex digits, any case), whatever its status. */
  public Optional<MemberRecord> memberByFingerprint(String fingerprintHex) {
    if (fingerprintHex == null || !RosterText.isHex64(fingerprintHex.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.empty();
    }
    TlsFingerprint fp = TlsFingerprint.parse(fingerprintHex.toLowerCase(java.util.Locale.ROOT));
    return members.stream().filter(m -> m.tlsFingerprint().equals(fp)).findFirst();
  }

  /** The member whose signing key has this id, whatever its status. */
  public Optional<MemberRecord> memberByKeyId(KeyId keyId) {
    return members.stream().filter(m -> m.key().keyId().equals(keyId)).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Roster r && r.consortium.equals(consortium) && r.version == version
        && r.previous.equals(previous) && r.issued.equals(issued) && r.quorum.equals(quorum)
        && r.members.equals(members);
  }

  @Override
  public int hashCode() {
    return Objects.hash(consortium, version, previous, issued, quorum, members);
  }

  @Override
  public String toString() {
    return "Roster[" + consortium + " v" + version + ", " + members.size() + " members, "
        + activeMembers().size() + " active, quorum " + quorum + "]";
  }
}
