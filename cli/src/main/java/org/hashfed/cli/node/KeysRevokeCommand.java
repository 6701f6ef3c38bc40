package org.hashfed.cli.node;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hashfed keys revoke ID}: deletes an API key; the node refuses it from the next request on. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke an API key by its id (see hashfed keys list); requests with it are refused at once.")
public final class KeysRevokeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "the key's id, 12 hex digits as shown by hashfed keys list")
  String id;

  @Mixin AdminNodeOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!id.matches("[0-9a-f]{12}")) {
      err.println("hashfed keys revoke: invalid ID \"" + id + "\": expected 12 lowercase hex digits, as shown by "
          + "hashfed keys list");
      return ExitCodes.USAGE;
    }
    try {
      options.client().delete("/v1/admin/api-keys/" + id);
    } catch (CommandError e) {
      err.println("hashfed keys revoke: " + e.getMessage());
      return e.exitCode();
    }
    out.println("Revoked key " + id + ".");
    out.flush();
    return ExitCodes.OK;
  }
}
