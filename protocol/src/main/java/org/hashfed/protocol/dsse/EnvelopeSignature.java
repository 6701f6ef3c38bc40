package org.hashfed.protocol.dsse;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.hashfed.protocol.crypto.KeyId;

/** One signature of an envelope: the signer's key id and the 64 signature bytes. */
public final class EnvelopeSignature {

  private final KeyId keyId;
  private final byte[] sig;

  private EnvelopeSignature(KeyId keyId, byte[] sig) {
    this.keyId = keyId;
    this.sig = sig;
  }

  /** A signature by the key with the given id. */
  public static EnvelopeSignature of(KeyId keyId, byte[] sig) {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(sig, "sig");
    return new EnvelopeSignature(keyId, sig.clone());
  }

  /** The signer's key id. */
  public KeyId keyId() {
    return keyId;
  }

  /** A copy of the signature bytes. */
  public byte[] sig() {
    return sig.clone();
  }

  byte[] sigUnsafe() {
    return sig;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvelopeSignature s && s.keyId.equals(keyId) && Arrays.equals(s.sig, sig);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(sig);
  }

  @Override
  public String toString() {
    return "{keyid=" + keyId + ", sig=" + Base64.getEncoder().encodeToString(sig) + "}";
  }
}
