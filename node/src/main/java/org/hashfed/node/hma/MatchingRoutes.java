package org.hashfed.node.hma;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.api.JsonBodies;
import org.hashfed.node.api.PlatformOperations;
import org.hashfed.node.api.PlatformOperations.Admitted;
import org.hashfed.node.api.Problem;
import org.hashfed.node.api.SignalMatches;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VpdqComparison;

/** HMA's {@code /m/lookup} (by signal), {@code /m/raw_lookup}, {@code /m/compare} and {@code /m/index/status}. */
final class MatchingRoutes {

  private final PlatformOperations ops;

  MatchingRoutes(PlatformOperations ops) {
    this.ops = ops;
  }

  /** {@code GET /m/lookup?signal_type=&signal=[&banks=]}: matches by bank. */
  void lookup(RoutingContext ctx) {
    MultiMap params = ctx.request().params();
    if (params.get("url") != null) {
      throw HmaException.badRequest("this node does not fetch URLs: send signal_type and signal, or POST the file"
          + " to /m/lookup as multipart/form-data (photo=@file or video=@file)");
    }
    String type = params.get("signal_type");
    String value = params.get("signal");
    if (type == null || value == null || type.isEmpty() || value.isEmpty()) {
      throw HmaException.badRequest("Either url or both signal and signal_type are required");
    }
    Signal s = signal(type, value);
    match(ctx, s, params).onSuccess(m -> {
      Lookups.markTruncated(ctx, m.truncated());
      Replies.json(ctx, 200, Lookups.byBank(m.matches(), Lookups.banks(params.get("banks"))));
    }).onFailure(ctx::fail);
  }

  /** {@code GET /m/raw_lookup?signal_type=&signal=[&banks=][&include_distance=]}. */
  void rawLookup(RoutingContext ctx) {
    MultiMap params = ctx.request().params();
    String type = required(params, "signal_type");
    String value = required(params, "signal");
    boolean withDistance = bool(params.get("include_distance"), "include_distance");
    Signal s = signal(type, value);
    match(ctx, s, params).onSuccess(m -> {
      Lookups.markTruncated(ctx, m.truncated());
      Replies.json(ctx, 200, new JsonObject()
          .put("matches", Lookups.raw(m.matches(), Lookups.banks(params.get("banks")), withDistance)));
    }).onFailure(ctx::fail);
  }

  /** Matches of {@code s} with this node's trust policy, PDQ distance and match caps. */
  Future<SignalMatches<Admitted>> match(RoutingContext ctx, Signal s, MultiMap params) {
    return ops.match(ctx, List.of(s), ops.defaultMaxDistance(), VideoThresholds.PYTHON_THREATEXCHANGE,
            ops.filter(params), params)
        .map(all -> all.get(0));
  }

  /** {@code GET /m/index/status[?signal_type=]}: per type, whether its index is present, its size and time. */
  void indexStatus(RoutingContext ctx) {
    String only = ctx.request().getParam("signal_type");
    if (only != null && !HmaSignalTypes.LISTED.containsKey(only)) {
      throw HmaException.badRequest("No such signal type '" + only + "'");
    }
    Optional<Catalog> catalog = ops.catalog();
    Map<SignalType, Integer> sizes = catalog.map(Catalog::sizeByType).orElse(Map.of());
    // the catalog takes every accepted entry as it is stored: it is built to now
    long builtTo = ops.now().getEpochSecond();
    JsonObject out = new JsonObject();
    HmaSignalTypes.LISTED.forEach((name, type) -> {
      if (only == null || only.equals(name)) {
        out.put(name, new JsonObject()
            .put("built_to", catalog.isPresent() ? builtTo : -1)
            .put("present", catalog.isPresent())
            .put("size", sizes.getOrDefault(type, 0)));
      }
    });
    Replies.json(ctx, 200, out);
  }

  /** {@code POST /m/compare {"pdq": [a, b], ...}}: {@code {"pdq": [match, {"distance": d}], ...}}. */
  void compare(RoutingContext ctx) {
    JsonObject body = jsonObject(ctx);
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> e : body) {
      String name = e.getKey();
      if (!(e.getValue() instanceof JsonArray pair)) {
        throw HmaException.badRequest("Comparison hashes for " + name + " was not a list");
      }
      if (pair.size() != 2) {
        throw HmaException.badRequest("Comparison hash list length must be exactly 2");
      }
      SignalType type = type(name);
      Signal left = comparable(type, name, pair.getValue(0));
      Signal right = comparable(type, name, pair.getValue(1));
      out.put(name, compare(type, left, right));
    }
    Replies.json(ctx, 200, out);
  }

  private JsonArray compare(SignalType type, Signal left, Signal right) {
    if (type == SignalType.PDQ) {
      int d = PdqHash.fromHex(left.value()).distance(PdqHash.fromHex(right.value()));
      return new JsonArray().add(d <= ops.defaultMaxDistance()).add(new JsonObject().put("distance", d));
    }
    if (type == SignalType.VPDQ) {
      VpdqComparison c = VpdqComparison.of(left.video().orElseThrow(), right.video().orElseThrow());
      VideoThresholds t = VideoThresholds.PYTHON_THREATEXCHANGE;
      return new JsonArray().add(c.matches(t.queryPercent(), t.comparedPercent()))
          .add(new JsonObject().put("query_match_percent", c.queryPercent())
              .put("compared_match_percent", c.comparedPercent()));
    }
    return new JsonArray().add(left.value().equals(right.value())).add(new JsonObject());
  }

  private Signal comparable(SignalType type, String name, Object raw) {
    if (!(raw instanceof String value)) {
      throw HmaException.badRequest("Invalid " + name + " hash: expected a string, got " + raw);
    }
    Signal s;
    try {
      s = ops.signal(type.wireName(), value, name);
    } catch (Problem p) {
      throw HmaException.badRequest("Invalid " + name + " hash: " + p.getMessage());
    }
    if (type == SignalType.VPDQ && s.video().isEmpty()) {
      throw HmaException.badRequest("Invalid " + name + " hash: expected python-threatexchange's vpdq string"
          + " (a JSON array of frames), got a digest");
    }
    return s;
  }

  /** A signal of an HMA type name; HMA's messages for an unknown type and an invalid value. */
  Signal signal(String typeName, String value) {
    SignalType type = type(typeName);
    try {
      return ops.signal(type.wireName(), value, "signal");
    } catch (Problem p) {
      throw HmaException.badRequest("invalid signal: " + p.getMessage());
    }
  }

  private static SignalType type(String name) {
    return HmaSignalTypes.parse(name).orElseThrow(() -> HmaException.badRequest("No such SignalType '" + name
        + "' (expected: pdq, video_md5, vpdq, md5 or sha256)"));
  }

  private static String required(MultiMap params, String name) {
    String v = params.get(name);
    if (v == null) {
      throw HmaException.badRequest(name + " is required");
    }
    return v;
  }

  // pydantic's lax booleans, which HMA's query models accept
  private static boolean bool(String raw, String name) {
    if (raw == null) {
      return false;
    }
    switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on", "t", "y":
        return true;
      case "false", "0", "no", "off", "f", "n":
        return false;
      default:
        throw HmaException.badRequest("invalid boolean " + name + "='" + raw + "': prefer true/false");
    }
  }

  private static JsonObject jsonObject(RoutingContext ctx) {
    String text = ctx.body() == null ? "" : ctx.body().asString();
    if (text == null || !text.stripLeading().startsWith("{")) {
      throw HmaException.badRequest("Request input was not a dict");
    }
    try {
      return JsonBodies.object(ctx);
    } catch (Problem p) {
      throw new HmaException(p.status(), p.getMessage());
    }
  }

}
