package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed trust pin MEMBER}. */
@Command(name = "pin", mixinStandardHelpOptions = true, description = "Pin a member's level: automatic demotion no longer changes it.")
final class TrustPinCommand extends TrustCall {

  @Parameters(index = "0", paramLabel = "MEMBER", description = "the member id")
  String member;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, kept in the node's trust history")
  String reason;

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    ObjectNode body = JSON.createObjectNode();
    if (reason != null) {
      body.put("reason", reason);
    }
    return client.post("/v1/admin/trust/" + TrustSetCommand.checkMember(member) + "/pin", body);
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    out.println(memberLine(answer));
  }
}
