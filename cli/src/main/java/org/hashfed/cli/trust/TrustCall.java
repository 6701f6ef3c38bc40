package org.hashfed.cli.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.Connection;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeDefaults;
import org.hashfed.cli.client.NodeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A trust subcommand: the common node options (without a profile, the local node and its admin key),
 * one admin API call, and text or {@code --json} output.
 */
abstract class TrustCall implements Callable<Integer> {

  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin NodeOptions nodeOptions;

  @Option(names = "--json", description = "print the node's JSON answer instead of text")
  boolean json;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Connection connection = nodeOptions.resolve(System.getenv(), NodeDefaults.localAdmin());
      connection.clearTextWarning().ifPresent(err::println);
      JsonNode answer = execute(NodeClient.create(connection));
      if (json) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      } else {
        print(answer, out);
      }
      return ExitCodes.OK;
    } catch (CommandError e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return e.exitCode();
    } catch (JsonProcessingException e) {
      err.println(spec.qualifiedName() + ": cannot print the answer: " + e.getMessage());
      return ExitCodes.SERVER;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Makes the call and returns the node's answer. */
  abstract JsonNode execute(NodeClient client) throws CommandError;

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
