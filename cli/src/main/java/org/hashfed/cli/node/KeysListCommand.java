package org.hashfed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed keys list}: the node's API keys, one a line; never a key itself. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List a node's API keys: id, role, creation, expiry, last use and label, oldest first. "
        + "The keys themselves are never shown.")
public final class KeysListCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "print the node's JSON answer instead of a table")
  boolean json;

  @Mixin AdminNodeOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode answer;
    try {
      answer = options.client().get("/v1/admin/api-keys");
    } catch (CommandError e) {
      err.println("hashfed keys list: " + e.getMessage());
      return e.exitCode();
    }
    if (!answer.path("keys").isArray()) {
      err.println("hashfed keys list: the node's answer has no keys: " + answer);
      return ExitCodes.SERVER;
    }
    if (json) {
      out.println(answer.toString());
    } else {
      out.printf("%-12s  %-6s  %-20s  %-20s  %-20s  %s%n", "ID", "ROLE", "CREATED", "EXPIRES", "LAST USED", "LABEL");
      for (JsonNode k : answer.get("keys")) {
        out.printf("%-12s  %-6s  %-20s  %-20s  %-20s  %s%n", k.path("id").asText(), k.path("role").asText(),
            k.path("created_at").asText(), k.path("expires_at").asText("-"), k.path("last_used_at").asText("-"),
            k.path("label").asText());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
