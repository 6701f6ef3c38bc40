package org.hashfed.node.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.trust.Judgement;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.Signal;

/** The stored form of signal events: {@code {"type", "time", "data"}} (spec/openapi.yaml, Event). */
final class SignalEvents {

  private SignalEvents() {}

  /** The event of {@code type} about {@code listing} as judged by {@code j}; {@code data} then takes extra fields. */
  static JsonObject event(EventType type, Instant time, Listing listing, Judgement j) {
    JsonObject data = new JsonObject()
        .put("entry_id", listing.entryId().hex())
        .put("member", listing.member().value())
        .put("signal", signal(listing.signal()))
        .put("labels", labels(listing.labels()))
        .put("trust", j.trust().wireName())
        .put("confidence", j.confidence())
        .put("agreements", j.agreements())
        .put("disputes", j.disputes());
    listing.incident().ifPresent(i -> data.put("incident", i));
    data.put("submitted_at", EntryTime.format(listing.submittedAt()));
    listing.expiresAt().ifPresent(t -> data.put("expires_at", EntryTime.format(t)));
    return new JsonObject().put("type", type.wireName()).put("time", EntryTime.format(EntryTime.truncate(time)))
        .put("data", data);
  }

  /** Names the entry that caused an event (a retraction, relabel or opinion). */
  static JsonObject by(JsonObject event, EntryId cause) {
    event.getJsonObject("data").put("by", cause.hex());
    return event;
  }

  /** A signal as the API shows it: a vpdq signal has its digest and frame count, never the frame hashes. */
  static JsonObject signal(Signal s) {
    JsonObject o = new JsonObject().put("type", s.type().wireName()).put("value", s.value());
    s.quality().ifPresent(q -> o.put("quality", q));
    s.video().ifPresent(v -> o.put("frames", v.frames().size()));
    return o;
  }

  static JsonArray labels(List<Label> labels) {
    JsonArray a = new JsonArray();
    labels.forEach(l -> a.add(l.value()));
    return a;
  }
}
