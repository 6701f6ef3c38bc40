package org.hashfed.node.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterEnvelopes;

/**
 * This node's member: its id and its Ed25519 key, which signs its entries and roster updates.
 */
public final class MemberIdentity {

  private static final Logger LOG = Logger.getLogger(MemberIdentity.class.getName());

  private final MemberId member;
  private final Ed25519PrivateKey key;

  private MemberIdentity(MemberId member, Ed25519PrivateKey key) {
    this.member = member;
    this.key = key;
  }

  /**
   * Loads the key of member {@code memberId} from {@code keyFile}, creating it (mode 0600) on first
   * start. The roster that names the key is checked by {@code RosterBook}, so a node never signs
   * entries that its peers would refuse.
   *
   * @throws NodeStartException when the key file cannot be read or written
   */
  public static MemberIdentity loadOrCreate(String memberId, Path keyFile) {
    MemberId member = MemberId.parse(memberId);
    try {
      if (!Files.exists(keyFile)) {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        KeyFiles.writePrivateKey(keyFile, Ed25519PrivateKey.generate(new SecureRandom()));
        LOG.info(() -> "first start: created member key " + keyFile);
      }
      return new MemberIdentity(member, KeyFiles.readPrivateKey(keyFile));
    } catch (IOException | RuntimeException e) {
      throw new NodeStartException("cannot load member identity of " + member + ": " + e.getMessage(), e);
    }
  }

  /** The member id. */
  public MemberId member() {
    return member;
  }

  /** The member's public key. */
  public Ed25519PublicKey publicKey() {
    return key.publicKey();
  }

  /** A roster envelope over {@code roster} signed by this member: a proposal, or the genesis of a one-member roster. */
  public Envelope signRoster(Roster roster) {
    return RosterEnvelopes.propose(roster, key);
  }

  /** A signer for the member's own entries. */
  public EntrySigner signer() {
    return EntrySigner.create(member, key);
  }

  @Override
  public String toString() {
    return "MemberIdentity{member=" + member + ", key=" + key.publicKey().keyId() + "}";
  }
}
