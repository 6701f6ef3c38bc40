package org.hashfed.protocol.log;

/** A proof, checkpoint or note signature did not verify; the message says which check failed. */
public final class LogVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public LogVerificationException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public LogVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
