package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Relabel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hashfed relabel ID --label L...}: replaces the labels of one of your member's own submissions. */
@Command(
    name = "relabel",
    mixinStandardHelpOptions = true,
    description = {
      "Replace the labels of one of your member's own active submissions: the labels given replace all of "
          + "its current ones. Matches carry the new labels at once on your node and, as the relabel travels, on "
          + "every other member's node, where each member's label trust then applies to them. The signed "
          + "submission keeps its original labels; hashfed entry show shows both. To say another member's "
          + "submission is mislabelled, run hashfed disagree ID --reason wrong_label."
    },
    footer = {
      "",
      "Example:",
      "  hashfed relabel 5ca81014...8d61 --label ideology:accelerationism --label behavior:glorification",
      "",
      "Exit status: 0 relabelled, 1 no such entry, 2 usage error or refused (not yours, retracted, labels",
      "unchanged), 3 node unreachable or failed."
    })
public final class RelabelCommand extends StaffCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The submission's entry id.")
  String id;

  @Option(names = "--label", required = true, paramLabel = "LABEL",
      description = "A new label such as ideology:accelerationism; repeatable, 1 to 16 in all.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--note", paramLabel = "TEXT", description = "Why, for the consortium (at most 1 KiB).")
  String note;

  @Override
  protected int execute() throws CommandError {
    EntryId target = EntryIds.parse(id);
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("labels");
    try {
      List<Label> parsed = new ArrayList<>();
      for (String l : labels) {
        parsed.add(Label.parse(l.strip()));
      }
      // The entry's own rules (count, duplicates, note length), checked before anything is sent.
      new Relabel(target, parsed, Optional.ofNullable(note));
      parsed.forEach(l -> array.add(l.value()));
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.USAGE, e.getMessage());
    }
    if (note != null) {
      body.put("note", note);
    }
    return EntryActions.append(this, target, "relabel", body, "not-own-entry",
        "To say another member's submission is mislabelled, run hashfed disagree "
            + target.hex() + " --reason wrong_label.", "relabelled");
  }
}
