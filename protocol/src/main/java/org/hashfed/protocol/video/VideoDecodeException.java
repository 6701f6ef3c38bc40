package org.hashfed.protocol.video;

/**
 * A video that could not be decoded: not a video, truncated or corrupt, or over a limit. The
 * message names the file, what was wrong and, for a limit, the limit and the value.
 */
public final class VideoDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why decoding stopped, so an API can choose its status (a limit is 413/422, cancelled is 503). */
  public enum Reason {
    /** Not a video, no video stream, unsupported codec, corrupt or truncated data. */
    INVALID,
    /** Over one of the {@link VideoLimits}. */
    LIMIT,
    /** The caller cancelled the work or the thread was interrupted. */
    CANCELLED,
    /** The file could not be read. */
    IO
  }

  private final Reason reason;

  /** An error of the given kind with a message naming the problem and the value. */
  public VideoDecodeException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** As {@link #VideoDecodeException(Reason, String)} with the low-level cause. */
  public VideoDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** Why decoding stopped. */
  public Reason reason() {
    return reason;
  }
}
