package org.hashfed.protocol.video.edit;

/** A video variant could not be written; the message names the file and the problem. */
public final class VideoEncodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error whose message names the file and the problem. */
  public VideoEncodeException(String message) {
    super(message);
  }

  /** As {@link #VideoEncodeException(String)} with the low-level cause. */
  public VideoEncodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
