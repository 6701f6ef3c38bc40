package org.hashfed.protocol.roster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.json.Json;

/** Writes the deterministic roster payload: fields in spec order, members sorted by id. */
final class RosterWriter {

  private RosterWriter() {}

  static byte[] write(Roster r) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("consortium", r.consortium());
    o.put("version", r.version());
    if (r.previous().isPresent()) {
      o.put("previous", r.previous().get());
    } else {
      o.putNull("previous");
    }
    o.put("issued", EntryTime.format(r.issued()));
    ObjectNode q = o.putObject("quorum");
    q.put("numerator", r.quorum().numerator());
    q.put("denominator", r.quorum().denominator());
    ArrayNode arr = o.putArray("members");
    for (MemberRecord m : r.members()) {
      RosterJson.writeMember(arr.addObject(), m, true);
    }
    return Json.write(o);
  }
}
