package org.hashfed.protocol.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.json.Json;

/**
 * Two entries signed by the same member with the same seq and different ids, ordered by id so
 * that the same pair always gives the same evidence.
 */
public final class EquivocationEvidence {

  private static final Set<String> FIELDS = Set.of("member", "seq", "first", "second");

  private final SignedEntry first;
  private final SignedEntry second;

  private EquivocationEvidence(SignedEntry first, SignedEntry second) {
    this.first = first;
    this.second = second;
  }

  /**
   * The evidence made of two verified entries.
   *
   * @throws IllegalArgumentException when they differ in member or seq, or are the same entry
   */
  public static EquivocationEvidence of(SignedEntry a, SignedEntry b) {
    if (!a.entry().member().equals(b.entry().member()) || a.entry().seq() != b.entry().seq()) {
      throw new IllegalArgumentException("not an equivocation: " + a + " and " + b
          + " differ in member or seq (expected the same member and seq)");
    }
    if (a.id().equals(b.id())) {
      throw new IllegalArgumentException("not an equivocation: both are entry " + a.id());
    }
    return a.id().hex().compareTo(b.id().hex()) < 0 ? new EquivocationEvidence(a, b) : new EquivocationEvidence(b, a);
  }

  /**
   * Parses evidence JSON and checks both envelopes against the member's key.
   *
   * @throws EnvelopeFormatException when the JSON or an envelope in it is malformed
   * @throws SignatureVerificationException when an envelope is not signed by the key
   * @throws EntryFormatException when a payload is not an entry or the pair is no equivocation
   */
  public static EquivocationEvidence parse(byte[] json, Ed25519PublicKey memberKey)
      throws EnvelopeFormatException, SignatureVerificationException, EntryFormatException {
    if (json == null || json.length > 3 * org.hashfed.protocol.dsse.Envelope.MAX_ENVELOPE_BYTES) {
      throw new EnvelopeFormatException("equivocation evidence is missing or larger than "
          + 3 * org.hashfed.protocol.dsse.Envelope.MAX_ENVELOPE_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = Json.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new EnvelopeFormatException("equivocation evidence is not valid JSON", e);
    }
    if (!root.isObject() || !root.path("first").isObject() || !root.path("second").isObject()) {
      throw new EnvelopeFormatException("equivocation evidence must be an object with envelope objects "
          + "\"first\" and \"second\"");
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new EnvelopeFormatException("equivocation evidence has unknown field \"" + f + "\": expected only " + FIELDS);
      }
    }
    SignedEntry a = SignedEntry.verify(Json.write(root.get("first")), memberKey);
    SignedEntry b = SignedEntry.verify(Json.write(root.get("second")), memberKey);
    try {
      EquivocationEvidence e = of(a, b);
      if (!root.path("member").asText("").equals(e.member().value()) || root.path("seq").asLong(-1) != e.seq()) {
        throw new IllegalArgumentException("evidence member/seq fields do not match the envelopes' "
            + e.member() + "#" + e.seq());
      }
      return e;
    } catch (IllegalArgumentException e) {
      throw new EntryFormatException("invalid equivocation evidence: " + e.getMessage(), e);
    }
  }

  /**
   * Re-verifies both envelopes with the member's key.
   *
   * @throws SignatureVerificationException when either does not verify
   */
  public void verify(Ed25519PublicKey memberKey) throws SignatureVerificationException {
    try {
      SignedEntry.verify(first.envelope(), memberKey);
      SignedEntry.verify(second.envelope(), memberKey);
    } catch (EntryFormatException e) {
      throw new IllegalStateException("a held entry no longer parses", e);
    }
  }

  /** {@code {"member":..,"seq":..,"first":envelope,"second":envelope}}, first with the lower id. */
  public byte[] toJson() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("member", member().value());
    root.put("seq", seq());
    try {
      root.set("first", Json.readTree(first.envelope().toJson()));
      root.set("second", Json.readTree(second.envelope().toJson()));
    } catch (IOException e) {
      throw new IllegalStateException("our own envelope JSON does not parse", e);
    }
    return Json.write(root);
  }

  /** The equivocating member. */
  public MemberId member() {
    return first.entry().member();
  }

  /** The seq both entries claim. */
  public long seq() {
    return first.entry().seq();
  }

  /** The entry with the lower id. */
  public SignedEntry first() {
    return first;
  }

  /** The entry with the higher id. */
  public SignedEntry second() {
    return second;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EquivocationEvidence e && e.first.equals(first) && e.second.equals(second);
  }

  @Override
  public int hashCode() {
    return 31 * first.hashCode() + second.hashCode();
  }

  @Override
  public String toString() {
    return "EquivocationEvidence[" + member() + "#" + seq() + ": " + first.id() + " vs " + second.id() + "]";
  }
}
