package org.hashfed.protocol.pdq;

/** An image that could not be decoded: unknown format, corrupt or truncated data, unreadable file. */
public final class ImageDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error with a message that names the file or stream and what was wrong with it. */
  public ImageDecodeException(String message) {
    super(message);
  }

  /** An error with a message and the low-level cause. */
  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
