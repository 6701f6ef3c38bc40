package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.ReasonCode;

/**
 * The entries a member appends about a submission (retract, relabel, agree, disagree): posts one,
 * turns the refusal a user can fix into advice, and prints the new entry.
 */
final class EntryActions {

  private EntryActions() {}

  static int give(StaffCommand command, String id, String stance, ReasonCode reason, String note) throws CommandError {
    EntryId target = EntryIds.parse(id);
    ObjectNode body = StaffCommand.JSON.createObjectNode().put("stance", stance).put("reason", reason.wireName());
    if (note != null) {
      body.put("note", note);
    }
    return append(command, target, "opinions", body, "own-entry",
        "To withdraw your own submission, run hashfed retract " + target.hex() + " --reason REASON.",
        stance + "d with");
  }

  /**
   * POSTs {@code body} to {@code /v1/entries/TARGET/ACTION}; a refusal of type {@code refusal} gets
   * {@code hint} appended. Prints "DONE TARGET as entry NEW (member seq N)", or the node's JSON.
   */
  static int append(StaffCommand command, EntryId target, String action, ObjectNode body, String refusal, String hint,
      String done) throws CommandError {
    JsonNode created;
    try {
      created = command.client().post("/v1/entries/" + target.hex() + "/" + action, body);
    } catch (CommandError e) {
      if (e.problemType().filter(refusal::equals).isPresent()) {
        throw e.withHint(hint);
      }
      throw e;
    }
    return printCreated(command, created, done + " " + target.hex() + " as entry");
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
