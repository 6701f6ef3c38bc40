package org.hashfed.protocol.log;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Verifies plain Ed25519 note signatures (signature type 0x01), such as a log's checkpoint signature. */
public final class Ed25519NoteVerifier implements NoteVerifier {

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519PublicKeyParameters key;

  private Ed25519NoteVerifier(String name, byte[] publicKey) {
    this.name = name;
    this.key = BcEd25519.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = NoteKeys.keyId(name, NoteKeys.TYPE_ED25519, this.publicKey);
  }

  /**
   * The verifier for the key named {@code name} with the given 32-byte public key.
   *
   * @throws IllegalArgumentException when the name or key is invalid
   */
  public static Ed25519NoteVerifier create(String name, byte[] publicKey) {
    return new Ed25519NoteVerifier(NoteKeys.checkName(name), publicKey);
  }

  /**
   * Parses a verifier key {@code <name>+<hex key ID>+<base64(0x01 || public key)>}.
   *
   * @throws LogFormatException when the key is malformed or its key ID does not match
   */
  public static Ed25519NoteVerifier parse(String verifierKey) throws LogFormatException {
    NoteKeys.Parsed parsed = NoteKeys.parse(verifierKey, "verifier key", NoteKeys.TYPE_ED25519,
        BcEd25519.KEY_LENGTH, k -> BcEd25519.publicKey(k).getEncoded());
    return new Ed25519NoteVerifier(parsed.name(), parsed.key());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws LogVerificationException {
    if (!BcEd25519.verify(key, text, signature)) {
      throw new LogVerificationException("invalid signature for key " + name + "+" + NoteKeys.hex(keyId));
    }
  }

  /** The 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x01 || public key)>}. */
  public String verifierKey() {
    return NoteKeys.format(name, keyId, NoteKeys.TYPE_ED25519, publicKey);
  }

  @Override
  public String toString() {
    return "Ed25519NoteVerifier[" + verifierKey() + "]";
  }
}
