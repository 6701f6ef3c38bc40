package org.hashfed.protocol.vpdq;

/** Serialised vPDQ hashes that do not have the documented form; the message names the offending value. */
public final class VpdqFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error naming the bad value, where it was and the expected form. */
  public VpdqFormatException(String message) {
    super(message);
  }

  /** As {@link #VpdqFormatException(String)} with the low-level cause. */
  public VpdqFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
