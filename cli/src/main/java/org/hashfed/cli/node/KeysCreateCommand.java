package org.hashfed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashfed.cli.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.Connection;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed keys create --role query}: asks the node for a new API key and prints it once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an API key on a node and print it once on standard output. "
          + "Roles: query (match only), submit (also submit, retract, opinions), admin (everything)."
    })
public final class KeysCreateCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "query, submit, admin or audit")
  String role;

  @Option(names = "--label", paramLabel = "TEXT", description = "a note for operators, e.g. the platform using the key")
  String label;

  @Option(names = "--node", paramLabel = "URL", defaultValue = "${env:HASHFED_NODE:-http://127.0.0.1:8700}",
      description = "the node's base URL (default: $HASHFED_NODE or ${DEFAULT-VALUE})")
  String node;

  @Option(names = "--admin-key-file", paramLabel = "FILE",
      defaultValue = "${env:HASHFED_ADMIN_KEY_FILE:-hashfed-data/admin.key}",
      description = "file holding an admin API key (default: ${DEFAULT-VALUE})")
  Path adminKeyFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!role.equals("query") && !role.equals("submit") && !role.equals("admin")
        && !role.equals("audit")) {
      err.println("hashfed keys create: invalid --role \"" + role + "\": expected query, submit, admin or audit");
      return ExitCodes.USAGE;
    }
    ObjectNode body = JSON.createObjectNode().put("role", role);
    if (label != null) {
      body.put("label", label);
    }
    JsonNode json;
    try {
      String adminKey = NodeOptions.readKeyFile(adminKeyFile);
      json = NodeClient.create(Connection.create(node, adminKey, "--admin-key-file")).post("/v1/admin/api-keys", body);
    } catch (CommandError e) {
      err.println("hashfed keys create: " + e.getMessage());
      return e.exitCode();
    }
    if (!json.path("key").isTextual()) {
      err.println("hashfed keys create: the node's answer has no key: " + json);
      return ExitCodes.SERVER;
    }
    err.println("Created " + json.path("role").asText() + " key " + json.path("id").asText()
        + ". It is shown once; the node keeps only its hash:");
    out.println(json.get("key").asText());
    out.flush();
    return ExitCodes.OK;
  }
}
