package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.cli.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.ReasonCode;

/** Posts an agree or disagree opinion, and prints any new entry the node made. */
final class Opinions {

  private Opinions() {}

  static int give(StaffCommand command, String id, String stance, ReasonCode reason, String note) throws CommandError {
    EntryId target = EntryIds.parse(id);
    ObjectNode body = StaffCommand.JSON.createObjectNode().put("stance", stance).put("reason", reason.wireName());
    if (note != null) {
      body.put("note", note);
    }
    JsonNode created;
    try {
      created = command.client().post("/v1/entries/" + target.hex() + "/opinions", body);
    } catch (CommandError e) {
      if (e.problemType().filter("own-entry"::equals).isPresent()) {
        throw e.withHint("To withdraw your own submission, run hashfed retract " + target.hex() + " --reason REASON.");
      }
      throw e;
    }
    return printCreated(command, created, stance + "d with " + target.hex() + " as entry");
  }

  static int printCreated(StaffCommand command, JsonNode created, String what) {
    if (command.json) {
      command.printJson(created);
    } else {
      command.out().println(what + " " + created.path("entry_id").asText() + " (" + created.path("member").asText()
          + " seq " + created.path("seq").asText() + ")");
    }
    return ExitCodes.OK;
  }
}
