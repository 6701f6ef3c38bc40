package org.hashfed.cli.consortium;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the changes one can propose for the next roster version. */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Propose the next roster version with one change, signed with your key. "
          + "Others add their signatures with 'hashfed consortium sign'; it is valid once a quorum of the "
          + "current version's active members has signed."
    },
    subcommands = {
      ProposalCommands.Add.class, ProposalCommands.Suspend.class, ProposalCommands.Reactivate.class,
      ProposalCommands.Remove.class, ProposalCommands.SetKey.class, ProposalCommands.SetUrl.class,
      ProposalCommands.SetTls.class, ProposalCommands.SetQuorum.class
    })
public final class ProposeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
