package org.hashfed.protocol.pdq;

import java.util.Objects;

/**
 * An image that could not be decoded: unknown format, corrupt or truncated data, unreadable file, or
 * over one of the {@link ImageLimits}. The message names what was wrong and, for a limit, the limit
 * and the value.
 */
public final class ImageDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why decoding stopped, so an API can choose its status (a limit is 422, cancelled is 503). */
  public enum Reason {
    /** Not an image in a supported format, corrupt or truncated data, unreadable file. */
    INVALID,
    /** Over one of the {@link ImageLimits}: pixels, JPEG scans or decoding time. */
    LIMIT,
    /** The decoding thread was interrupted. */
    CANCELLED
  }

  private final Reason reason;

  /** An invalid image, with a message that names what was wrong with it. */
  public ImageDecodeException(String message) {
    this(Reason.INVALID, message);
  }

  /** An invalid image, with a message and the low-level cause. */
  public ImageDecodeException(String message, Throwable cause) {
    this(Reason.INVALID, message, cause);
  }

  /** An error of the given kind with a message naming the problem and the value. */
  public ImageDecodeException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** As {@link #ImageDecodeException(Reason, String)} with the low-level cause. */
  public ImageDecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why decoding stopped. */
  public Reason reason() {
    return reason;
  }
}
