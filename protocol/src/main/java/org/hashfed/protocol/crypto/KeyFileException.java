package org.hashfed.protocol.crypto;

import java.io.IOException;

/** A key file that is malformed or too widely readable. */
public final class KeyFileException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the file and what to do. */
  public KeyFileException(String message) {
    super(message);
  }
}
