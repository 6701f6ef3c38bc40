package org.hashfed.protocol.entry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.json.Json;

/** Writes the deterministic payload form: fields in spec order, optional fields omitted when absent. */
final class EntryWriter {

  private EntryWriter() {}

  static byte[] write(Entry e) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("kind", e.kind().wireName());
    o.put("member", e.member().value());
    o.put("seq", e.seq());
    if (e.prev().isPresent()) {
      o.put("prev", e.prev().get().hex());
    } else {
      o.putNull("prev");
    }
    o.put("time", EntryTime.format(e.time()));
    EntryBody body = e.body();
    if (body instanceof Submit s) {
      ObjectNode sig = o.putObject("signal");
      sig.put("type", s.signal().type().wireName());
      sig.put("value", s.signal().value());
      s.signal().quality().ifPresent(q -> sig.put("quality", q));
      s.signal().video().ifPresent(v -> sig.put("hashes", v.base64()));
      labels(o, s.labels());
      s.incident().ifPresent(i -> o.put("incident", i));
      note(o, s.note());
      s.expiresAt().ifPresent(t -> o.put("expires_at", EntryTime.format(t)));
    } else if (body instanceof Retract r) {
      o.put("target", r.target().hex());
      o.put("reason", r.reason().wireName());
      note(o, r.note());
    } else if (body instanceof Opinion op) {
      o.put("target", op.target().hex());
      o.put("target_member", op.targetMember().value());
      o.put("stance", op.stance().wireName());
      o.put("reason", op.reason().wireName());
      note(o, op.note());
    } else if (body instanceof Relabel rl) {
      o.put("target", rl.target().hex());
      labels(o, rl.labels());
      note(o, rl.note());
    }
    return Json.write(o);
  }

  private static void labels(ObjectNode o, List<Label> labels) {
    ArrayNode arr = o.putArray("labels");
    labels.forEach(l -> arr.add(l.value()));
  }

  private static void note(ObjectNode o, Optional<String> note) {
    note.ifPresent(n -> o.put("note", n));
  }
}
