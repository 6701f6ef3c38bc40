package org.hashfed.node.api;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import org.hashfed.node.config.MatchLimits;

/**
 * The caps of one match request: the node's {@code match.*} limits, lowered by the request's
 * {@code max_matches_per_signal} and {@code max_matches}. A request may only lower them: a larger
 * value is taken down to the node's, and the response's {@code truncated} says when it cut.
 */
record MatchCaps(int perSignal, int perResponse) {

  MatchCaps {
    if (perSignal < 1 || perResponse < 1) {
      throw new IllegalArgumentException("match caps " + perSignal + "/" + perResponse + " (expected: 1 or more)");
    }
  }

  /** The node's own caps. */
  static MatchCaps of(MatchLimits node) {
    return new MatchCaps(node.maxPerSignal(), node.maxPerResponse());
  }

  /** From query parameters ({@code GET /v1/match}, {@code POST /v1/match/file}, the HMA look-ups). */
  static MatchCaps fromQuery(MatchLimits node, MultiMap params) {
    return of(node, params.get("max_matches_per_signal"), params.get("max_matches"));
  }

  /** From the body of {@code POST /v1/match}. */
  static MatchCaps fromBody(MatchLimits node, JsonObject body) {
    return of(node, body.getValue("max_matches_per_signal"), body.getValue("max_matches"));
  }

  private static MatchCaps of(MatchLimits node, Object perSignal, Object total) {
    return new MatchCaps(cap(perSignal, "max_matches_per_signal", node.maxPerSignal()),
        cap(total, "max_matches", node.maxPerResponse()));
  }

  private static int cap(Object raw, String name, int nodeCap) {
    if (raw == null) {
      return nodeCap;
    }
    Long n = null;
    if (raw instanceof Integer || raw instanceof Long) {
      n = ((Number) raw).longValue();
    } else if (raw instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        n = null;
      }
    }
    if (n == null || n < 1) {
      throw Problem.invalid("invalid-max-matches", "invalid " + name + " " + raw
          + ": expected a positive integer (this node returns at most " + nodeCap + ")", String.valueOf(raw));
    }
    return (int) Math.min(n, nodeCap);
  }
}
