package org.hashfed.cli.client;

import java.util.Optional;

/** Stops a command that calls a node with a message for the user and one of the documented exit statuses. */
public final class CommandError extends Exception {

  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final int httpStatus;
  private final String problemType;

  private CommandError(int exitCode, String message, int httpStatus, String problemType) {
    super(message);
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
    this.problemType = problemType;
  }

  /** A failure with the given exit status, for problems found before talking to a node. */
  public static CommandError of(int exitCode, String message) {
    return new CommandError(exitCode, message, 0, null);
  }

  /** A failure the node reported with an HTTP status and a problem type slug (may be null). */
  static CommandError fromNode(int exitCode, String message, int httpStatus, String problemType) {
    return new CommandError(exitCode, message, httpStatus, problemType);
  }

  /** The same failure with advice appended as a sentence of its own. */
  public CommandError withHint(String hint) {
    String m = getMessage();
    return new CommandError(exitCode, m + (m.endsWith(".") ? " " : ". ") + hint, httpStatus, problemType);
  }

  /** The same failure ending the command with {@code exitCode} instead, for a command whose documentation narrows the rule. */
  public CommandError withExitCode(int exitCode) {
    return new CommandError(exitCode, getMessage(), httpStatus, problemType);
  }

  /** The exit status the command ends with. */
  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status the node answered, or 0 when the node was not reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The slug of the node's problem type (e.g. {@code already-retracted}), when it sent one. */
  public Optional<String> problemType() {
    return Optional.ofNullable(problemType);
  }
}
