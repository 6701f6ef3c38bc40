package org.hashfed.cli.staff;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed entry}: groups the commands on one entry. */
@Command(
    name = "entry",
    mixinStandardHelpOptions = true,
    description = "Look at one entry (a submission, retraction or opinion) on your node.",
    subcommands = {EntryShowCommand.class})
public final class EntryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
