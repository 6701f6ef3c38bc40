package org.hashfed.cli.trust;

/** Stops a trust command with a message for the user and an exit status. */
final class TrustFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  TrustFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
