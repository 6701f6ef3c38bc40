package org.hashfed.protocol.log;

import java.util.Objects;

/** Signs notes with plain Ed25519 (signature type 0x01): how a node signs its checkpoints. */
public final class Ed25519NoteSigner implements NoteSigner {

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519RawSigner raw;

  private Ed25519NoteSigner(String name, Ed25519RawSigner raw) {
    this.name = name;
    this.raw = raw;
    this.publicKey = raw.publicKey();
    this.keyId = NoteKeys.keyId(name, NoteKeys.TYPE_ED25519, publicKey);
  }

  /**
   * A signer named {@code name} (for a log: its origin) using {@code raw}.
   *
   * @throws IllegalArgumentException when the name is empty or holds spaces or '+'
   */
  public static Ed25519NoteSigner create(String name, Ed25519RawSigner raw) {
    return new Ed25519NoteSigner(NoteKeys.checkName(name), Objects.requireNonNull(raw, "raw"));
  }

  /** A signer named {@code name} for the Ed25519 private key with the given 32-byte seed. */
  public static Ed25519NoteSigner fromSeed(String name, byte[] seed) {
    return create(name, Ed25519RawSigner.fromSeed(seed));
  }

  /**
   * Parses the Go {@code golang.org/x/mod/sumdb/note} signer key form
   * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || seed)>}.
   *
   * @throws LogFormatException when the key is malformed or its key ID does not match
   */
  public static Ed25519NoteSigner parse(String signerKey) throws LogFormatException {
    if (signerKey == null || !signerKey.startsWith(NoteKeys.PRIVATE_PREFIX)) {
      throw new LogFormatException("invalid signer key: expected PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>");
    }
    NoteKeys.Parsed parsed;
    try {
      parsed = NoteKeys.parse(signerKey.substring(NoteKeys.PRIVATE_PREFIX.length()), "signer key",
          NoteKeys.TYPE_ED25519, BcEd25519.KEY_LENGTH, seed -> Ed25519RawSigner.fromSeed(seed).publicKey());
    } catch (LogFormatException e) {
      // The message quotes the key, which here is secret.
      throw new LogFormatException("invalid signer key: malformed or key ID mismatch");
    }
    return fromSeed(parsed.name(), parsed.key());
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
  public byte[] sign(byte[] text) {
    return raw.sign(text);
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x01 || public key)>} to give to verifiers. */
  public String verifierKey() {
    return NoteKeys.format(name, keyId, NoteKeys.TYPE_ED25519, publicKey);
  }

  /** The matching verifier. */
  public Ed25519NoteVerifier verifier() {
    return Ed25519NoteVerifier.create(name, publicKey);
  }

  @Override
  public String toString() {
    return "Ed25519NoteSigner[" + name + "+" + NoteKeys.hex(keyId) + "]";
  }
}
