package org.hashfed.cli.trust;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed trust}: groups the node's trust administration (needs an admin key). */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    description = {
      "Administer how much this node trusts each member (needs an admin key). "
          + "Connect with --node, --api-key-file, --api-key or --profile as every command does; with none of "
          + "them, no HASHFED_NODE / HASHFED_API_KEY and no profile: http://127.0.0.1:8700 with hashfed-data/admin.key. "
          + "Exit status: 0 ok; 1 not found, or nothing to restore; 2 usage error, or a change the node refuses "
          + "(this node's own member); 3 node unreachable, key refused or node error (spec/cli.md)."
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
