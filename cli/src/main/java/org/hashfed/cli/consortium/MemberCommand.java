package org.hashfed.cli.consortium;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the commands about one's own membership. */
@Command(
    name = "member",
    mixinStandardHelpOptions = true,
    description = "Your company's membership: the public member file you send to the consortium.",
    subcommands = {MemberExportCommand.class, MemberInitCommand.class})
public final class MemberCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
