package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;

/** The JSON request bodies of the node's API (spec/openapi.yaml), built from validated protocol values. */
public final class Bodies {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Bodies() {}

  /** A {@code Signal} of a request; a vpdq signal carries its frame hashes (base64), not its value. */
  static ObjectNode signal(Signal s) {
    if (s.video().isPresent()) {
      return F.objectNode().put("type", s.type().wireName()).put("hashes", s.video().get().base64());
    }
    return summary(s);
  }

  /** A signal as the CLI prints it: type, value and quality; for a vpdq signal its frame count, not its hashes. */
  static ObjectNode summary(Signal s) {
    ObjectNode o = F.objectNode().put("type", s.type().wireName()).put("value", s.value());
    s.quality().ifPresent(q -> o.put("quality", q));
    s.video().ifPresent(v -> o.put("frames", v.frames().size()));
    return o;
  }

  /** A {@code SubmissionRequest}. */
  public static ObjectNode submission(Submit s) {
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
