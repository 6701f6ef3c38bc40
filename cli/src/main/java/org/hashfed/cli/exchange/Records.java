package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.json.Json;

/** Reading the JSON of exchanges: pages through the hardened parser, record fields with messages that name them. */
final class Records {

  private Records() {}

  /** A page's JSON object; anything else stops the import (the page cannot be trusted at all). */
  static JsonNode page(SourceHttp.Answer answer, String where) throws CommandError {
    JsonNode doc;
    try {
      doc = Json.readTree(answer.body());
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered " + answer.status() + " with a body that is not JSON ("
          + firstLine(e.getMessage()) + "): nothing of it was imported");
    }
    if (!doc.isObject()) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered a JSON " + doc.getNodeType().toString().toLowerCase()
          + " where an object was expected: nothing of it was imported");
    }
    return doc;
  }

  /** A required string field of a record. */
  static String text(JsonNode record, String field) {
    JsonNode v = record.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" " + (v == null ? "is missing" : "is "
          + abbreviate(v.toString())) + " (expected a string)");
    }
    return v.asText();
  }

  /** An id field, a JSON integer or a string of digits, as its decimal text. */
  static String id(JsonNode record, String field) {
    JsonNode v = record.get(field);
    if (v != null && (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0
        || v.isTextual() && v.asText().matches("[0-9]{1,20}"))) {
      return v.isTextual() ? v.asText() : Long.toString(v.asLong());
    }
    throw new IllegalArgumentException("field \"" + field + "\" " + (v == null ? "is missing" : "is "
        + abbreviate(v.toString())) + " (expected a non-negative integer id)");
  }

  /** An optional boolean field, false when absent or null. */
  static boolean flag(JsonNode record, String field) {
    JsonNode v = record.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("field \"" + field + "\" is " + abbreviate(v.toString()) + " (expected true or false)");
    }
    return v.asBoolean();
  }

  /** A record as it may be shown in a message: its first 120 characters. */
  static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
