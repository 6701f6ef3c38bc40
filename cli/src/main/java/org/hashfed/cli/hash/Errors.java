package org.hashfed.cli.hash;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns I/O exceptions into the short phrases a user reads next to the file's path. */
final class Errors {

  private Errors() {}

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return "cannot read file: " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
  }
}
