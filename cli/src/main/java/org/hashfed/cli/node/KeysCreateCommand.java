package org.hashfed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed keys create --role query}: asks the node for a new API key and prints it once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an API key on a node and print it once on standard output. "
          + "Roles: query (match only), submit (also submit, retract, opinions), audit (the provenance log), "
          + "admin (everything)."
    })
public final class KeysCreateCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "query, submit, admin, audit or watch (POST /v1/watch only)")
  String role;

  @Option(names = "--label", paramLabel = "TEXT", description = "a note for operators, e.g. the platform using the key")
  String label;

  @ArgGroup(exclusive = true)
  Expiry expiry;

  @Mixin AdminNodeOptions options;

  /** At most one of the two ways to say when the key stops working. */
  static final class Expiry {
    @Option(names = "--expires-at", paramLabel = "TIME",
        description = "RFC 3339 time after which the key is refused, e.g. 2027-01-31T00:00:00Z")
    String expiresAt;

    @Option(names = "--ttl-days", paramLabel = "DAYS", description = "days from now until the key is refused (1..3650)")
    Integer ttlDays;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!role.equals("query") && !role.equals("submit") && !role.equals("admin")
        && !role.equals("audit") && !role.equals("watch")) {
      err.println("hashfed keys create: invalid --role \"" + role + "\": expected query, submit, admin, audit or watch");
      return ExitCodes.USAGE;
    }
    ObjectNode body = JSON.createObjectNode().put("role", role);
    if (label != null) {
      body.put("label", label);
    }
    if (expiry != null && expiry.expiresAt != null) {
      body.put("expires_at", expiry.expiresAt);
    }
    if (expiry != null && expiry.ttlDays != null) {
      body.put("ttl_days", expiry.ttlDays);
    }
    JsonNode json;
    try {
      json = options.client().post("/v1/admin/api-keys", body);
    } catch (CommandError e) {
      err.println("hashfed keys create: " + e.getMessage());
      return e.exitCode();
    }
    if (!json.path("key").isTextual()) {
      err.println("hashfed keys create: the node's answer has no key: " + json);
      return ExitCodes.SERVER;
    }
    err.println("Created " + json.path("role").asText() + " key " + json.path("id").asText()
        + (json.has("expires_at") ? ", expiring at " + json.path("expires_at").asText() : "")
        + ". It is shown once; the node keeps only its hash:");
    out.println(json.get("key").asText());
    out.flush();
    return ExitCodes.OK;
  }
}
