package org.hashfed.node.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.text.Quoted;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFormatException;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;

/** Reads request fields into protocol values, turning every invalid one into a 400 problem that names it. */
final class Requests {

  private Requests() {}

  /** A signal object {@code {"type", "value", "quality"?}}; {@code where} prefixes the message, e.g. {@code signals[3]}. */
  static Signal signal(Object raw, String where) {
    if (!(raw instanceof JsonObject o)) {
      throw Problem.invalid("invalid-signal", where + " must be an object {\"type\": ..., \"value\": ...}",
          String.valueOf(raw));
    }
    Object type = o.getValue("type");
    Object value = o.getValue("value");
    Object quality = o.getValue("quality");
    if (!(type instanceof String t)) {
      throw Problem.invalid("invalid-signal", where + ".type is required: expected one of " + typeNames(),
          String.valueOf(type));
    }
    if (SignalType.VPDQ.wireName().equals(t) && o.containsKey("hashes")) {
      return vpdqHashes(o.getValue("hashes"), where);
    }
    if (!(value instanceof String v)) {
      throw Problem.invalid("invalid-signal", where + ".value is required: expected a hex string",
          String.valueOf(value));
    }
    if (quality != null && !(quality instanceof Integer || quality instanceof Long)) {
      throw Problem.invalid("invalid-signal", where + ".quality must be an integer from 0 to 100",
          String.valueOf(quality));
    }
    return signal(t, v, quality == null ? null : ((Number) quality).intValue(), where);
  }

  // python-threatexchange's form, as HMA and ThreatExchange tools store vpdq: standard frames only
  private static Signal vpdqSignalString(String value, String where) {
    try {
      return Signal.vpdq(VideoHashes.of(VpdqSignalFormat.parse(value)));
    } catch (VpdqFormatException | IllegalArgumentException e) {
      throw Problem.invalid("invalid-signal", where + ": " + e.getMessage(), Quoted.quote(value));
    }
  }

  private static Signal vpdqHashes(Object hashes, String where) {
    if (!(hashes instanceof String b64)) {
      throw Problem.invalid("invalid-signal", where + ".hashes must be a string: the base64 of a vpdq signal's"
          + " binary form", String.valueOf(hashes));
    }
    try {
      return Signal.vpdq(VideoHashes.fromBase64(b64));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-signal", where + ".hashes: " + e.getMessage(), Quoted.quote(b64));
    }
  }

  static String typeNames() {
    StringBuilder sb = new StringBuilder();
    for (SignalType t : SignalType.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(t.wireName());
    }
    return sb.toString();
  }

  /**
   * {@code query_percent}, {@code compared_percent} and {@code contained_percent} of a video match:
   * absent gives the defaults (80, 0 and 80); otherwise numbers from 0 to 100, 0 turning the
   * containment rule off.
   */
  static VideoThresholds videoThresholds(Object query, Object compared, Object contained) {
    return new VideoThresholds(percent(query, "query_percent", VideoThresholds.DEFAULTS.queryPercent()),
        percent(compared, "compared_percent", VideoThresholds.DEFAULTS.comparedPercent()),
        percent(contained, "contained_percent", VideoThresholds.DEFAULTS.containedPercent()));
  }

  private static double percent(Object raw, String name, double dflt) {
    if (raw == null) {
      return dflt;
    }
    Double p = null;
    if (raw instanceof Number n) {
      p = n.doubleValue();
    } else if (raw instanceof String s) {
      try {
        p = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        p = null;
      }
    }
    if (p == null || !(p >= 0 && p <= 100)) {
      throw Problem.invalid("invalid-percent", "invalid " + name + " " + raw + ": expected a number from 0 to 100",
          String.valueOf(raw));
    }
    return p;
  }

  /** A signal's type and value as an index knows it: for vpdq, the 64-hex digest of its frames. */
  record SignalKey(SignalType type, String value) {}

  /** {@code type} and {@code value} of a look-up by signal; a vpdq value is its digest. */
  static SignalKey signalKey(String type, String value) {
    if (SignalType.VPDQ.wireName().equals(type)) {
      if (value == null || !value.matches("[0-9a-fA-F]{64}")) {
        throw Problem.invalid("invalid-signal", "signal: invalid vpdq value " + Quoted.quote(String.valueOf(value))
            + ": expected the 64 hex digits of its digest (the value of the vpdq signal)", String.valueOf(value));
      }
      return new SignalKey(SignalType.VPDQ, value.toLowerCase(java.util.Locale.ROOT));
    }
    Signal s = signal(type, value, null, "signal");
    return new SignalKey(s.type(), s.value());
  }

  static Signal signal(String type, String value, Integer quality, String where) {
    if (SignalType.VPDQ.wireName().equals(type) && value != null && value.startsWith("[")) {
      return vpdqSignalString(value, where);
    }
    try {
      return Signal.create(SignalType.parse(type), value, quality);
    } catch (IllegalArgumentException e) {
      String offending = e.getMessage() != null && e.getMessage().contains("type") && !isType(type) ? type : value;
      throw Problem.invalid("invalid-signal", where + ": " + e.getMessage(), offending);
    }
  }

  private static boolean isType(String type) {
    for (SignalType t : SignalType.values()) {
      if (t.wireName().equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** {@code max_distance}: absent gives {@code dflt}; otherwise an integer 0..63. */
  static int maxDistance(Object raw, int dflt) {
    if (raw == null) {
      return dflt;
    }
    Integer d = null;
    if (raw instanceof Integer || raw instanceof Long) {
      d = ((Number) raw).intValue();
    } else if (raw instanceof String s) {
      try {
        d = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null || d < 0 || d > 63) {
      throw Problem.invalid("invalid-max-distance", "invalid max_distance " + raw + ": expected an integer from 0 to 63",
          String.valueOf(raw));
    }
    return d;
  }

  /** The path parameter {@code id} as an entry id. */
  static EntryId entryId(String raw) {
    try {
      return EntryId.parse(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("invalid-entry-id", e.getMessage(), raw);
    }
  }

  static List<Label> labels(Object raw) {
    if (!(raw instanceof JsonArray a)) {
      throw Problem.invalid("invalid-label", "labels is required: expected an array of 1 to 16 labels like "
          + "\"behavior:glorification\"", String.valueOf(raw));
    }
    List<Label> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Object l = a.getValue(i);
      if (!(l instanceof String s)) {
        throw Problem.invalid("invalid-label", "labels[" + i + "] must be a string", String.valueOf(l));
      }
      try {
        out.add(Label.parse(s));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("invalid-label", "labels[" + i + "]: " + e.getMessage(), s);
      }
    }
    return out;
  }

  /** An optional string field. */
  static Optional<String> optionalString(JsonObject o, String field) {
    Object v = o.getValue(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s)) {
      throw Problem.invalid("invalid-field", "field \"" + field + "\" must be a string", String.valueOf(v));
    }
    return Optional.of(s);
  }

  /** A required string field. */
  static String requiredString(JsonObject o, String field, String expected) {
    return optionalString(o, field).orElseThrow(() ->
        Problem.invalid("invalid-field", "field \"" + field + "\" is required: expected " + expected, "null"));
  }
}
