package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;

/** {@code hashfed trust list}: every member the node knows, with its level. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List members and their trust on the node.")
final class TrustListCommand extends TrustCall {

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    return client.get("/v1/admin/trust");
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    JsonNode s = answer.path("settings");
    JsonNode d = s.path("demotion");
    out.printf("default level %s; demotion when >= %s of >= %d submissions in %d days are disputed by >= %d "
        + "members at %s or above%n", s.path("default_level").asText(), d.path("share").asText(),
        d.path("min_submissions").asInt(), d.path("window_days").asInt(), d.path("min_disputers").asInt(),
        d.path("disputer_level").asText());
    for (JsonNode m : answer.path("members")) {
      out.println(memberLine(m));
    }
  }
}
