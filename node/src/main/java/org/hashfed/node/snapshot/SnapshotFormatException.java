package org.hashfed.node.snapshot;

/** A snapshot file that cannot be used: truncated, corrupt, of another format or another store. */
public final class SnapshotFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A snapshot refused for the reason {@code message}. */
  public SnapshotFormatException(String message) {
    super(message);
  }
}
