package org.hashfed.protocol.roster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;

/**
 * The public member file a company sends to the consortium to be listed as a founder or to join:
 * id, display name, public key, peer URL and TLS certificate fingerprint. It holds nothing secret.
 */
public final class MemberFile {

  /** Largest member file accepted, in bytes. */
  public static final int MAX_BYTES = 4096;

  private final MemberRecord record;

  private MemberFile(MemberRecord record) {
    this.record = record;
  }

  /**
   * A member file.
   *
   * @throws IllegalArgumentException when the display name is invalid
   */
  public static MemberFile create(MemberId id, String name, Ed25519PublicKey key, PeerUrl peerUrl,
      TlsFingerprint tlsFingerprint) {
    return new MemberFile(MemberRecord.create(id, name, key, peerUrl, tlsFingerprint, MemberStatus.ACTIVE));
  }

  /**
   * Parses a member file: one JSON object with exactly the fields id, name, key, peer_url, tls_fingerprint.
   *
   * @throws RosterFormatException when the bytes are not such a file
   */
  public static MemberFile parse(byte[] json) throws RosterFormatException {
    if (json != null && json.length > MAX_BYTES) {
      throw new RosterFormatException("member file has " + json.length + " bytes: expected at most " + MAX_BYTES);
    }
    ObjectNode root = RosterJson.readObject(json, "member file");
    try {
      return new MemberFile(RosterJson.readMember(root, "member file", false));
    } catch (IllegalArgumentException e) {
      throw new RosterFormatException(e.getMessage(), e);
    }
  }

  /** The file's bytes: compact JSON, fields in the order id, name, key, peer_url, tls_fingerprint, then a newline. */
  public byte[] toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    RosterJson.writeMember(o, record, false);
    byte[] json = Json.write(o);
    byte[] out = new byte[json.length + 1];
    System.arraycopy(json, 0, out, 0, json.length);
    out[json.length] = '\n';
    return out;
  }

  /** The member as an active roster member. */
  public MemberRecord toActiveMember() {
    return record;
  }

  /** The member id. */
  public MemberId id() {
    return record.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberFile f && f.record.equals(record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record);
  }

  @Override
  public String toString() {
    return "MemberFile[" + new String(toJson(), StandardCharsets.UTF_8).strip() + "]";
  }
}
