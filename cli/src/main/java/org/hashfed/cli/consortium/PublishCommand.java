package org.hashfed.cli.consortium;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import org.hashfed.cli.client.NodeOptions;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.roster.Roster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hashfed consortium publish FILE}: hands a signed roster version to one node
 * ({@code POST /v1/admin/roster}), which adopts it when a quorum of its current version signed it
 * and gossips it to every other node.
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Give a signed roster version to a node (POST /v1/admin/roster; needs an admin key). The node adopts "
          + "it only when it is the next version and a quorum of the current version's active members signed it, "
          + "then gossips it: publishing to one node reaches the whole consortium. Check it first with "
          + "'hashfed consortium show FILE --current ...'."
    },
    footer = {
      "",
      "Example:",
      "  hashfed consortium publish roster-v2.json --node http://127.0.0.1:8700 --api-key-file hashfed-data/admin.key",
      "",
      "Exit status: 0 adopted or already held, 1 refused (signatures do not make a quorum of the node's",
      "current version), 2 usage error, unreadable file or a version that is not the next one,",
      "3 node unreachable or failed."
    })
final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin NodeOptions nodeOptions;

  @Parameters(index = "0", paramLabel = "FILE", description = "The roster version, as 'consortium propose' and 'sign' wrote it.")
  Path file;

  @Option(names = "--json", description = "Print the node's answer as JSON, for scripts.")
  boolean json;

  @Override
  public Integer call() {
    try {
      return publish();
    } catch (CommandFailure f) {
      return fail(f.exitCode(), f.getMessage());
    } catch (CommandError e) {
      return fail(e.exitCode(), e.getMessage());
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  private int publish() throws CommandFailure, CommandError {
    Envelope envelope = RosterFiles.readEnvelope(file);
    Roster roster = RosterFiles.unverifiedRoster(file, envelope);
    NodeClient client = NodeClient.create(nodeOptions.resolve(System.getenv()));
    client.connection().clearTextWarning().ifPresent(spec.commandLine().getErr()::println);
    JsonNode answer;
    try {
      answer = client.post("/v1/admin/roster", Json.readTree(envelope.toJson()));
    } catch (CommandError e) {
      if ("roster-refused".equals(e.problemType().orElse(null))) {
        throw e.withExitCode(ExitCodes.NOT_FOUND);
      }
      throw e;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a parsed envelope does not re-read as JSON", e);
    }
    if (json) {
      spec.commandLine().getOut().println(answer.toPrettyString());
      return ExitCodes.OK;
    }
    String result = answer.path("result").asText();
    long current = answer.path("version").asLong();
    spec.commandLine().getOut().println("adopted".equals(result)
        ? "the node adopted roster version " + roster.version() + " of " + roster.consortium()
            + " and gossips it to its peers"
        : "the node already holds roster version " + roster.version() + " (its current version is " + current + ")");
    return ExitCodes.OK;
  }

  private int fail(int code, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    spec.commandLine().getErr().flush();
    return code;
  }
}
