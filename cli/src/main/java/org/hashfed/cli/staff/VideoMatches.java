package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.hash.VideoOptions;

/** The video part of the node's match objects as a table: percentages, which hashes matched, time ranges. */
final class VideoMatches {

  private VideoMatches() {}

  static Table table() {
    return new Table("INPUT", "ENTRY", "QUERY%", "COMPARED%", "VIA", "INPUT TIMES", "SHARED VIDEO TIMES");
  }

  /** Adds a row when {@code match} is a video match. */
  static void add(Table table, String input, JsonNode match) {
    JsonNode v = match.path("video");
    if (!v.isObject()) {
      return;
    }
    table.add(input, abbreviate(match.path("entry_id").asText()), percent(v.path("query_percent")),
        percent(v.path("compared_percent")), v.path("via").asText(), ranges(v.path("query_ranges")),
        ranges(v.path("ranges")));
  }

  private static String abbreviate(String id) {
    return id.length() > 12 ? id.substring(0, 12) + "..." : id;
  }

  private static String percent(JsonNode p) {
    return p.isNumber() ? VideoOptions.number(p.doubleValue(), 1) : "";
  }

  /** {@code 0-4.5 s, 10-12 s}: the node's {@code [{"from": s, "to": s}]}. */
  static String ranges(JsonNode ranges) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : ranges) {
      out.add(VideoOptions.number(r.path("from").asDouble(), 1) + "-" + VideoOptions.number(r.path("to").asDouble(), 1)
          + " s");
    }
    return String.join(", ", out);
  }
}
