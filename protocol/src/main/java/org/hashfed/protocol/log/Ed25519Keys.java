package org.hashfed.protocol.log;

import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;

/**
 * Adapts the crypto package's keys to the raw byte arrays of note keys, so that notes and
 * cosignatures are checked by the same strict RFC 8032 rule as every envelope.
 */
final class Ed25519Keys {

  static final int KEY_LENGTH = Ed25519PublicKey.LENGTH;
  static final int SIGNATURE_LENGTH = Ed25519PublicKey.SIGNATURE_LENGTH;

  private Ed25519Keys() {}

  static Ed25519RawSigner signer(Ed25519PrivateKey key) {
    byte[] publicKey = key.publicKey().bytes();
    return new Ed25519RawSigner() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        return key.sign(message);
      }

      @Override
      public String toString() {
        return "Ed25519RawSigner[" + key.publicKey().keyId() + "]";
      }
    };
  }

  /** The decoded public key; refuses non-canonical and small-order encodings. */
  static Ed25519PublicKey publicKey(byte[] publicKey) {
    return Ed25519PublicKey.fromBytes(publicKey);
  }

  static boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
    try {
      key.verify(message, signature);
      return true;
    } catch (SignatureVerificationException e) {
      return false;
    }
  }
}
