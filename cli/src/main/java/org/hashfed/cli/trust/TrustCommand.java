package org.hashfed.cli.trust;

import java.util.concurrent.Callable;
import org.hashfed.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed trust}: groups the node's trust administration (needs an admin key). */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description = {
      "Administer how much this node trusts each member (needs an admin key).",
      "Exit status: 0 ok, 1 nothing to change (e.g. no demotion to restore), 2 usage error, 3 node error."
    },
    subcommands = {
      TrustListCommand.class,
      TrustExplainCommand.class,
      TrustSetCommand.class,
      TrustPinCommand.class,
      TrustUnpinCommand.class,
      TrustRestoreCommand.class,
    })
public final class TrustCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
