package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/** Verifies C2SP tlog-cosignature v1 witness cosignatures (signature type 0x04). */
public final class CosignatureVerifier implements NoteVerifier {

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final Ed25519PublicKeyParameters key;

  private CosignatureVerifier(String name, byte[] publicKey) {
    this.name = name;
    this.key = BcEd25519.publicKey(publicKey);
    this.publicKey = publicKey.clone();
    this.keyId = NoteKeys.keyId(name, NoteKeys.TYPE_COSIGNATURE_V1, this.publicKey);
  }

  /**
   * The verifier for the witness named {@code name} with the given 32-byte Ed25519 public key.
   *
   * @throws IllegalArgumentException when the name or key is invalid
   */
  public static CosignatureVerifier create(String name, byte[] publicKey) {
    return new CosignatureVerifier(NoteKeys.checkName(name), publicKey);
  }

  /**
   * Parses a witness verifier key {@code <name>+<hex key ID>+<base64(0x04 || public key)>}.
   *
   * @throws LogFormatException when the key is malformed or its key ID does not match
   */
  public static CosignatureVerifier parse(String verifierKey) throws LogFormatException {
    NoteKeys.Parsed parsed = NoteKeys.parse(verifierKey, "cosigner key", NoteKeys.TYPE_COSIGNATURE_V1,
        BcEd25519.KEY_LENGTH, k -> BcEd25519.publicKey(k).getEncoded());
    return new CosignatureVerifier(parsed.name(), parsed.key());
  }

  /**
   * The timestamp (POSIX seconds) of a cosignature's signature bytes.
   *
   * @throws LogVerificationException when the bytes are not a 72-byte timestamped signature
   */
  public static long timestamp(byte[] signature) throws LogVerificationException {
    if (signature.length != Cosignatures.LENGTH) {
      throw new LogVerificationException(
          "cosignature of " + signature.length + " bytes (expected: 72, an 8-byte timestamp and a 64-byte signature)");
    }
    long timestamp = ByteBuffer.wrap(signature).getLong();
    if (timestamp < 0) {
      throw new LogVerificationException("cosignature timestamp exceeds 2^63-1");
    }
    return timestamp;
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
    long timestamp = timestamp(signature);
    byte[] ed25519 = java.util.Arrays.copyOfRange(signature, 8, signature.length);
    if (!BcEd25519.verify(key, Cosignatures.signedMessage(timestamp, text), ed25519)) {
      throw new LogVerificationException("invalid cosignature for key " + name + "+" + NoteKeys.hex(keyId));
    }
  }

  /** The verifier key string {@code <name>+<hex key ID>+<base64(0x04 || public key)>}. */
  public String verifierKey() {
    return NoteKeys.format(name, keyId, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
  }

  @Override
  public String toString() {
    return "CosignatureVerifier[" + verifierKey() + "]";
  }
}
