package org.hashfed.cli.consortium;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the roster governance commands the people who run the consortium use. */
@Command(
    name = "consortium",
    mixinStandardHelpOptions = true,
    description = {
      "Govern the consortium roster: who the members are, their keys, peer URLs and certificates. "
          + "Version 1 is signed by every founder; version N+1 needs a quorum of version N's active members. "
          + "A roster file is a DSSE envelope that collects signatures until it is valid (spec/roster.md)."
    },
    subcommands = {InitCommand.class, ProposeCommand.class, SignCommand.class, ShowCommand.class, PublishCommand.class})
public final class ConsortiumCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
