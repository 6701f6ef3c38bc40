package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed trust set MEMBER LEVEL [--label PATTERN=LEVEL]...}: sets a member's level and overrides. */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = {"Set a member's trust level and label overrides (replacing earlier ones); "
        + "clears automatic demotions. Levels: trusted, standard, observe, blocked."})
final class TrustSetCommand extends TrustCall {

  private static final List<String> LEVELS = List.of("trusted", "standard", "observe", "blocked");

  @Parameters(index = "0", paramLabel = "MEMBER", description = "the member id")
  String member;

  @Parameters(index = "1", paramLabel = "LEVEL", description = "trusted, standard, observe or blocked")
  String level;

  @Option(names = "--label", paramLabel = "PATTERN=LEVEL",
      description = "a label override, e.g. ideology:*=observe or behavior:glorification=standard; repeatable")
  List<String> labels = new ArrayList<>();

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, kept in the node's trust history")
  String reason;

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    ObjectNode body = JSON.createObjectNode().put("level", checkLevel(level, "LEVEL"));
    ObjectNode overrides = body.putObject("overrides");
    for (String l : labels) {
      int eq = l.lastIndexOf('=');
      if (eq <= 0) {
        throw CommandError.of(ExitCodes.USAGE, "invalid --label \"" + l
            + "\": expected PATTERN=LEVEL, e.g. ideology:*=observe");
      }
      overrides.put(l.substring(0, eq), checkLevel(l.substring(eq + 1), "--label " + l));
    }
    if (reason != null) {
      body.put("reason", reason);
    }
    return client.put("/v1/admin/trust/" + checkMember(member), body);
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    out.println(memberLine(answer));
  }

  static String checkLevel(String value, String where) throws CommandError {
    if (!LEVELS.contains(value)) {
      throw CommandError.of(ExitCodes.USAGE, "invalid " + where + " level \"" + value
          + "\": expected trusted, standard, observe or blocked");
    }
    return value;
  }

  static String checkMember(String value) throws CommandError {
    if (!value.matches("[a-z0-9][a-z0-9-]{1,62}")) {
      throw CommandError.of(ExitCodes.USAGE, "invalid MEMBER \"" + value
          + "\": expected a member id of 2 to 63 characters of a-z, 0-9 and '-'");
    }
    return value;
  }
}
