package org.hashfed.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.node.peer.PeerException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.json.Json;

/** The JSON bodies of the peer protocol (spec/sync.md section 3): encoding, and strict decoding of what peers send. */
final class PeerMessages {

  /** A head vector exchange: feed heads, evidence keys and roster version. */
  record Heads(Map<MemberId, Long> heads, Map<MemberId, String> ids, List<String> evidence, long rosterVersion) {}

  /** A pushed envelope and the members it should still be relayed to. */
  record Pushed(byte[] envelope, List<MemberId> relay) {}

  static final int MAX_ITEMS = 10_000;

  private PeerMessages() {}

  static Buffer encodeHeads(Heads h) {
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode heads = root.putObject("heads");
    h.heads().forEach((m, s) -> heads.put(m.value(), s));
    ObjectNode ids = root.putObject("ids");
    h.ids().forEach((m, id) -> ids.put(m.value(), id));
    ArrayNode ev = root.putArray("evidence");
    h.evidence().forEach(ev::add);
    root.put("roster", h.rosterVersion());
    return Buffer.buffer(Json.write(root));
  }

  static Heads decodeHeads(Buffer body) {
    JsonNode root = object(body, "heads message");
    JsonNode heads = root.path("heads");
    JsonNode ev = root.path("evidence");
    JsonNode roster = root.path("roster");
    JsonNode ids = root.path("ids");
    if (!heads.isObject() || !ids.isObject() || ids.size() > MAX_ITEMS || !ev.isArray() || !roster.canConvertToLong() || heads.size() > MAX_ITEMS
        || ev.size() > MAX_ITEMS) {
      throw protocol("heads message must be {\"heads\":{member:seq},\"ids\":{member:id},\"evidence\":[\"member/seq\"],\"roster\":version}");
    }
    Map<MemberId, Long> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = heads.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
        throw protocol("head of " + e.getKey() + " is " + e.getValue() + ": expected a seq >= 0");
      }
      out.put(member(e.getKey()), e.getValue().asLong());
    }
    Map<MemberId, String> idOut = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual() || !e.getValue().asText().matches("[0-9a-f]{64}")) {
        throw protocol("head id of " + e.getKey() + " is " + e.getValue() + ": expected 64 lowercase hex digits");
      }
      idOut.put(member(e.getKey()), e.getValue().asText());
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode k : ev) {
      if (!k.isTextual() || !k.asText().matches("[a-z0-9][a-z0-9-]{1,62}/[1-9][0-9]{0,17}")) {
        throw protocol("evidence key " + k + ": expected \"member/seq\"");
      }
      keys.add(k.asText());
    }
    return new Heads(out, idOut, keys, roster.asLong());
  }

  /** {@code {"entries":[{"envelope":{...},"relay":[...]}]}}, the envelopes embedded as they are. */
  static Buffer encodePush(List<Pushed> items) {
    Buffer b = Buffer.buffer(256 * items.size() + 16).appendString("{\"entries\":[");
    for (int i = 0; i < items.size(); i++) {
      Pushed p = items.get(i);
      b.appendString(i == 0 ? "{\"envelope\":" : ",{\"envelope\":").appendBytes(p.envelope()).appendString(",\"relay\":[");
      for (int j = 0; j < p.relay().size(); j++) {
        b.appendString(j == 0 ? "\"" : ",\"").appendString(p.relay().get(j).value()).appendString("\"");
      }
      b.appendString("]}");
    }
    return b.appendString("]}");
  }

  /** The bytes {@link #encodePush} writes for one item, without the comma between items. */
  static long pushItemBytes(Pushed p) {
    long relay = 0;
    for (MemberId m : p.relay()) {
      relay += m.value().length() + 2;
    }
    // {"envelope": + envelope + ,"relay":[ + "a","b" + ]}
    return 12 + p.envelope().length + 10 + relay + Math.max(0, p.relay().size() - 1) + 2;
  }

  /** The size of a push body of {@code count} items whose {@link #pushItemBytes} add up to {@code itemBytes}. */
  static long pushBodyBytes(int count, long itemBytes) {
    // {"entries":[ + items and the commas between them + ]}
    return 12 + itemBytes + Math.max(0, count - 1) + 2;
  }

  static List<Pushed> decodePush(Buffer body) {
    JsonNode entries = object(body, "entries message").path("entries");
    if (!entries.isArray() || entries.size() > MAX_ITEMS) {
      throw protocol("entries message must be {\"entries\":[{\"envelope\":{...},\"relay\":[member ids]}], at most "
          + MAX_ITEMS);
    }
    List<Pushed> out = new ArrayList<>();
    for (JsonNode e : entries) {
      JsonNode relay = e.path("relay");
      if (!e.path("envelope").isObject() || !(relay.isMissingNode() || relay.isArray()) || relay.size() > 100) {
        throw protocol("entry item must be {\"envelope\":{...},\"relay\":[member ids]}");
      }
      List<MemberId> r = new ArrayList<>();
      for (JsonNode m : relay) {
        r.add(member(m.asText()));
      }
      out.add(new Pushed(Json.write(e.get("envelope")), r));
    }
    return out;
  }

  /** The size of a feed response of {@code count} envelopes of {@code envelopeBytes} bytes in all. */
  static long feedBodyBytes(MemberId member, long from, int count, long envelopeBytes) {
    // {"member":"m","from":n,"entries":[ + envelopes and the commas between them + ]}
    return 11 + member.value().length() + 9 + Long.toString(from).length() + 12 + envelopeBytes
        + Math.max(0, count - 1) + 2;
  }

  /** {@code {"member":m,"from":n,"entries":[envelope...]}}. */
  static Buffer encodeFeed(MemberId member, long from, List<byte[]> envelopes) {
    Buffer b = Buffer.buffer().appendString("{\"member\":\"" + member.value() + "\",\"from\":" + from + ",\"entries\":[");
    for (int i = 0; i < envelopes.size(); i++) {
      if (i > 0) {
        b.appendString(",");
      }
      b.appendBytes(envelopes.get(i));
    }
    return b.appendString("]}");
  }

  static List<byte[]> decodeEnvelopes(Buffer body, String field, String what) {
    JsonNode arr = object(body, what).path(field);
    if (!arr.isArray() || arr.size() > MAX_ITEMS) {
      throw protocol(what + " must have an array \"" + field + "\" of envelope objects, at most " + MAX_ITEMS);
    }
    List<byte[]> out = new ArrayList<>();
    for (JsonNode e : arr) {
      if (!e.isObject()) {
        throw protocol(what + " item " + out.size() + " is not an envelope object");
      }
      out.add(Json.write(e));
    }
    return out;
  }

  static Buffer encodeVersions(List<byte[]> envelopes) {
    Buffer b = Buffer.buffer().appendString("{\"versions\":[");
    for (int i = 0; i < envelopes.size(); i++) {
      b.appendString(i == 0 ? "" : ",").appendBytes(envelopes.get(i));
    }
    return b.appendString("]}");
  }

  static JsonNode object(Buffer body, String what) {
    JsonNode root;
    try {
      root = Json.readTree(body.getBytes());
    } catch (IOException | RuntimeException e) {
      throw protocol(what + " is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw protocol(what + " must be a JSON object");
    }
    return root;
  }

  private static MemberId member(String text) {
    try {
      return MemberId.parse(text);
    } catch (IllegalArgumentException e) {
      throw protocol(e.getMessage());
    }
  }

  static PeerException protocol(String message) {
    return new PeerException(PeerException.Kind.PROTOCOL, message);
  }
}
