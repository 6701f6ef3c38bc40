package org.hashfed.node.peer;

/** A peer request failed in a way that says something about the peer; the message names it. */
public final class PeerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The body was larger than the limit. */
    OVERSIZE,
    /** The peer answered 429 (it is rate limiting us) or 507 (its disk is full): try again later. */
    BUSY,
    /** The peer answered with another non-2xx status. */
    STATUS,
    /** The peer answered with something that is not the peer protocol. */
    PROTOCOL
  }

  private final Kind kind;
  private final long retryAfterMillis;

  /** A failure of {@code kind} described by {@code message}. */
  public PeerException(Kind kind, String message) {
    this(kind, message, 0);
  }

  /** A failure after which the peer asked to be left alone for {@code retryAfterMillis} (a 429's Retry-After). */
  public PeerException(Kind kind, String message, long retryAfterMillis) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfterMillis = retryAfterMillis;
  }

  /** Whether {@code cause} is a peer's 429 or 507: the peer is up and asked to be left alone for a while. */
  public static boolean isBusy(Throwable cause) {
    return cause instanceof PeerException pe && pe.kind == Kind.BUSY;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** How long the peer asked to be left alone, 0 when it did not say. */
  public long retryAfterMillis() {
    return retryAfterMillis;
  }
}
