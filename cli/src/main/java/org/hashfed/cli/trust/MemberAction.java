package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.hashfed.cli.client.CommandError;
import org.hashfed.cli.client.NodeClient;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A trust subcommand that posts one action on a member, with an optional reason kept in the trust history. */
abstract class MemberAction extends TrustCall {

  @Parameters(index = "0", paramLabel = "MEMBER", description = "the member id")
  String member;

  @Option(names = "--reason", paramLabel = "TEXT", description = "why, kept in the node's trust history")
  String reason;

  /** The last path segment of the action: {@code /v1/admin/trust/MEMBER/<action>}. */
  abstract String action();

  @Override
  JsonNode execute(NodeClient client) throws CommandError {
    ObjectNode body = JSON.createObjectNode();
    if (reason != null) {
      body.put("reason", reason);
    }
    return client.post("/v1/admin/trust/" + TrustSetCommand.checkMember(member) + "/" + action(), body);
  }

  @Override
  void print(JsonNode answer, PrintWriter out) {
    out.println(memberLine(answer));
  }
}
