package org.hashfed.protocol.log;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Verifies C2SP tlog-cosignature v1 witness cosignatures (signature type 0x04). */
public final class CosignatureVerifier extends Ed25519KeyedVerifier {

  private CosignatureVerifier(String name, byte[] publicKey) {
    super(name, NoteKeys.TYPE_COSIGNATURE_V1, publicKey);
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
        Ed25519Keys.KEY_LENGTH, k -> Ed25519Keys.publicKey(k).bytes());
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
  public void verify(byte[] text, byte[] signature) throws LogVerificationException {
    long timestamp = timestamp(signature);
    byte[] ed25519 = Arrays.copyOfRange(signature, 8, signature.length);
    if (!Ed25519Keys.verify(key, Cosignatures.signedMessage(timestamp, text), ed25519)) {
      throw new LogVerificationException("invalid cosignature for key " + keyLabel());
    }
  }
}
