package org.hashfed.protocol.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.text.Quoted;

/**
 * A DSSE envelope: a payload type, the payload bytes exactly as signed, and one or more Ed25519
 * signatures over {@link Pae#encode}. Parsing an envelope never parses its payload.
 */
public final class Envelope {

  /**
   * Largest envelope accepted, in bytes of JSON: room for a vpdq submit of two hours of letterboxed
   * video (7,200 frames with content hashes, about 925 KiB once base64 twice), see spec/video.md.
   */
  public static final int MAX_ENVELOPE_BYTES = 1024 * 1024;

  /** Most signatures one envelope may carry. */
  public static final int MAX_SIGNATURES = 32;

  /** Longest payload type, in characters. */
  public static final int MAX_PAYLOAD_TYPE_LENGTH = 128;

  private static final Set<String> FIELDS = Set.of("payloadType", "payload", "signatures");
  private static final Set<String> SIGNATURE_FIELDS = Set.of("keyid", "sig");

  private final String payloadType;
  private final byte[] payload;
  private final List<EnvelopeSignature> signatures;

  private Envelope(String payloadType, byte[] payload, List<EnvelopeSignature> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Signs the payload with each key, in order.
   *
   * @throws IllegalArgumentException when the type is invalid, no key is given or a key repeats
   */
  public static Envelope sign(String payloadType, byte[] payload, List<Ed25519PrivateKey> keys) {
    checkPayloadType(payloadType);
    Objects.requireNonNull(payload, "payload");
    if (keys.isEmpty() || keys.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("an envelope needs 1 to " + MAX_SIGNATURES + " signing keys, got " + keys.size());
    }
    byte[] copy = payload.clone();
    byte[] pae = Pae.encode(payloadType, copy);
    List<EnvelopeSignature> sigs = new ArrayList<>();
    for (Ed25519PrivateKey key : keys) {
      KeyId id = key.publicKey().keyId();
      if (sigs.stream().anyMatch(s -> s.keyId().equals(id))) {
        throw new IllegalArgumentException("key " + id + " given twice: each key signs an envelope once");
      }
      sigs.add(EnvelopeSignature.of(id, key.sign(pae)));
    }
    Envelope e = new Envelope(payloadType, copy, sigs);
    e.checkSize();
    return e;
  }

  /** Signs the payload with one key. */
  public static Envelope sign(String payloadType, byte[] payload, Ed25519PrivateKey key) {
    return sign(payloadType, payload, List.of(key));
  }

  /**
   * This envelope with the key's signature added, for documents that several parties sign in turn;
   * returns this envelope when the key has already signed it (the signature is deterministic), and
   * replaces an earlier signature with the same key id that differs.
   *
   * @throws IllegalArgumentException when the envelope already has the most signatures allowed
   */
  public Envelope withSignature(Ed25519PrivateKey key) {
    KeyId id = key.publicKey().keyId();
    EnvelopeSignature added = EnvelopeSignature.of(id, key.sign(pae()));
    if (signatures.contains(added)) {
      return this;
    }
    List<EnvelopeSignature> sigs = new ArrayList<>();
    signatures.stream().filter(s -> !s.keyId().equals(id)).forEach(sigs::add);
    if (sigs.size() >= MAX_SIGNATURES) {
      throw new IllegalArgumentException("envelope already has " + sigs.size() + " signatures: expected at most "
          + MAX_SIGNATURES);
    }
    sigs.add(added);
    Envelope e = new Envelope(payloadType, payload, sigs);
    e.checkSize();
    return e;
  }

  /**
   * Parses envelope JSON; the size limit is checked before any parsing.
   *
   * @throws EnvelopeFormatException when the bytes are too large, not JSON, or not the envelope form
   */
  public static Envelope parse(byte[] json) throws EnvelopeFormatException {
    if (json == null) {
      throw new EnvelopeFormatException("envelope is null: expected DSSE envelope JSON");
    }
    if (json.length > MAX_ENVELOPE_BYTES) {
      throw new EnvelopeFormatException("envelope has " + json.length + " bytes: expected at most " + MAX_ENVELOPE_BYTES);
    }
    JsonNode root;
    try {
      root = Json.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new EnvelopeFormatException("envelope is not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (!root.isObject()) {
      throw new EnvelopeFormatException("envelope is a JSON " + root.getNodeType().name().toLowerCase()
          + ": expected an object {\"payloadType\",\"payload\",\"signatures\"}");
    }
    checkFields(root, FIELDS, "envelope");
    String type = text(root, "payloadType", "envelope");
    try {
      checkPayloadType(type);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeFormatException(e.getMessage());
    }
    byte[] payload = Base64Codec.decode(text(root, "payload", "envelope"), "envelope payload");
    JsonNode sigs = root.get("signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty() || sigs.size() > MAX_SIGNATURES) {
      throw new EnvelopeFormatException("envelope field \"signatures\" must be an array of 1 to " + MAX_SIGNATURES
          + " signature objects");
    }
    List<EnvelopeSignature> parsed = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      JsonNode s = sigs.get(i);
      String where = "envelope signatures[" + i + "]";
      if (!s.isObject()) {
        throw new EnvelopeFormatException(where + " must be an object {\"keyid\",\"sig\"}");
      }
      checkFields(s, SIGNATURE_FIELDS, where);
      KeyId keyId;
      try {
        keyId = KeyId.parse(text(s, "keyid", where));
      } catch (IllegalArgumentException e) {
        throw new EnvelopeFormatException(where + ": " + e.getMessage());
      }
      byte[] sig = Base64Codec.decode(text(s, "sig", where), where + " sig");
      if (sig.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
        throw new EnvelopeFormatException(where + " sig has " + sig.length + " bytes: expected a 64-byte Ed25519 signature");
      }
      parsed.add(EnvelopeSignature.of(keyId, sig));
    }
    return new Envelope(type, payload, parsed);
  }

  static void checkPayloadType(String type) {
    if (type == null || type.isEmpty() || type.length() > MAX_PAYLOAD_TYPE_LENGTH) {
      throw new IllegalArgumentException("invalid payloadType " + quote(type) + ": expected 1 to "
          + MAX_PAYLOAD_TYPE_LENGTH + " printable ASCII characters");
    }
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("invalid payloadType " + quote(type) + ": character at position " + i
            + " is not printable ASCII (expected 1 to " + MAX_PAYLOAD_TYPE_LENGTH + " printable ASCII characters)");
      }
    }
  }

  private static void checkFields(JsonNode obj, Set<String> allowed, String where) throws EnvelopeFormatException {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new EnvelopeFormatException(where + " has unknown field " + quote(name) + ": expected only " + allowed);
      }
    }
  }

  private static String text(JsonNode obj, String field, String where) throws EnvelopeFormatException {
    JsonNode v = obj.get(field);
    if (v == null || !v.isTextual()) {
      throw new EnvelopeFormatException(where + " field \"" + field + "\" is "
          + (v == null ? "missing" : "a JSON " + v.getNodeType().name().toLowerCase()) + ": expected a string");
    }
    return v.textValue();
  }

  static String quote(String s) {
    return Quoted.quote(s);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private void checkSize() {
    int size = toJson().length;
    if (size > MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException("envelope would have " + size + " bytes: expected at most " + MAX_ENVELOPE_BYTES);
    }
  }

  /** The JSON form: standard base64 with padding, fields in the order payloadType, payload, signatures. */
  public byte[] toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("payloadType", payloadType);
    root.put("payload", Base64.getEncoder().encodeToString(payload));
    ArrayNode arr = root.putArray("signatures");
    for (EnvelopeSignature s : signatures) {
      arr.addObject().put("keyid", s.keyId().hex()).put("sig", Base64.getEncoder().encodeToString(s.sigUnsafe()));
    }
    return Json.write(root);
  }

  /** The payload type. */
  public String payloadType() {
    return payloadType;
  }

  /** A copy of the payload bytes. */
  public byte[] payload() {
    return payload.clone();
  }

  byte[] payloadUnsafe() {
    return payload;
  }

  /** The signatures, in envelope order. */
  public List<EnvelopeSignature> signatures() {
    return signatures;
  }

  /** The bytes every signature covers. */
  public byte[] pae() {
    return Pae.encode(payloadType, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e && e.payloadType.equals(payloadType) && Arrays.equals(e.payload, payload)
        && e.signatures.equals(signatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(payloadType, Arrays.hashCode(payload), signatures);
  }

  @Override
  public String toString() {
    return "Envelope[" + payloadType + ", " + payload.length + " payload bytes, " + signatures.size() + " signatures]";
  }
}
