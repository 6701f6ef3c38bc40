package org.hashfed.protocol.signal;

/** A signal type, value or quality that does not have the documented form. */
public final class InvalidSignalException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the offending value and the expected form. */
  public InvalidSignalException(String message) {
    super(message);
  }
}
