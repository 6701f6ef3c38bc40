package org.hashfed.protocol.log;

/** Verifies plain Ed25519 note signatures (signature type 0x01), such as a log's checkpoint signature. */
public final class Ed25519NoteVerifier extends Ed25519KeyedVerifier {

  private Ed25519NoteVerifier(String name, byte[] publicKey) {
    super(name, NoteKeys.TYPE_ED25519, publicKey);
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
        Ed25519Keys.KEY_LENGTH, k -> Ed25519Keys.publicKey(k).bytes());
    return new Ed25519NoteVerifier(parsed.name(), parsed.key());
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws LogVerificationException {
    if (!Ed25519Keys.verify(key, text, signature)) {
      throw new LogVerificationException("invalid signature for key " + keyLabel());
    }
  }
}
