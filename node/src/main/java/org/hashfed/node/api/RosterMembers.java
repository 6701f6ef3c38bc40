package org.hashfed.node.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterFormatException;

/**
 * Reads the members listed in the node's roster file, for display only: either a signed roster
 * (a DSSE envelope, see spec/roster.md) or the development roster a node writes on first start.
 * The node checked the file at start; this read does not verify signatures again.
 */
final class RosterMembers {

  /** One roster member as shown by {@code GET /v1/members}. */
  record Member(Optional<String> name, Optional<String> status, Optional<String> keyId) {}

  private RosterMembers() {}

  /** The members by id, in roster order; empty when the file does not exist. */
  static Map<String, Member> read(Path rosterFile) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(rosterFile);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    JsonObject root;
    try {
      root = new JsonObject(Buffer.buffer(bytes));
    } catch (RuntimeException e) {
      throw new StoreException("roster " + rosterFile + " is not JSON: " + e.getMessage(), e);
    }
    if (root.containsKey("payloadType") && root.containsKey("signatures")) {
      return signed(rosterFile, bytes);
    }
    return development(root);
  }

  private static Map<String, Member> signed(Path rosterFile, byte[] bytes) {
    try {
      Roster roster = Roster.parse(Envelope.parse(bytes).payload());
      Map<String, Member> out = new LinkedHashMap<>();
      for (MemberRecord m : roster.members()) {
        out.put(m.id().value(), new Member(Optional.of(m.name()), Optional.of(m.status().wireName()),
            Optional.of(m.key().keyId().hex())));
      }
      return out;
    } catch (EnvelopeFormatException | RosterFormatException e) {
      throw new StoreException("roster " + rosterFile + " does not parse: " + e.getMessage(), e);
    }
  }

  private static Map<String, Member> development(JsonObject root) {
    Map<String, Member> out = new LinkedHashMap<>();
    JsonArray members = root.getJsonArray("members", new JsonArray());
    for (Object raw : members) {
      if (raw instanceof JsonObject m && m.getValue("id") instanceof String id) {
        out.put(id, new Member(text(m, "name"), text(m, "status"), keyId(text(m, "public_key"))));
      }
    }
    return out;
  }

  private static Optional<String> text(JsonObject o, String field) {
    return o.getValue(field) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static Optional<String> keyId(Optional<String> publicKey) {
    try {
      return publicKey.map(k -> Ed25519PublicKey.fromBase64(k).keyId().hex());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
