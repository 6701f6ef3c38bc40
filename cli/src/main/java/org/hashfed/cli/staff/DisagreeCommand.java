package org.hashfed.cli.staff;

import org.hashfed.cli.client.CommandError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed disagree ID --reason R}: disputes another member's submission. */
@Command(
    name = "disagree",
    mixinStandardHelpOptions = true,
    description = {
      "Dispute another member's submission, with a reason. The submission keeps matching, but other "
          + "members see the dispute and their nodes may lower its confidence or the submitter's trust."
    },
    footer = {
      "",
      "Reasons: false_positive, wrong_label, out_of_scope, low_quality, duplicate, legal, other.",
      "",
      "Example:",
      "  hashfed disagree 5ca81014...8d61 --reason out_of_scope --note \"documentary footage\"",
      "",
      "Exit status: 0 done, 1 no such entry, 2 usage error or refused (your own entry), 3 node unreachable or failed."
    })
public final class DisagreeCommand extends StaffCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The submission's entry id.")
  String id;

  @Option(names = "--reason", required = true, paramLabel = "REASON", description = "Why, e.g. false_positive.")
  String reason;

  @Option(names = "--note", paramLabel = "TEXT", description = "Free text for the consortium (at most 1 KiB).")
  String note;

  @Override
  protected int execute() throws CommandError {
    return EntryActions.give(this, id, "disagree", EntryIds.reason(reason), note);
  }
}
