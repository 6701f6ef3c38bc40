package org.hashfed.node.trust;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;

/**
 * A submission, not retracted, that another member has disagreed with: what judging its author
 * needs of it (its place in the feed, its day and its current labels, for the disputers' levels),
 * kept so that judging never reads the feed. Kept once contested even if the disagreement is
 * withdrawn: the opinions in force decide whether it counts as disputed.
 */
record Contested(EntryId id, MemberId member, long seq, Instant time, List<Label> labels) {

  /** Checks that every field is present; copies the labels. */
  Contested {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(time, "time");
    labels = List.copyOf(labels);
    if (seq < 1) {
      throw new IllegalArgumentException("contested submission seq " + seq + " (expected: >= 1)");
    }
  }

  /** This submission with the labels of a relabel. */
  Contested relabelled(List<Label> next) {
    return new Contested(id, member, seq, time, next);
  }

  JsonObject toJson() {
    JsonArray l = new JsonArray();
    labels.forEach(x -> l.add(x.value()));
    return new JsonObject().put("member", member.value()).put("seq", seq).put("time", EntryTime.format(time))
        .put("labels", l);
  }

  /**
   * A record as stored under the key of {@code id}.
   *
   * @throws IllegalArgumentException when a field is missing or does not parse
   */
  static Contested fromJson(EntryId id, JsonObject o) {
    JsonArray l = o.getJsonArray("labels");
    Long seq = o.getLong("seq");
    if (l == null || seq == null) {
      throw new IllegalArgumentException("contested submission without labels or seq: " + o.encode());
    }
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      labels.add(Label.parse(l.getString(i)));
    }
    return new Contested(id, MemberId.parse(o.getString("member")), seq, EntryTime.parse(o.getString("time"), "time"),
        labels);
  }
}
