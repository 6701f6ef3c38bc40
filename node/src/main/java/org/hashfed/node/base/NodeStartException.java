package org.hashfed.node.base;

/** The node could not start: a store, key file, roster or port problem, named in the message. */
public final class NodeStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A start failure described by {@code message}, caused by {@code cause}. */
  public NodeStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
