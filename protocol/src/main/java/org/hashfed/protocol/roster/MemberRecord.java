package org.hashfed.protocol.roster;

import java.util.Objects;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.MemberId;

/** One member as a roster version lists it: id, display name, signing key, peer endpoint, pinned certificate, status. */
public final class MemberRecord {

  private final MemberId id;
  private final String name;
  private final Ed25519PublicKey key;
  private final PeerUrl peerUrl;
  private final TlsFingerprint tlsFingerprint;
  private final MemberStatus status;

  private MemberRecord(MemberId id, String name, Ed25519PublicKey key, PeerUrl peerUrl, TlsFingerprint tlsFingerprint,
      MemberStatus status) {
    this.id = id;
    this.name = name;
    this.key = key;
    this.peerUrl = peerUrl;
    this.tlsFingerprint = tlsFingerprint;
    this.status = status;
  }

  /**
   * A member record.
   *
   * @throws IllegalArgumentException when the display name is invalid
   * @throws NullPointerException when an argument is null
   */
  public static MemberRecord create(MemberId id, String name, Ed25519PublicKey key, PeerUrl peerUrl,
      TlsFingerprint tlsFingerprint, MemberStatus status) {
    return new MemberRecord(Objects.requireNonNull(id, "id"), RosterText.displayName(name, "member name"),
        Objects.requireNonNull(key, "key"), Objects.requireNonNull(peerUrl, "peerUrl"),
        Objects.requireNonNull(tlsFingerprint, "tlsFingerprint"), Objects.requireNonNull(status, "status"));
  }

  /** The member id. */
  public MemberId id() {
    return id;
  }

  /** The display name. */
  public String name() {
    return name;
  }

  /** The Ed25519 key that signs the member's entries and roster updates. */
  public Ed25519PublicKey key() {
    return key;
  }

  /** The node's peer endpoint. */
  public PeerUrl peerUrl() {
    return peerUrl;
  }

  /** The SHA-256 fingerprint of the node's TLS certificate. */
  public TlsFingerprint tlsFingerprint() {
    return tlsFingerprint;
  }

  /** The member's status in this roster version. */
  public MemberStatus status() {
    return status;
  }

  /** Whether the member is active. */
  public boolean isActive() {
    return status == MemberStatus.ACTIVE;
  }

  /** This record with another status. */
  public MemberRecord withStatus(MemberStatus newStatus) {
    return create(id, name, key, peerUrl, tlsFingerprint, newStatus);
  }

  /** This record with another signing key. */
  public MemberRecord withKey(Ed25519PublicKey newKey) {
    return create(id, name, newKey, peerUrl, tlsFingerprint, status);
  }

  /** This record with another peer URL. */
  public MemberRecord withPeerUrl(PeerUrl newUrl) {
    return create(id, name, key, newUrl, tlsFingerprint, status);
  }

  /** This record with another TLS certificate fingerprint. */
  public MemberRecord withTlsFingerprint(TlsFingerprint newFingerprint) {
    return create(id, name, key, peerUrl, newFingerprint, status);
  }

  /** This record with another display name. */
  public MemberRecord withName(String newName) {
    return create(id, newName, key, peerUrl, tlsFingerprint, status);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberRecord m && m.id.equals(id) && m.name.equals(name) && m.key.equals(key)
        && m.peerUrl.equals(peerUrl) && m.tlsFingerprint.equals(tlsFingerprint) && m.status == status;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, key, peerUrl, tlsFingerprint, status);
  }

  @Override
  public String toString() {
    return "MemberRecord[" + id + " " + RosterText.quote(name) + " " + status.wireName() + " key " + key.keyId()
        + " " + peerUrl + " tls " + tlsFingerprint + "]";
  }
}
