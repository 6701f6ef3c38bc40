package org.hashfed.protocol.entry;

import java.util.Objects;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.dsse.EnvelopeVerifier;

/** An entry with its envelope and id, whose signature has been verified. */
public final class SignedEntry {

  private final Envelope envelope;
  private final EntryId id;
  private final Entry entry;

  private SignedEntry(Envelope envelope, EntryId id, Entry entry) {
    this.envelope = envelope;
    this.id = id;
    this.entry = entry;
  }

  /**
   * Parses envelope JSON, verifies it with the member's key, then parses the payload.
   *
   * @throws EnvelopeFormatException when the bytes are not an envelope
   * @throws SignatureVerificationException when the type is not an entry or the key did not sign it
   * @throws EntryFormatException when the verified payload is not a well-formed entry
   */
  public static SignedEntry verify(byte[] envelopeJson, Ed25519PublicKey memberKey)
      throws EnvelopeFormatException, SignatureVerificationException, EntryFormatException {
    return verify(Envelope.parse(envelopeJson), memberKey);
  }

  /**
   * Verifies an envelope with the member's key, then parses the payload.
   *
   * @throws SignatureVerificationException when the type is not an entry or the key did not sign it
   * @throws EntryFormatException when the verified payload is not a well-formed entry
   */
  public static SignedEntry verify(Envelope envelope, Ed25519PublicKey memberKey)
      throws SignatureVerificationException, EntryFormatException {
    Objects.requireNonNull(envelope, "envelope");
    EnvelopeVerifier.single(Entry.PAYLOAD_TYPE, memberKey).verify(envelope);
    byte[] payload = envelope.payload();
    return new SignedEntry(envelope, EntryId.ofPayload(payload), Entry.parse(payload));
  }

  static SignedEntry signed(Envelope envelope, Entry entry) {
    return new SignedEntry(envelope, EntryId.ofPayload(envelope.payload()), entry);
  }

  /** The envelope exactly as received or made. */
  public Envelope envelope() {
    return envelope;
  }

  /** SHA-256 of the payload bytes. */
  public EntryId id() {
    return id;
  }

  /** The parsed entry. */
  public Entry entry() {
    return entry;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedEntry s && s.envelope.equals(envelope);
  }

  @Override
  public int hashCode() {
    return envelope.hashCode();
  }

  @Override
  public String toString() {
    return "SignedEntry[" + entry + " id " + id + "]";
  }
}
