package org.hashfed.protocol.log;

/** Text that should be a checkpoint, signed note or note key is malformed; the message says how. */
public final class LogFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A malformation described by {@code message}. */
  public LogFormatException(String message) {
    super(message);
  }

  /** A malformation described by {@code message}, caused by {@code cause}. */
  public LogFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
