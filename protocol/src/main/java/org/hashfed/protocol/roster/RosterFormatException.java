package org.hashfed.protocol.roster;

/** Bytes that are not a well-formed roster payload or member file. */
public final class RosterFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the field, the offending value and the expected form. */
  public RosterFormatException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause. */
  public RosterFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
