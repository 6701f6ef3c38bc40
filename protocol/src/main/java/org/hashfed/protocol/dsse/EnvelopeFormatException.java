package org.hashfed.protocol.dsse;

/** Bytes that are not a well-formed hashfed DSSE envelope. */
public final class EnvelopeFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the problem and the expected form. */
  public EnvelopeFormatException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause. */
  public EnvelopeFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
