package org.hashfed.node.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.catalog.VideoMatch;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.EntryRecord;
import org.hashfed.node.events.VideoMatchJson;
import org.hashfed.node.trust.Judgement;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.signal.Signal;

/** The JSON forms of API responses, as spec/openapi.yaml describes them. */
final class Views {

  private Views() {}

  /** A signal; a vpdq signal shows its frame counts, not its hashes (the entry has them). */
  static JsonObject signal(Signal s) {
    JsonObject o = new JsonObject().put("type", s.type().wireName()).put("value", s.value());
    s.quality().ifPresent(q -> o.put("quality", q));
    s.video().ifPresent(v -> {
      o.put("frames", v.frames().size());
      v.content().ifPresent(c -> o.put("content", new JsonObject().put("x", c.x()).put("y", c.y())
          .put("width", c.width()).put("height", c.height())));
      if (v.centre().isPresent()) {
        o.put("centre", true);
      }
    });
    return o;
  }

  static JsonObject video(VideoMatch v) {
    return VideoMatchJson.of(v);
  }

  static JsonObject match(CatalogMatch m, Judgement j) {
    Listing l = m.listing();
    JsonArray labels = new JsonArray();
    for (Label label : l.labels()) {
      labels.add(label.value());
    }
    JsonObject o = new JsonObject()
        .put("entry_id", l.entryId().hex())
        .put("member", l.member().value())
        .put("signal", signal(l.signal()))
        .put("distance", m.distance())
        .put("labels", labels)
        .put("trust", j.trust().wireName())
        .put("confidence", j.confidence())
        .put("agreements", j.agreements())
        .put("disputes", j.disputes());
    m.video().ifPresent(v -> o.put("video", video(v)));
    l.incident().ifPresent(i -> o.put("incident", i));
    o.put("submitted_at", EntryTime.format(l.submittedAt()));
    l.expiresAt().ifPresent(t -> o.put("expires_at", EntryTime.format(t)));
    return o;
  }

  static JsonObject appended(Appended a) {
    return new JsonObject().put("entry_id", a.entryId().hex()).put("member", a.member().value()).put("seq", a.seq());
  }

  static JsonObject entry(EntryRecord r) {
    JsonArray opinions = new JsonArray();
    for (EntryRecord.OpinionRef ref : r.opinions()) {
      Opinion op = (Opinion) ref.entry().body();
      JsonObject o = new JsonObject()
          .put("entry_id", ref.entryId().hex())
          .put("member", ref.entry().member().value())
          .put("stance", op.stance().wireName())
          .put("reason", op.reason().wireName());
      op.note().ifPresent(n -> o.put("note", n));
      o.put("time", EntryTime.format(ref.entry().time()));
      opinions.add(o);
    }
    JsonObject o = new JsonObject()
        .put("entry_id", r.id().hex())
        .put("member", r.entry().member().value())
        .put("seq", r.entry().seq())
        .put("kind", r.entry().kind().wireName())
        .put("status", r.status().name().toLowerCase(Locale.ROOT))
        .put("entry", new JsonObject(Buffer.buffer(r.envelope().payload())))
        .put("envelope", new JsonObject(Buffer.buffer(r.envelope().toJson())))
        .put("opinions", opinions);
    r.retractedBy().ifPresent(id -> o.put("retracted_by", id.hex()));
    r.labels().ifPresent(labels -> o.put("labels", new JsonArray(labels.stream().map(Label::value).toList())));
    if (!r.relabelledBy().isEmpty()) {
      o.put("relabelled_by", new JsonArray(r.relabelledBy().stream().map(EntryId::hex).toList()));
    }
    return o;
  }
}
