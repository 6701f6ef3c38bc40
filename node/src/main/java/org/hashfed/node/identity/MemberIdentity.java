package org.hashfed.node.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.hashfed.node.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.MemberId;

/**
 * This node's member: its id, its Ed25519 key and the roster entry that names the key.
 *
 * <p>On first start the key file (0600) and a single-member development roster are created; on
 * every start the key must be the one the roster gives for the member, so a node never signs
 * entries that its peers would refuse.
 */
public final class MemberIdentity {

  private static final Logger LOG = Logger.getLogger(MemberIdentity.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MemberId member;
  private final Ed25519PrivateKey key;

  private MemberIdentity(MemberId member, Ed25519PrivateKey key) {
    this.member = member;
    this.key = key;
  }

  /**
   * Loads the member key and roster, creating them on first start.
   *
   * @throws NodeStartException when a file cannot be read or written, or the roster disagrees with the key
   */
  public static MemberIdentity loadOrCreate(NodeConfig config) {
    MemberId member = MemberId.parse(config.member());
    Path keyFile = config.memberKeyFile();
    try {
      if (!Files.exists(keyFile)) {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        KeyFiles.writePrivateKey(keyFile, Ed25519PrivateKey.generate(new SecureRandom()));
        LOG.info(() -> "first start: created member key " + keyFile);
      }
      Ed25519PrivateKey key = KeyFiles.readPrivateKey(keyFile);
      Path roster = config.rosterFile();
      if (!Files.exists(roster)) {
        Files.write(roster, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(devRoster(member, key.publicKey())));
        LOG.info(() -> "first start: created single-member development roster " + roster);
      }
      checkRoster(roster, member, key.publicKey());
      return new MemberIdentity(member, key);
    } catch (IOException | RuntimeException e) {
      if (e instanceof NodeStartException nse) {
        throw nse;
      }
      throw new NodeStartException("cannot load member identity of " + member + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode devRoster(MemberId member, Ed25519PublicKey publicKey) {
    ObjectNode roster = JSON.createObjectNode();
    roster.put("version", 1);
    roster.put("note", "single-member development roster created by hashfed node on first start");
    roster.putArray("members").addObject()
        .put("id", member.value())
        .put("name", member.value())
        .put("public_key", publicKey.toBase64())
        .put("status", "active");
    return roster;
  }

  private static void checkRoster(Path roster, MemberId member, Ed25519PublicKey publicKey) throws IOException {
    JsonNode root = JSON.readTree(roster.toFile());
    for (JsonNode m : root.path("members")) {
      if (member.value().equals(m.path("id").asText())) {
        if (!publicKey.toBase64().equals(m.path("public_key").asText())) {
          throw new NodeStartException("roster " + roster + " gives member " + member
              + " a different public key than the member key file: expected " + publicKey.toBase64(), null);
        }
        return;
      }
    }
    throw new NodeStartException("roster " + roster + " has no member " + member
        + ": expected an entry with \"id\": \"" + member + "\"", null);
  }

  /** The member id. */
  public MemberId member() {
    return member;
  }

  /** The member's public key. */
  public Ed25519PublicKey publicKey() {
    return key.publicKey();
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
