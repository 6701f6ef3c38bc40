package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.ReasonCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed retract ID --reason R}: withdraws one of your member's own submissions. */
@Command(
    name = "retract",
    mixinStandardHelpOptions = true,
    description = {
      "Retract one of your member's own submissions: it stops matching at once on your node and, as the "
          + "retraction travels, on every other member's node. Only the submitting member can retract; to "
          + "dispute another member's submission use hashfed disagree."
    },
    footer = {
      "",
      "Reasons: confirmed, false_positive, wrong_label, out_of_scope, low_quality, duplicate, legal, other.",
      "",
      "Example:",
      "  hashfed retract 5ca81014...8d61 --reason false_positive --note \"news footage, not perpetrator content\"",
      "",
      "Exit status: 0 retracted, 1 no such entry, 2 usage error or refused (not yours, already retracted),",
      "3 node unreachable or failed."
    })
public final class RetractCommand extends StaffCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The submission's entry id.")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "REASON", description = "Why, e.g. false_positive.")
  String reason;

  @Option(names = "--note", paramLabel = "TEXT", description = "Free text for the consortium (at most 1 KiB).")
  String note;

  @Override
  protected int execute() throws CommandError {
    EntryId target = EntryIds.parse(id);
    ReasonCode code = EntryIds.reason(reason);
    ObjectNode body = JSON.createObjectNode().put("reason", code.wireName());
    if (note != null) {
      body.put("note", note);
    }
    return EntryActions.append(this, target, "retract", body, "not-own-entry",
        "To dispute another member's submission, run hashfed disagree " + target.hex()
            + " --reason REASON.", "retracted");
  }
}
