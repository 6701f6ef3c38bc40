package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hashfed entry show ID}: an entry, its status and the other members' opinions on it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show an entry stored on your node: who submitted what and when, its labels, whether it is active, "
          + "retracted or expired, and every member's agree/disagree opinion. --json prints the node's answer, "
          + "with the signed envelope."
    },
    footer = {
      "",
      "Example:",
      "  hashfed entry show 5ca81014221f1c79e68577b59bad18a0bb00346ccf3d8f274c1c0b1585608d61",
      "",
      "Exit status: 0 shown, 1 no such entry on this node, 2 usage error, 3 node unreachable or failed."
    })
final class EntryShowCommand extends StaffCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The entry id (64 hex digits).")
  String id;

  @Override
  protected int execute() throws CommandError {
    EntryId entryId = EntryIds.parse(id);
    JsonNode e = client().get("/v1/entries/" + entryId.hex());
    if (json) {
      printJson(e);
      return ExitCodes.OK;
    }
    PrintWriter out = out();
    JsonNode payload = e.path("entry");
    String kind = e.path("kind").asText();
    row(out, "entry", e.path("entry_id").asText());
    row(out, "kind", kind);
    row(out, "member", e.path("member").asText() + " (seq " + e.path("seq").asText() + ")");
    row(out, "time", payload.path("time").asText());
    row(out, "status", e.path("status").asText());
    if (e.has("retracted_by")) {
      row(out, "retracted by", e.path("retracted_by").asText());
    }
    switch (kind) {
      case "submit" -> {
        JsonNode s = payload.path("signal");
        row(out, "signal", s.path("type").asText() + " " + s.path("value").asText()
            + (s.has("quality") ? " (quality " + s.path("quality").asText() + ")" : ""));
        // A node that knows relabels sends the current labels; the signed ones are the original.
        JsonNode current = e.has("labels") ? e.path("labels") : payload.path("labels");
        row(out, "labels", MatchCommand.labels(current));
        if (e.has("relabelled_by")) {
          row(out, "labelled as", MatchCommand.labels(payload.path("labels")) + " when submitted");
          for (JsonNode r : e.path("relabelled_by")) {
            row(out, "relabelled by", r.asText());
          }
        }
        optional(out, payload, "incident", "incident");
        optional(out, payload, "expires_at", "expires");
      }
      case "retract" -> {
        row(out, "target", payload.path("target").asText());
        row(out, "reason", payload.path("reason").asText());
      }
      case "opinion" -> {
        row(out, "target", payload.path("target").asText());
        row(out, "stance", payload.path("stance").asText());
        row(out, "reason", payload.path("reason").asText());
      }
      case "relabel" -> {
        row(out, "target", payload.path("target").asText());
        row(out, "labels", MatchCommand.labels(payload.path("labels")));
      }
      default -> {
        // later kinds: the common fields above and the note are all this command knows
      }
    }
    optional(out, payload, "note", "note");
    JsonNode opinions = e.path("opinions");
    if (opinions.isArray() && !opinions.isEmpty()) {
      int agree = 0;
      for (JsonNode o : opinions) {
        agree += "agree".equals(o.path("stance").asText()) ? 1 : 0;
      }
      row(out, "opinions", agree + " agree, " + (opinions.size() - agree) + " disagree");
      Table t = new Table("  STANCE", "MEMBER", "REASON", "TIME", "NOTE");
      for (JsonNode o : opinions) {
        t.add("  " + o.path("stance").asText(), o.path("member").asText(), o.path("reason").asText(),
            o.path("time").asText(), o.path("note").asText(""));
      }
      t.print(out);
    } else if ("submit".equals(kind)) {
      row(out, "opinions", "none");
    }
    return ExitCodes.OK;
  }

  private static void row(PrintWriter out, String name, String value) {
    out.println(String.format("%-13s%s", name, value));
  }

  private static void optional(PrintWriter out, JsonNode payload, String field, String name) {
    if (payload.path(field).isTextual()) {
      row(out, name, payload.path(field).asText());
    }
  }
}
