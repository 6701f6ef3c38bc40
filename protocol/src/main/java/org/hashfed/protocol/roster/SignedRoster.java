package org.hashfed.protocol.roster;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.MemberId;

/** A roster version whose envelope has been verified (as genesis or against its predecessor), with its parsed roster. */
public final class SignedRoster {

  private final Envelope envelope;
  private final Roster roster;
  private final String digest;
  private final Set<MemberId> signers;

  private SignedRoster(Envelope envelope, Roster roster, String digest, Set<MemberId> signers) {
    this.envelope = envelope;
    this.roster = roster;
    this.digest = digest;
    this.signers = signers;
  }

  static SignedRoster verified(Envelope envelope, Roster roster, Set<MemberId> signers) {
    return new SignedRoster(envelope, roster, digestOf(envelope.payload()), Set.copyOf(signers));
  }

  /** Lowercase hex SHA-256 of roster payload bytes: what the next version's {@code previous} names. */
  public static String digestOf(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The envelope exactly as received or made. */
  public Envelope envelope() {
    return envelope;
  }

  /** The parsed roster. */
  public Roster roster() {
    return roster;
  }

  /** SHA-256 (hex) of the payload bytes as signed. */
  public String digest() {
    return digest;
  }

  /** The members whose signatures counted: every founder for version 1, the quorum's signers otherwise. */
  public Set<MemberId> signers() {
    return signers;
  }

  /**
   * A draft of the next version: same name, quorum and members, version + 1, previous = this digest.
   *
   * @throws IllegalArgumentException when the time is not whole seconds or is before this version's
   */
  public Roster successor(Instant issued) {
    return roster.successor(digest, issued);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedRoster s && s.envelope.equals(envelope);
  }

  @Override
  public int hashCode() {
    return envelope.hashCode();
  }

  @Override
  public String toString() {
    return "SignedRoster[" + roster + ", digest " + digest + ", signed by " + signers + "]";
  }
}
