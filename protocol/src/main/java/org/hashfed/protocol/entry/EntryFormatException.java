package org.hashfed.protocol.entry;

/** Payload bytes that are not a well-formed hashfed entry. */
public final class EntryFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the field, the offending value and the expected form. */
  public EntryFormatException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause. */
  public EntryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
