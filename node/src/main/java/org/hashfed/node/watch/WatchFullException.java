package org.hashfed.node.watch;

/** Recording would take the watch list past {@code watch.max_items}: retry once older items expire. */
public final class WatchFullException extends Exception {
  private static final long serialVersionUID = 1L;

  WatchFullException(String message) {
    super(message);
  }
}
