package org.hashfed.cli;

import picocli.CommandLine;

/** Entry point of the {@code hashfed} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status, for tests that call it in-process. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured picocli command line, with every subcommand registered. */
  public static CommandLine newCommandLine() {
    CommandLine cmd = new CommandLine(new HashfedCommand());
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setUsageHelpAutoWidth(true);
    return cmd;
  }
}
