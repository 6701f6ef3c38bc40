package org.hashfed.cli.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Reads the lines of a bulk file into submissions, collecting every bad line instead of stopping
 * at the first. Blank lines and lines starting with {@code #} are skipped in every format.
 */
final class BulkParser {

  /** The bulk file formats. */
  enum Format {
    /** {@code type,value,labels,incident,note[,quality]}; labels split by ';'; an optional header row. */
    CSV,
    /** One {@code POST /v1/submissions} body per line. */
    NDJSON,
    /** python-threatexchange's line format {@code <type> <hex>}, e.g. {@code pdq f8f8...}, optionally followed by the PDQ quality. */
    TE;

    static Optional<Format> parse(String s) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(s)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    static Optional<Format> ofFileName(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".csv")) {
        return Optional.of(CSV);
      }
      if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) {
        return Optional.of(NDJSON);
      }
      if (n.endsWith(".te") || n.endsWith(".txt")) {
        return Optional.of(TE);
      }
      return Optional.empty();
    }
  }

  /** A valid line: its 1-based number, its exact text and the submission it makes. */
  record Line(int number, String text, Submit submit) {}

  /** A bad line: its number and what is wrong with it. */
  record Problem(int number, String message) {}

  /** Every valid line and every problem of one file. */
  record Result(List<Line> lines, List<Problem> problems) {}

  private final Format format;
  private final SubmitFields fields;

  BulkParser(Format format, SubmitFields fields) {
    this.format = format;
    this.fields = fields;
  }

  Result parse(List<String> rawLines) {
    List<Line> lines = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    boolean first = true;
    for (int i = 0; i < rawLines.size(); i++) {
      String text = rawLines.get(i);
      String t = text.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      boolean header = first && format == Format.CSV && t.toLowerCase(Locale.ROOT).startsWith("type,");
      first = false;
      if (header) {
        continue;
      }
      try {
        Submit s = switch (format) {
          case CSV -> csv(t);
          case NDJSON -> ndjson(t);
          case TE -> te(t);
        };
        lines.add(new Line(i + 1, text, s));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(i + 1, e.getMessage()));
      }
    }
    return new Result(lines, problems);
  }

  private Submit csv(String line) {
    List<String> f = CsvLine.split(line);
    if (f.size() < 2 || f.size() > 6) {
      throw new IllegalArgumentException(f.size() + " fields: expected type,value[,labels[,incident[,note[,quality]]]]");
    }
    Integer quality = null;
    if (f.size() > 5 && !f.get(5).isBlank()) {
      try {
        quality = Integer.valueOf(f.get(5).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("quality \"" + f.get(5) + "\" is not an integer from 0 to 100");
      }
    }
    Signal signal = Signal.create(SignalType.parse(f.get(0).strip().toLowerCase(Locale.ROOT)), f.get(1).strip(), quality);
    List<Label> labels = new ArrayList<>();
    if (f.size() > 2) {
      for (String l : f.get(2).split(";")) {
        if (!l.isBlank()) {
          labels.add(Label.parse(l.strip()));
        }
      }
    }
    Optional<String> incident = f.size() > 3 && !f.get(3).isBlank() ? Optional.of(f.get(3).strip()) : Optional.empty();
    Optional<String> note = f.size() > 4 && !f.get(4).isEmpty() ? Optional.of(f.get(4)) : Optional.empty();
    return fields.with(signal, labels, incident, note);
  }

  private Submit ndjson(String line) {
    JsonNode o;
    try {
      o = StaffCommand.JSON.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()));
    }
    if (!o.isObject()) {
      throw new IllegalArgumentException("expected a JSON object like {\"signal\": {\"type\": \"md5\", \"value\": "
          + "\"...\"}, \"labels\": [\"behavior:glorification\"]}");
    }
    JsonNode sig = o.path("signal");
    if (!sig.isObject()) {
      throw new IllegalArgumentException("field \"signal\" is required: expected {\"type\": ..., \"value\": ...}");
    }
    JsonNode q = sig.path("quality");
    if (!q.isMissingNode() && !q.isInt()) {
      throw new IllegalArgumentException("signal.quality must be an integer from 0 to 100");
    }
    Signal signal = Signal.create(SignalType.parse(text(sig, "type")), text(sig, "value"), q.isInt() ? q.intValue() : null);
    List<Label> labels = new ArrayList<>();
    JsonNode ls = o.path("labels");
    if (!ls.isMissingNode() && !ls.isArray()) {
      throw new IllegalArgumentException("field \"labels\" must be an array of labels");
    }
    for (JsonNode l : ls) {
      if (!l.isTextual()) {
        throw new IllegalArgumentException("labels must be strings like \"behavior:glorification\"");
      }
      labels.add(Label.parse(l.asText()));
    }
    Submit s = fields.with(signal, labels, optional(o, "incident"), optional(o, "note"));
    Optional<String> expires = optional(o, "expires_at");
    return expires.isPresent() ? s.withExpiresAt(EntryTime.parse(expires.get(), "expires_at")) : s;
  }

  private Submit te(String line) {
    String[] parts = line.split("\\s+");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected '<type> <hex> [quality]' such as 'pdq f8f8f0ce... 92', got "
          + parts.length + " words");
    }
    Integer quality = null;
    if (parts.length == 3) {
      try {
        quality = Integer.valueOf(parts[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("quality \"" + parts[2] + "\" is not an integer from 0 to 100");
      }
    }
    Signal signal = Signal.create(SignalType.parse(parts[0].toLowerCase(Locale.ROOT)), parts[1], quality);
    return fields.with(signal, List.of(), Optional.empty(), Optional.empty());
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.path(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" is required: expected a string");
    }
    return v.asText();
  }

  private static Optional<String> optional(JsonNode o, String field) {
    JsonNode v = o.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a string");
    }
    return Optional.of(v.asText());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
