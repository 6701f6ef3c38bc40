package org.hashfed.protocol.dsse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.crypto.SignatureVerificationException;

/** Verifies envelopes against a fixed set of trusted keys and a threshold (t of n). */
public final class EnvelopeVerifier {

  private final String payloadType;
  private final Map<KeyId, Ed25519PublicKey> trusted;
  private final int threshold;

  private EnvelopeVerifier(String payloadType, Map<KeyId, Ed25519PublicKey> trusted, int threshold) {
    this.payloadType = payloadType;
    this.trusted = trusted;
    this.threshold = threshold;
  }

  /**
   * A verifier that requires {@code threshold} distinct trusted keys to have signed an envelope of
   * the given payload type.
   *
   * @throws IllegalArgumentException when the threshold is not in 1..number of keys
   */
  public static EnvelopeVerifier create(String payloadType, Collection<Ed25519PublicKey> trustedKeys, int threshold) {
    Envelope.checkPayloadType(payloadType);
    Map<KeyId, Ed25519PublicKey> byId = new LinkedHashMap<>();
    for (Ed25519PublicKey k : trustedKeys) {
      byId.put(k.keyId(), k);
    }
    if (threshold < 1 || threshold > byId.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " impossible with " + byId.size()
          + " distinct trusted keys (expected: 1.." + byId.size() + ")");
    }
    return new EnvelopeVerifier(payloadType, Map.copyOf(byId), threshold);
  }

  /** A verifier for envelopes signed by one key. */
  public static EnvelopeVerifier single(String payloadType, Ed25519PublicKey key) {
    return create(payloadType, List.of(key), 1);
  }

  /**
   * Checks the payload type and that at least the threshold of distinct trusted keys signed;
   * signatures by unknown keys are ignored, a signature by a trusted key that fails is an error.
   *
   * @return the ids of the trusted keys whose signatures verified
   * @throws SignatureVerificationException when the type differs, a trusted key's signature is
   *     bad, or too few trusted keys signed
   */
  public Set<KeyId> verify(Envelope envelope) throws SignatureVerificationException {
    if (!envelope.payloadType().equals(payloadType)) {
      throw new SignatureVerificationException("envelope payloadType " + Envelope.quote(envelope.payloadType())
          + " is not the expected " + Envelope.quote(payloadType));
    }
    byte[] pae = envelope.pae();
    Set<KeyId> good = new LinkedHashSet<>();
    for (EnvelopeSignature s : envelope.signatures()) {
      Ed25519PublicKey key = trusted.get(s.keyId());
      if (key != null && !good.contains(s.keyId())) {
        key.verify(pae, s.sigUnsafe());
        good.add(s.keyId());
      }
    }
    if (good.size() < threshold) {
      throw new SignatureVerificationException("envelope has valid signatures by " + good.size()
          + " trusted keys, expected at least " + threshold + " (signed by: "
          + envelope.signatures().stream().map(s -> s.keyId().hex()).collect(Collectors.joining(", ")) + ")");
    }
    return Set.copyOf(good);
  }
}
