package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hashfed trust explain MEMBER}: why the member's level is what it is. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Show why a member's trust is what it is: policy, dispute numbers and the history of changes.")
final class TrustExplainCommand extends TrustCall {

  @Parameters(index = "0", paramLabel = "MEMBER", description = "the member id")
  String member;

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    return client.get("/v1/admin/trust/" + TrustSetCommand.checkMember(member));
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    out.println(memberLine(answer));
    for (JsonNode r : answer.path("reasons")) {
      out.println("  - " + r.asText());
    }
    if (answer.path("events").size() > 0) {
      out.println("history:");
      for (JsonNode e : answer.path("events")) {
        out.printf("  %s %-7s %s -> %s%s%n", e.path("time").asText(), e.path("action").asText(),
            e.path("from").asText(), e.path("to").asText(),
            e.has("reason") ? ": " + e.path("reason").asText() : "");
      }
    }
  }
}
