package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hashfed.cli.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed trust restore MEMBER}. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {"Undo a member's automatic demotions (back to the level an operator set or the default).",
    "Exit status 1 when the member has no automatic demotion: nothing to restore."})
final class TrustRestoreCommand extends TrustCall {

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
    try {
      return client.post("/v1/admin/trust/" + TrustSetCommand.checkMember(member) + "/restore", body);
    } catch (CommandError e) {
      // 409 here means the member has no automatic demotion: nothing to restore, not a wrong request.
      throw e.httpStatus() == 409 ? e.withExitCode(ExitCodes.NOT_FOUND) : e;
    }
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    out.println(memberLine(answer));
  }
}
