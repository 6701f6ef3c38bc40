package org.hashfed.node.store;

/** The store could not be opened, read or written; wraps the RocksDB error with what was being done. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A store failure described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** A store failure described by {@code message}, caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
