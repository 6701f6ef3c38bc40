package org.hashfed.node.api;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.trust.LabelPattern;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustLevel;

/** Reads the trust filters of a match request (query parameters or body fields) into a {@link MatchFilter}. */
final class MatchFilters {

  private static final int MAX_LABELS = 64;

  private MatchFilters() {}

  /** From the query string of {@code GET /v1/match}: {@code labels} is comma-separated and may repeat. */
  static MatchFilter fromQuery(MultiMap params) {
    List<String> labels = new ArrayList<>();
    for (String v : params.getAll("labels")) {
      for (String part : v.split(",", -1)) {
        labels.add(part.trim());
      }
    }
    return build(params.get("min_trust"), params.get("min_confidence"), params.get("include_observed"),
        params.contains("labels") ? labels : null);
  }

  /** From the body of {@code POST /v1/match}. */
  static MatchFilter fromBody(JsonObject body) {
    Object labels = body.getValue("labels");
    List<String> list = null;
    if (labels != null) {
      if (!(labels instanceof JsonArray a)) {
        throw Problem.invalid("invalid-labels", "field \"labels\" must be an array of labels or namespace:* patterns",
            String.valueOf(labels));
      }
      list = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        if (!(a.getValue(i) instanceof String s)) {
          throw Problem.invalid("invalid-labels", "labels[" + i + "] must be a string like behavior:glorification "
              + "or ideology:*", String.valueOf(a.getValue(i)));
        }
        list.add(s);
      }
    }
    Object observed = body.getValue("include_observed");
    if (observed != null && !(observed instanceof Boolean)) {
      throw Problem.invalid("invalid-include-observed", "field \"include_observed\" must be true or false (a JSON "
          + "boolean)", String.valueOf(observed));
    }
    Object confidence = body.getValue("min_confidence");
    if (confidence != null && !(confidence instanceof Number)) {
      throw Problem.invalid("invalid-min-confidence", "field \"min_confidence\" must be a number from 0 to 1",
          String.valueOf(confidence));
    }
    return build(body.getValue("min_trust"), confidence, observed, list);
  }

  private static MatchFilter build(Object minTrust, Object minConfidence, Object includeObserved, List<String> labels) {
    return MatchFilter.of(minTrust(minTrust), minConfidence(minConfidence), includeObserved(includeObserved),
        labels(labels));
  }

  private static Optional<TrustLevel> minTrust(Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String expected = "expected trusted, standard or observe";
    if (!(raw instanceof String s)) {
      throw Problem.invalid("invalid-min-trust", "invalid min_trust " + raw + ": " + expected, String.valueOf(raw));
    }
    TrustLevel level;
    try {
      level = TrustLevel.parse(s);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-min-trust", "invalid min_trust \"" + s + "\": " + expected, s);
    }
    if (level == TrustLevel.BLOCKED) {
      throw Problem.invalid("invalid-min-trust", "invalid min_trust \"blocked\": blocked members are never "
          + "returned; " + expected, s);
    }
    return Optional.of(level);
  }

  private static double minConfidence(Object raw) {
    if (raw == null) {
      return 0;
    }
    Double d = null;
    if (raw instanceof Number n) {
      d = n.doubleValue();
    } else if (raw instanceof String s) {
      try {
        d = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null || !(d >= 0 && d <= 1)) {
      throw Problem.invalid("invalid-min-confidence", "invalid min_confidence " + raw
          + ": expected a number from 0 to 1", String.valueOf(raw));
    }
    return d;
  }

  private static boolean includeObserved(Object raw) {
    if (raw == null) {
      return false;
    }
    if (raw instanceof Boolean b) {
      return b;
    }
    if ("true".equals(raw) || "false".equals(raw)) {
      return "true".equals(raw);
    }
    throw Problem.invalid("invalid-include-observed", "invalid include_observed " + raw + ": expected true or false",
        String.valueOf(raw));
  }

  private static List<LabelPattern> labels(List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw.isEmpty() || raw.size() > MAX_LABELS) {
      throw Problem.invalid("invalid-labels", "labels has " + raw.size() + " entries: expected 1 to " + MAX_LABELS
          + " labels or namespace:* patterns", String.valueOf(raw));
    }
    List<LabelPattern> out = new ArrayList<>();
    for (String s : raw) {
      try {
        out.add(LabelPattern.parse(s));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-labels", e.getMessage(), s);
      }
    }
    return out;
  }
}
