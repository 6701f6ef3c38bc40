package org.hashfed.protocol.log;

/**
 * Makes plain RFC 8032 Ed25519 signatures, so that note signers can use a private key held by
 * another class (a key file, the crypto package) without seeing its bytes.
 */
public interface Ed25519RawSigner {

  /** The 32-byte public key. */
  byte[] publicKey();

  /** The 64-byte Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message);

  /**
   * A signer for the private key with the given 32-byte seed (copied).
   *
   * @throws IllegalArgumentException when the seed is not 32 bytes
   */
  static Ed25519RawSigner fromSeed(byte[] seed) {
    return BcEd25519.signer(seed);
  }
}
