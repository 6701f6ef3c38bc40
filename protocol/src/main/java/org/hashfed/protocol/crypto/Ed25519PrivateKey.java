package org.hashfed.protocol.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 signing key, held as its 32-byte RFC 8032 seed. */
public final class Ed25519PrivateKey {

  /** Length of the seed. */
  public static final int SEED_LENGTH = 32;

  private final Ed25519PrivateKeyParameters params;
  private final Ed25519PublicKey publicKey;

  private Ed25519PrivateKey(Ed25519PrivateKeyParameters params) {
    this.params = params;
    this.publicKey = Ed25519PublicKey.fromBytes(params.generatePublicKey().getEncoded());
  }

  /** A new random key. */
  public static Ed25519PrivateKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(random));
  }

  /**
   * The key with the given 32-byte seed (RFC 8032 "private key").
   *
   * @throws IllegalArgumentException when the seed is not 32 bytes
   */
  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    if (seed == null || seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("invalid Ed25519 seed: expected 32 bytes, got "
          + (seed == null ? "null" : seed.length + " bytes"));
    }
    return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The matching public key. */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** The 64-byte deterministic Ed25519 signature over the data. */
  public byte[] sign(byte[] data) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, params);
    signer.update(data, 0, data.length);
    return signer.generateSignature();
  }

  /** A copy of the seed, for writing the key file only. */
  byte[] seed() {
    return params.getEncoded();
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[public " + publicKey.keyId() + "]";
  }
}
