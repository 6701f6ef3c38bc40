package org.hashfed.protocol.log;

/** Verifies note signatures made by one key, identified by its name and key ID. */
public interface NoteVerifier {

  /** The key name expected in signature lines. */
  String name();

  /** The 32-bit key ID expected before the signature bytes. */
  int keyId();

  /**
   * Checks {@code signature} (without the key ID) over the note text.
   *
   * @throws LogVerificationException when the signature does not verify
   */
  void verify(byte[] text, byte[] signature) throws LogVerificationException;
}
