package org.hashfed.protocol.log;

import org.hashfed.protocol.crypto.Ed25519PublicKey;

/**
 * What every Ed25519-based note verifier holds: a key name, a signature type, the public key and
 * the key ID the signed-note spec derives from the three; subclasses only check signatures.
 */
abstract class Ed25519KeyedVerifier implements NoteVerifier {

  private final String name;
  private final byte type;
  private final int keyId;
  private final byte[] publicKey;
  final Ed25519PublicKey key;

  Ed25519KeyedVerifier(String name, byte type, byte[] publicKey) {
    this.name = name;
    this.type = type;
    this.key = Ed25519Keys.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = NoteKeys.keyId(name, type, this.publicKey);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** The 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(type || public key)>}. */
  public String verifierKey() {
    return NoteKeys.format(name, keyId, type, publicKey);
  }

  /** {@code name+hexkeyid}, as error messages name a key. */
  String keyLabel() {
    return name + "+" + NoteKeys.hex(keyId);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + verifierKey() + "]";
  }
}
