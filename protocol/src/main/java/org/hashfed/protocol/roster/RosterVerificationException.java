package org.hashfed.protocol.roster;

/** A roster envelope that is not a valid genesis or successor: what failed is in the message. */
public final class RosterVerificationException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying which rule failed and by how much. */
  public RosterVerificationException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause. */
  public RosterVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
