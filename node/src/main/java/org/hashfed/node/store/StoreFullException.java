package org.hashfed.node.store;

/**
 * A write failed because the disk of the store is full. Nothing of the write was stored; reads
 * still work, and writes resume once space is freed ({@link Store#resumeWrites}).
 */
public final class StoreFullException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** A write refused for want of space, described by {@code message}, caused by {@code cause}. */
  public StoreFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
