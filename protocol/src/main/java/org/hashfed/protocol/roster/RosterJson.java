package org.hashfed.protocol.roster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;

/** JSON reading and writing shared by roster payloads and member files; every error names the field. */
final class RosterJson {

  static final List<String> MEMBER_FILE_FIELDS = List.of("id", "name", "key", "peer_url", "tls_fingerprint");
  static final List<String> MEMBER_FIELDS = List.of("id", "name", "key", "peer_url", "tls_fingerprint", "status");

  private RosterJson() {}

  static ObjectNode readObject(byte[] bytes, String what) throws RosterFormatException {
    if (bytes == null) {
      throw new RosterFormatException(what + " is null: expected JSON");
    }
    JsonNode root;
    try {
      root = Json.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? "unreadable input" : e.getMessage().lines().findFirst().orElse("");
      throw new RosterFormatException(what + " is not valid JSON: " + m, e);
    }
    if (!root.isObject()) {
      throw new RosterFormatException(what + " is a JSON " + typeName(root) + ": expected an object");
    }
    return (ObjectNode) root;
  }

  static void checkFields(JsonNode obj, List<String> allowed, String where) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(where + " has unknown field " + RosterText.quote(f) + ": expected only "
            + allowed);
      }
    }
  }

  static JsonNode require(JsonNode obj, String field, String where) {
    JsonNode v = obj.get(field);
    if (v == null) {
      throw new IllegalArgumentException(where + " lacks the required field \"" + field + "\"");
    }
    return v;
  }

  static String string(JsonNode obj, String field, String where) {
    JsonNode v = require(obj, field, where);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(where + " field \"" + field + "\" is a JSON " + typeName(v)
          + ": expected a string");
    }
    return v.textValue();
  }

  static String typeName(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static MemberRecord readMember(JsonNode m, String where, boolean withStatus) {
    if (!m.isObject()) {
      throw new IllegalArgumentException(where + " is a JSON " + typeName(m) + ": expected a member object");
    }
    checkFields(m, withStatus ? MEMBER_FIELDS : MEMBER_FILE_FIELDS, where);
    try {
      MemberId id = MemberId.parse(string(m, "id", where));
      String name = string(m, "name", where);
      Ed25519PublicKey key = publicKey(string(m, "key", where));
      PeerUrl url = PeerUrl.parse(string(m, "peer_url", where));
      TlsFingerprint fp = TlsFingerprint.parse(string(m, "tls_fingerprint", where));
      MemberStatus status = withStatus ? MemberStatus.parse(string(m, "status", where)) : MemberStatus.ACTIVE;
      return MemberRecord.create(id, name, key, url, fp, status);
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** Strict: only the canonical padded standard base64 of 32 bytes, as hashfed writes it. */
  private static Ed25519PublicKey publicKey(String base64) {
    if (base64 == null || !base64.matches("[A-Za-z0-9+/]{43}=")) {
      throw new IllegalArgumentException("invalid key " + RosterText.quote(base64)
          + ": expected standard base64 (44 characters with one '=') of a 32-byte Ed25519 public key");
    }
    Ed25519PublicKey key = Ed25519PublicKey.fromBase64(base64);
    if (!key.toBase64().equals(base64)) {
      throw new IllegalArgumentException("invalid key " + RosterText.quote(base64)
          + ": non-canonical base64 (the unused low bits of the last character must be zero)");
    }
    return key;
  }

  static void writeMember(ObjectNode o, MemberRecord m, boolean withStatus) {
    o.put("id", m.id().value());
    o.put("name", m.name());
    o.put("key", m.key().toBase64());
    o.put("peer_url", m.peerUrl().toString());
    o.put("tls_fingerprint", m.tlsFingerprint().hex());
    if (withStatus) {
      o.put("status", m.status().wireName());
    }
  }
}
