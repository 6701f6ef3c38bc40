package org.hashfed.cli.node;

import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hashfed keys}: groups API key administration. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage a node's API keys (needs an admin key).",
    subcommands = {KeysCreateCommand.class, KeysListCommand.class, KeysRevokeCommand.class})
public final class KeysCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
