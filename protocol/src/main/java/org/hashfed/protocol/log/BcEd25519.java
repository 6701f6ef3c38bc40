package org.hashfed.protocol.log;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 through the Bouncy Castle lightweight API (never the JCA provider, see the brief). */
final class BcEd25519 {

  static final int KEY_LENGTH = 32;
  static final int SIGNATURE_LENGTH = 64;

  private BcEd25519() {}

  static Ed25519RawSigner signer(byte[] seed) {
    if (seed == null || seed.length != KEY_LENGTH) {
      throw new IllegalArgumentException("invalid Ed25519 private key seed of "
          + (seed == null ? "null" : seed.length + " bytes") + " (expected: 32 bytes)");
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
    byte[] publicKey = key.generatePublicKey().getEncoded();
    return new Ed25519RawSigner() {
      @Override
      public byte[] publicKey() {
        return publicKey.clone();
      }

      @Override
      public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
      }

      @Override
      public String toString() {
        return "Ed25519RawSigner[public key " + java.util.HexFormat.of().formatHex(publicKey) + "]";
      }
    };
  }

  /** The decoded public key; BC rejects encodings that are not points on the curve. */
  static Ed25519PublicKeyParameters publicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("invalid Ed25519 public key of "
          + (publicKey == null ? "null" : publicKey.length + " bytes") + " (expected: 32 bytes)");
    }
    try {
      return new Ed25519PublicKeyParameters(publicKey, 0);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Ed25519 public key: not a valid curve point encoding", e);
    }
  }

  static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    if (signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
