package org.hashfed.node.hma;

/** A refusal sent in HMA's error shape, {@code {"message": ...}}, with an HTTP status. */
final class HmaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  HmaException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** 400, as HMA's {@code abort(400, ...)}. */
  static HmaException badRequest(String message) {
    return new HmaException(400, message);
  }

  int status() {
    return status;
  }
}
