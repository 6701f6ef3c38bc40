package org.hashfed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.hashfed.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hashfed keys create --role query}: asks the node for a new API key and prints it once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an API key on a node and print it once on standard output.",
      "Roles: query (match only), submit (also submit, retract, opinions), admin (everything)."
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
    URI uri;
    try {
      uri = URI.create(node.replaceAll("/+$", "") + "/v1/admin/api-keys");
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      err.println("hashfed keys create: invalid --node \"" + node + "\": expected a URL like http://127.0.0.1:8700");
      return ExitCodes.USAGE;
    }
    String adminKey;
    try {
      adminKey = Files.readString(adminKeyFile, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      err.println("hashfed keys create: admin key file " + adminKeyFile
          + " does not exist (expected: the admin.key a node writes on first start; see --admin-key-file)");
      return ExitCodes.USAGE;
    } catch (IOException e) {
      err.println("hashfed keys create: cannot read admin key file " + adminKeyFile + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    ObjectNode body = JSON.createObjectNode().put("role", role);
    if (label != null) {
      body.put("label", label);
    }
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      response = client.send(HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + adminKey)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.println("hashfed keys create: cannot reach node at " + node + ": " + e);
      return ExitCodes.SERVER;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.SERVER;
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (response.statusCode() != 201 || json == null || !json.path("key").isTextual()) {
      String detail = json != null && json.has("detail") ? json.get("detail").asText() : response.body();
      err.println("hashfed keys create: node answered " + response.statusCode() + ": " + detail);
      return ExitCodes.SERVER;
    }
    err.println("Created " + json.path("role").asText() + " key " + json.path("id").asText()
        + ". It is shown once; the node keeps only its hash:");
    out.println(json.get("key").asText());
    out.flush();
    return ExitCodes.OK;
  }
}
