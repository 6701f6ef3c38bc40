package org.hashfed.cli.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * An import or export command: it talks to the member's own node with the usual node options, takes
 * {@code --json}, and prints a failure as {@code hashfed <command>: <what went wrong and what to do>}.
 */
abstract class ExchangeCommand implements Callable<Integer> {

  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin NodeOptions nodeOptions;

  @Option(names = "--json", description = "Print one JSON document on standard output, for scripts.")
  boolean json;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandError e) {
      err().println(spec.qualifiedName() + ": " + e.getMessage());
      return e.exitCode();
    } finally {
      out().flush();
      err().flush();
    }
  }

  abstract int execute() throws CommandError;

  /** A client for the node named by the flags, the environment or the profile. */
  NodeClient client() throws CommandError {
    NodeClient client = NodeClient.create(nodeOptions.resolve(System.getenv()));
    client.connection().clearTextWarning().ifPresent(err()::println);
    return client;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(JsonNode node) {
    try {
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a JSON tree", e);
    }
  }
}
