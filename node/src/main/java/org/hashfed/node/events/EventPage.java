package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Events read from the log, each with its {@code id} and {@code cursor}, and the cursor to read on from. */
public record EventPage(List<JsonObject> events, Cursor next) {

  public EventPage {
    events = List.copyOf(events);
  }
}
