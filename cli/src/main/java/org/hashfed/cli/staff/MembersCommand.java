package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;

/** {@code hashfed members}: the consortium members your node knows. */
@Command(
    name = "members",
    mixinStandardHelpOptions = true,
    description = {
      "List the consortium members your node knows: from its roster, and every member whose entries it "
          + "holds, with how many entries (the member's feed head), and your node's trust in them when it rates them."
    },
    footer = {
      "",
      "Example:",
      "  hashfed members",
      "",
      "Exit status: 0 listed, 2 usage error, 3 node unreachable or failed."
    })
public final class MembersCommand extends StaffCommand {

  @Override
  protected int execute() throws CommandError {
    JsonNode answer = client().get("/v1/members");
    if (json) {
      printJson(answer);
      return ExitCodes.OK;
    }
    Table t = new Table("MEMBER", "NAME", "STATUS", "ENTRIES", "TRUST", "IN ROSTER");
    for (JsonNode m : answer.path("members")) {
      t.add(m.path("member").asText() + (m.path("self").asBoolean() ? " (you)" : ""), m.path("name").asText(""),
          m.path("status").asText(""), m.path("entries").asText("0"), MatchCommand.trust(m.path("trust")),
          m.path("in_roster").asBoolean() ? "yes" : "no");
    }
    t.print(out());
    return ExitCodes.OK;
  }
}
