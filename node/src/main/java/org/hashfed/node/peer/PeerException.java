package org.hashfed.node.peer;

/** A peer request failed in a way that says something about the peer; the message names it. */
public final class PeerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** The body was larger than the limit. */
    OVERSIZE,
    /** The peer answered 429: it is rate limiting us. */
    BUSY,
    /** The peer answered with another non-2xx status. */
    STATUS,
    /** The peer answered with something that is not the peer protocol. */
    PROTOCOL
  }

  private final Kind kind;

  /** A failure of {@code kind} described by {@code message}. */
  public PeerException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
