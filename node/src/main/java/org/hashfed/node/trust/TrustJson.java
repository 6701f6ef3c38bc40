package org.hashfed.node.trust;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;

/** The JSON forms of trust values, shared by the store records and the admin API (spec/openapi.yaml). */
public final class TrustJson {

  private TrustJson() {}

  /** A member's trust as {@code GET /v1/admin/trust} lists it. */
  public static JsonObject toJson(MemberTrust t, TrustSettings settings) {
    JsonObject o = new JsonObject()
        .put("member", t.member().value())
        .put("level", t.level().wireName())
        .put("own", t.own());
    t.policy().configured().ifPresent(l -> o.put("configured_level", l.wireName()));
    if (t.policy().configured().isEmpty()) {
      o.put("default_level", settings.defaultLevel().wireName());
    }
    JsonObject overrides = new JsonObject();
    t.policy().overrides().forEach((k, v) -> overrides.put(k.value(), v.wireName()));
    o.put("overrides", overrides)
        .put("pinned", t.policy().pinned())
        .put("demotions", t.policy().demotions());
    t.policy().changedAt().ifPresent(c -> o.put("changed_at", c.toString()));
    o.put("since_seq", t.policy().sinceSeq());
    return o;
  }

  /** An explanation as {@code GET /v1/admin/trust/{member}} returns it. */
  public static JsonObject toJson(Explanation e, TrustSettings settings) {
    JsonArray events = new JsonArray();
    e.events().forEach(ev -> events.add(toJson(ev)));
    return toJson(e.trust(), settings)
        .put("reasons", new JsonArray(new ArrayList<>(e.reasons())))
        .put("statistics", toJson(e.stats()))
        .put("events", events);
  }

  /** The node's trust settings. */
  public static JsonObject toJson(TrustSettings s) {
    return new JsonObject()
        .put("default_level", s.defaultLevel().wireName())
        .put("demotion", new JsonObject()
            .put("window_days", s.window().toDays())
            .put("share", s.share())
            .put("min_disputers", s.minDisputers())
            .put("min_submissions", s.minSubmissions())
            .put("disputer_level", s.disputerLevel().wireName()));
  }

  public static JsonObject toJson(MemberPolicy p) {
    JsonObject overrides = new JsonObject();
    p.overrides().forEach((k, v) -> overrides.put(k.value(), v.wireName()));
    JsonObject o = new JsonObject();
    p.configured().ifPresent(l -> o.put("level", l.wireName()));
    o.put("overrides", overrides).put("pinned", p.pinned()).put("demotions", p.demotions());
    p.changedAt().ifPresent(t -> o.put("changed_at", t.toString()));
    o.put("since_seq", p.sinceSeq());
    return o;
  }

  static MemberPolicy policy(JsonObject o) {
    Map<LabelPattern, TrustLevel> overrides = new TreeMap<>();
    o.getJsonObject("overrides", new JsonObject()).forEach(e ->
        overrides.put(LabelPattern.parse(e.getKey()), TrustLevel.parse((String) e.getValue())));
    return MemberPolicy.of(Optional.ofNullable(o.getString("level")).map(TrustLevel::parse), overrides,
        o.getBoolean("pinned", false), o.getInteger("demotions", 0),
        Optional.ofNullable(o.getString("changed_at")).map(Instant::parse), o.getLong("since_seq", 0L));
  }

  public static JsonObject toJson(TrustEvent e) {
    JsonObject o = new JsonObject()
        .put("seq", e.seq())
        .put("time", e.time().toString())
        .put("member", e.member().value())
        .put("action", e.action().wireName())
        .put("from", e.from().wireName())
        .put("to", e.to().wireName());
    e.reason().ifPresent(r -> o.put("reason", r));
    e.stats().ifPresent(s -> o.put("statistics", toJson(s)));
    return o;
  }

  static TrustEvent event(JsonObject o) {
    return new TrustEvent(o.getLong("seq"), Instant.parse(o.getString("time")), MemberId.parse(o.getString("member")),
        TrustEvent.Action.parse(o.getString("action")), TrustLevel.parse(o.getString("from")),
        TrustLevel.parse(o.getString("to")), Optional.ofNullable(o.getString("reason")),
        Optional.ofNullable(o.getJsonObject("statistics")).map(TrustJson::stats));
  }

  public static JsonObject toJson(DisputeStats s) {
    JsonArray ids = new JsonArray();
    s.disputedEntries().forEach(id -> ids.add(id.hex()));
    return new JsonObject()
        .put("window_start", s.windowStart().toString())
        .put("window_end", s.windowEnd().toString())
        .put("after_seq", s.afterSeq())
        .put("submissions", s.submissions())
        .put("disputed", s.disputed())
        .put("share", Math.round(s.share() * 10000) / 10000.0)
        .put("disputed_entries", ids)
        .put("min_submissions", s.minSubmissions())
        .put("share_threshold", s.shareThreshold())
        .put("min_disputers", s.minDisputers())
        .put("disputer_level", s.disputerLevel().wireName())
        .put("meets_threshold", s.meetsThreshold());
  }

  static DisputeStats stats(JsonObject o) {
    List<EntryId> ids = new ArrayList<>();
    o.getJsonArray("disputed_entries", new JsonArray()).forEach(v -> ids.add(EntryId.parse((String) v)));
    return new DisputeStats(Instant.parse(o.getString("window_start")), Instant.parse(o.getString("window_end")),
        o.getLong("after_seq", 0L), o.getInteger("submissions"), o.getInteger("disputed"), ids, o.getInteger("min_submissions"),
        o.getDouble("share_threshold"), o.getInteger("min_disputers"),
        TrustLevel.parse(o.getString("disputer_level")));
  }
}
