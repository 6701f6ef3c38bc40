package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One-line text for JSON sections whose shape this CLI does not know in advance (added by newer nodes). */
final class Flat {

  private Flat() {}

  /** {@code a: 1, b.c: x, list: [3 items]}. */
  static String describe(JsonNode node) {
    List<String> parts = new ArrayList<>();
    collect("", node, parts);
    return String.join(", ", parts);
  }

  private static void collect(String prefix, JsonNode node, List<String> parts) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), parts);
      }
    } else if (node.isArray()) {
      parts.add(prefix + ": [" + node.size() + (node.size() == 1 ? " item]" : " items]"));
    } else if (!node.isNull()) {
      parts.add(prefix.isEmpty() ? node.asText() : prefix + ": " + node.asText());
    }
  }

  /** A cell for a table: text as is, numbers and booleans as text, anything else as compact JSON. */
  static String cell(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return "";
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
