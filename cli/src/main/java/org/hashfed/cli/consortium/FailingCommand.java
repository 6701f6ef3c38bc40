package org.hashfed.cli.consortium;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command whose failures are printed on stderr, prefixed by the command's name, with their exit status. */
abstract class FailingCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandFailure f) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + f.getMessage());
      spec.commandLine().getErr().flush();
      return f.exitCode();
    }
  }

  abstract int execute() throws CommandFailure;

  java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
