package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashfed.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A trust subcommand: the node options, one admin API call, and text or {@code --json} output. */
abstract class TrustCall implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--node", paramLabel = "URL", defaultValue = "${env:HASHFED_NODE:-http://127.0.0.1:8700}",
      description = "the node's base URL (default: $HASHFED_NODE or ${DEFAULT-VALUE})")
  String node;

  @Option(names = "--api-key-file", paramLabel = "FILE",
      description = "file holding an admin API key (default: the key in $HASHFED_API_KEY, else hashfed-data/admin.key)")
  Path apiKeyFile;

  @Option(names = "--json", description = "print the node's JSON answer instead of text")
  boolean json;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      NodeClient client = NodeClient.create(node, apiKeyFile, System.getenv("HASHFED_API_KEY"));
      JsonNode answer = execute(client);
      if (json) {
        out.println(NodeClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      } else {
        print(answer, out);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (TrustFailure f) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + f.getMessage());
      spec.commandLine().getErr().flush();
      return f.exitCode();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot print the answer: " + e.getMessage());
      return ExitCodes.SERVER;
    }
  }

  /** Makes the call and returns the node's answer. */
  abstract JsonNode execute(NodeClient client) throws TrustFailure;

  /** Prints the answer as text. */
  abstract void print(JsonNode answer, PrintWriter out);

  /** One line about a member: id, level and what shapes it. */
  static String memberLine(JsonNode m) {
    StringBuilder s = new StringBuilder(String.format("%-20s %-9s", m.path("member").asText(), m.path("level").asText()));
    if (m.path("own").asBoolean()) {
      s.append(" own member");
    } else if (m.has("configured_level")) {
      s.append(" set ").append(m.path("configured_level").asText());
    } else {
      s.append(" default");
    }
    if (m.path("pinned").asBoolean()) {
      s.append(", pinned");
    }
    int demotions = m.path("demotions").asInt();
    if (demotions > 0) {
      s.append(", demoted ").append(demotions);
    }
    if (m.path("overrides").size() > 0) {
      StringBuilder o = new StringBuilder();
      m.path("overrides").fields().forEachRemaining(e -> o.append(o.length() == 0 ? "" : " ")
          .append(e.getKey()).append('=').append(e.getValue().asText()));
      s.append(", overrides ").append(o);
    }
    return s.toString();
  }
}
