package org.hashfed.protocol.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;

/** Reads payload bytes into an {@link Entry}, naming the field at fault in every error. */
final class EntryParser {

  private static final Set<String> COMMON = Set.of("kind", "member", "seq", "prev", "time");
  private static final Set<String> SUBMIT = Set.of("signal", "labels", "incident", "note", "expires_at");
  private static final Set<String> RETRACT = Set.of("target", "reason", "note");
  private static final Set<String> OPINION = Set.of("target", "target_member", "stance", "reason", "note");
  private static final Set<String> RELABEL = Set.of("target", "labels", "note");
  private static final Set<String> SIGNAL = Set.of("type", "value", "quality", "hashes");

  private EntryParser() {}

  static Entry parse(byte[] payload) throws EntryFormatException {
    if (payload == null) {
      throw new EntryFormatException("entry payload is null: expected entry JSON");
    }
    JsonNode root;
    try {
      root = Json.readTree(payload);
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? "unreadable input" : e.getMessage().lines().findFirst().orElse("");
      throw new EntryFormatException("entry payload is not valid JSON: " + m, e);
    }
    if (!root.isObject()) {
      throw new EntryFormatException("entry payload is a JSON " + typeName(root) + ": expected an object");
    }
    try {
      EntryKind kind = EntryKind.parse(string(root, "kind"));
      checkFields(root, kind);
      MemberId member = MemberId.parse(string(root, "member"));
      long seq = seq(root);
      JsonNode prevNode = require(root, "prev");
      Optional<EntryId> prev = prevNode.isNull() ? Optional.empty() : Optional.of(EntryId.parse(string(root, "prev")));
      Instant time = EntryTime.parse(string(root, "time"), "time");
      EntryBody body = switch (kind) {
        case SUBMIT -> new Submit(signal(root), labels(root), optional(root, "incident", s -> s),
            optional(root, "note", s -> s), optional(root, "expires_at", s -> EntryTime.parse(s, "expires_at")));
        case RETRACT -> new Retract(EntryId.parse(string(root, "target")), ReasonCode.parse(string(root, "reason")),
            optional(root, "note", s -> s));
        case OPINION -> new Opinion(EntryId.parse(string(root, "target")),
            MemberId.parse(string(root, "target_member")), Stance.parse(string(root, "stance")),
            ReasonCode.parse(string(root, "reason")), optional(root, "note", s -> s));
        case RELABEL -> new Relabel(EntryId.parse(string(root, "target")), labels(root), optional(root, "note", s -> s));
      };
      return Entry.create(member, seq, prev, time, body);
    } catch (IllegalArgumentException e) {
      throw new EntryFormatException("invalid entry: " + e.getMessage(), e);
    }
  }

  private static void checkFields(JsonNode root, EntryKind kind) {
    Set<String> body = switch (kind) {
      case SUBMIT -> SUBMIT;
      case RETRACT -> RETRACT;
      case OPINION -> OPINION;
      case RELABEL -> RELABEL;
    };
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!COMMON.contains(f) && !body.contains(f)) {
        throw new IllegalArgumentException("unknown field " + Text.quote(f) + " in a " + kind.wireName()
            + " entry: expected only " + sorted(COMMON, body));
      }
    }
  }

  private static List<String> sorted(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    all.sort(null);
    return all;
  }

  private static long seq(JsonNode root) {
    JsonNode n = require(root, "seq");
    if (!n.isIntegralNumber()) {
      throw new IllegalArgumentException("field \"seq\" is a JSON " + typeName(n) + " " + Text.quote(n.toString())
          + ": expected an integer 1.." + Entry.MAX_SEQ);
    }
    BigInteger v = n.bigIntegerValue();
    if (v.signum() <= 0 || v.compareTo(BigInteger.valueOf(Entry.MAX_SEQ)) > 0) {
      throw new IllegalArgumentException("invalid seq " + v + ": expected 1.." + Entry.MAX_SEQ);
    }
    return v.longValueExact();
  }

  private static Signal signal(JsonNode root) {
    JsonNode s = require(root, "signal");
    if (!s.isObject()) {
      throw new IllegalArgumentException("field \"signal\" is a JSON " + typeName(s)
          + ": expected an object {\"type\",\"value\"[,\"quality\"]}");
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!SIGNAL.contains(f)) {
        throw new IllegalArgumentException("unknown field " + Text.quote(f)
            + " in \"signal\": expected only type, value, quality, hashes");
      }
    }
    SignalType type = SignalType.parse(string(s, "type"));
    String value = string(s, "value");
    if (!value.equals(value.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("invalid " + type.wireName() + " value " + Text.quote(value)
          + ": expected lowercase hex in an entry");
    }
    if (type == SignalType.VPDQ) {
      return vpdq(s, value);
    }
    if (s.has("hashes")) {
      throw new IllegalArgumentException("field \"signal.hashes\" in a " + type.wireName()
          + " signal: only vpdq signals carry hashes");
    }
    Integer quality = null;
    JsonNode q = s.get("quality");
    if (q != null) {
      if (!q.isIntegralNumber() || q.bigIntegerValue().bitLength() > 31) {
        throw new IllegalArgumentException("field \"signal.quality\" is " + Text.quote(q.toString())
            + ": expected an integer 0..100");
      }
      quality = q.intValue();
    }
    return Signal.create(type, value, quality);
  }

  // The value is the digest of the hashes: checked, never trusted, so two entries can't claim one
  // value for different frames.
  private static Signal vpdq(JsonNode s, String value) {
    if (s.has("quality")) {
      throw new IllegalArgumentException("field \"signal.quality\" in a vpdq signal: each frame has its own quality");
    }
    Signal signal = Signal.vpdq(VideoHashes.fromBase64(string(s, "hashes")));
    if (!signal.value().equals(value)) {
      throw new IllegalArgumentException("vpdq value " + Text.quote(value) + " is not the SHA-256 of its hashes ("
          + signal.value() + ")");
    }
    return signal;
  }

  private static List<Label> labels(JsonNode root) {
    JsonNode arr = require(root, "labels");
    if (!arr.isArray()) {
      throw new IllegalArgumentException("field \"labels\" is a JSON " + typeName(arr) + ": expected an array of 1 to "
          + Labels.MAX + " label strings");
    }
    if (arr.size() > Labels.MAX) {
      throw new IllegalArgumentException("field \"labels\" has " + arr.size() + " labels: expected 1 to " + Labels.MAX);
    }
    List<Label> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode l = arr.get(i);
      if (!l.isTextual()) {
        throw new IllegalArgumentException("labels[" + i + "] is a JSON " + typeName(l) + ": expected a label string");
      }
      out.add(Label.parse(l.textValue()));
    }
    return out;
  }

  private static <T> Optional<T> optional(JsonNode root, String field, Function<String, T> parse) {
    return root.has(field) ? Optional.of(parse.apply(string(root, field))) : Optional.empty();
  }

  private static JsonNode require(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return n;
  }

  private static String string(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (!n.isTextual()) {
      throw new IllegalArgumentException("field \"" + field + "\" is a JSON " + typeName(n) + ": expected a string");
    }
    return n.textValue();
  }

  private static String typeName(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
