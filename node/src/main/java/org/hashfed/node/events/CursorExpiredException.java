package org.hashfed.node.events;

/** A cursor whose events are no longer retained (or from a replaced log): the client must resync. */
public final class CursorExpiredException extends Exception {
  private static final long serialVersionUID = 1L;

  CursorExpiredException(String message) {
    super(message);
  }
}
