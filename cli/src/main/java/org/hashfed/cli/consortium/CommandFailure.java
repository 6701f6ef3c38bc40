package org.hashfed.cli.consortium;

/** Stops a command with a message for the user and an exit status. */
final class CommandFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
