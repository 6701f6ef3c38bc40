package org.hashfed.cli.staff;

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
 * A command that talks to the member's own node: it takes the node options and {@code --json},
 * and prints a failure as {@code hashfed <command>: <what went wrong and what to do>} on stderr.
 */
public abstract class StaffCommand implements Callable<Integer> {

  protected static final ObjectMapper JSON = new ObjectMapper();

  @Spec protected CommandSpec spec;

  @Mixin protected NodeOptions nodeOptions;

  @Option(names = "--json", description = "Print one JSON document on standard output, for scripts.")
  protected boolean json;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CommandError e) {
      err().println(spec.qualifiedName() + ": " + e.getMessage());
      err().flush();
      return e.exitCode();
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected abstract int execute() throws CommandError;

  /** A client for the node named by the flags, the environment or the profile. */
  protected NodeClient client() throws CommandError {
    NodeClient client = NodeClient.create(nodeOptions.resolve(System.getenv()));
    client.connection().clearTextWarning().ifPresent(err()::println);
    return client;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected void printJson(JsonNode node) {
    try {
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a JSON tree", e);
    }
  }
}
