package org.hashfed.node.match;

import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/** The argument checks every matcher shares, so that all report the same messages. */
final class SearchArguments {

  private SearchArguments() {}

  static void check(PdqHash query, int maxDistance, int limit) {
    Objects.requireNonNull(query, "query");
    if (maxDistance < 0 || maxDistance > PdqMatcher.MAX_DISTANCE) {
      throw new IllegalArgumentException(
          "max_distance " + maxDistance + " out of range (expected: 0.." + PdqMatcher.MAX_DISTANCE + ")");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + " out of range (expected: at least 1)");
    }
  }
}
