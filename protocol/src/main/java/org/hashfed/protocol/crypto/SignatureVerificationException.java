package org.hashfed.protocol.crypto;

/** A signature, or a set of signatures, that does not verify under the trusted keys. */
public class SignatureVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what did not verify. */
  public SignatureVerificationException(String message) {
    super(message);
  }
}
