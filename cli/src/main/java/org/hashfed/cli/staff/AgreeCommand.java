package org.hashfed.cli.staff;

import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.ReasonCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed agree ID}: confirms another member's submission. */
@Command(
    name = "agree",
    mixinStandardHelpOptions = true,
    description = {
      "Confirm another member's submission: your member agrees the content is what its labels say. "
          + "Agreement raises the confidence other members' nodes give its matches."
    },
    footer = {
      "",
      "Example:",
      "  hashfed agree 5ca81014...8d61 --note \"seen on our platform, same video\"",
      "",
      "Exit status: 0 done, 1 no such entry, 2 usage error or refused (your own entry), 3 node unreachable or failed."
    })
public final class AgreeCommand extends StaffCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The submission's entry id.")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", description = "Free text for the consortium (at most 1 KiB).")
  String note;

  @Override
  protected int execute() throws CommandError {
    return EntryActions.give(this, id, "agree", ReasonCode.CONFIRMED, note);
  }
}
