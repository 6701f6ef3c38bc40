package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/** The JSON request bodies of the node's API (spec/openapi.yaml), built from validated protocol values. */
final class Bodies {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Bodies() {}

  static ObjectNode signal(Signal s) {
    ObjectNode o = F.objectNode().put("type", s.type().wireName()).put("value", s.value());
    s.quality().ifPresent(q -> o.put("quality", q));
    return o;
  }

  /** A {@code SubmissionRequest}. */
  static ObjectNode submission(Submit s) {
    ObjectNode o = F.objectNode();
    o.set("signal", signal(s.signal()));
    ArrayNode labels = o.putArray("labels");
    for (Label l : s.labels()) {
      labels.add(l.value());
    }
    s.incident().ifPresent(i -> o.put("incident", i));
    s.note().ifPresent(n -> o.put("note", n));
    s.expiresAt().ifPresent(t -> o.put("expires_at", EntryTime.format(t)));
    return o;
  }
}
