package org.hashfed.protocol.entry;

import java.util.Objects;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;

/** Signs a member's own entries with the member's key. */
public final class EntrySigner {

  private final MemberId member;
  private final Ed25519PrivateKey key;

  private EntrySigner(MemberId member, Ed25519PrivateKey key) {
    this.member = member;
    this.key = key;
  }

  /** A signer for the given member's entries. */
  public static EntrySigner create(MemberId member, Ed25519PrivateKey key) {
    return new EntrySigner(Objects.requireNonNull(member, "member"), Objects.requireNonNull(key, "key"));
  }

  /** The member this signer signs for. */
  public MemberId member() {
    return member;
  }

  /**
   * Serialises and signs the entry.
   *
   * @throws IllegalArgumentException when the entry belongs to another member
   */
  public SignedEntry sign(Entry entry) {
    if (!entry.member().equals(member)) {
      throw new IllegalArgumentException("signer for member " + member + " asked to sign an entry of member "
          + entry.member());
    }
    return SignedEntry.signed(Envelope.sign(Entry.PAYLOAD_TYPE, entry.toPayload(), key), entry);
  }
}
