package org.hashfed.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.CommandError;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * ThreatExchange's {@code /<privacy group>/threat_updates} (Graph API), with the fields
 * python-threatexchange asks for: each update is an indicator with {@code should_delete} and its
 * descriptors' tags and status. Pages follow {@code paging.next}; the checkpoint is the highest
 * {@code last_updated} seen, the {@code start_time} of the next run (updates at that second are
 * read again and recognised by the journal).
 */
final class ThreatExchangeSource implements Source {

  static final String FIELDS = "id,indicator,type,last_updated,should_delete,"
      + "descriptors{owner{id},tags,status,added_on}";
  static final String TYPES = "HASH_PDQ,HASH_MD5,HASH_VIDEO_MD5,HASH_SHA256,HASH_VIDEO_SHA256";

  private final SourceHttp http;
  private final URI base;
  private final String token;
  private final ItemFactory items;
  private URI nextUri;
  private boolean done;
  private long highest;

  ThreatExchangeSource(SourceHttp http, URI base, String token, String privacyGroup, int pageSize,
      Optional<String> checkpoint, ItemFactory items) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.items = items;
    this.highest = checkpoint.map(Long::parseLong).orElse(0L);
    String q = privacyGroup + "/threat_updates/?fields=" + URLEncoder.encode(FIELDS, StandardCharsets.UTF_8)
        + "&types=" + URLEncoder.encode(TYPES, StandardCharsets.UTF_8) + "&limit=" + pageSize
        + (checkpoint.isPresent() ? "&start_time=" + checkpoint.get() : "")
        + "&access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    this.nextUri = base.resolve(q);
  }

  /** Whether {@code value} is a checkpoint of this source: a Unix time in seconds. */
  static boolean isCheckpoint(String value) {
    return value.matches("[0-9]{1,12}");
  }

  @Override
  public Optional<SourcePage> next() throws CommandError {
    if (done) {
      return Optional.empty();
    }
    URI uri = nextUri;
    SourceHttp.Answer a = http.send(HttpRequest.newBuilder(uri).GET().header("Accept", "application/json"), uri);
    String where = "ThreatExchange at " + SourceHttp.withoutQuery(uri);
    if (a.status() != 200) {
      throw failure(a, where);
    }
    JsonNode doc = Records.page(a, where);
    JsonNode data = doc.get("data");
    if (data == null || !data.isArray()) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered a page without a \"data\" array: nothing of it was "
          + "imported");
    }
    List<SourceItem> list = new ArrayList<>();
    List<SourcePage.Malformed> malformed = new ArrayList<>();
    Map<String, Integer> unsupported = new TreeMap<>();
    for (int i = 0; i < data.size(); i++) {
      JsonNode r = data.get(i);
      String name = r.isObject() && r.has("id") ? "te:" + Records.abbreviate(r.get("id").asText())
          : "ThreatExchange update " + i;
      try {
        update(r, list, unsupported);
      } catch (IllegalArgumentException e) {
        malformed.add(new SourcePage.Malformed(name, e.getMessage()));
      }
    }
    JsonNode next = doc.path("paging").get("next");
    if (next == null || !next.isTextual() || next.asText().isEmpty()) {
      done = true;
    } else {
      nextUri = sameOrigin(next.asText(), where);
    }
    return Optional.of(new SourcePage(list, malformed, unsupported,
        highest > 0 ? Optional.of(Long.toString(highest)) : Optional.empty()));
  }

  private void update(JsonNode r, List<SourceItem> list, Map<String, Integer> unsupported) {
    if (!r.isObject()) {
      throw new IllegalArgumentException("update " + Records.abbreviate(r.toString()) + " is not a JSON object");
    }
    String key = "te:" + Records.id(r, "id");
    String type = Records.text(r, "type");
    long updated = Long.parseLong(Records.id(r, "last_updated"));
    JsonNode descriptors = r.path("descriptors").path("data");
    SignalType signalType = switch (type) {
      case "HASH_PDQ" -> SignalType.PDQ;
      case "HASH_MD5", "HASH_VIDEO_MD5" -> SignalType.MD5;
      case "HASH_SHA256", "HASH_VIDEO_SHA256" -> SignalType.SHA256;
      default -> null;
    };
    if (signalType == null) {
      unsupported.merge(type, 1, Integer::sum);
      highest = Math.max(highest, updated);
      return;
    }
    // python-threatexchange also treats an update without descriptors as a deletion (facebook/ThreatExchange#834)
    boolean delete = Records.flag(r, "should_delete") || !descriptors.isArray() || descriptors.isEmpty()
        || allNonMalicious(descriptors);
    if (delete) {
      list.add(SourceItem.deletion(key));
      highest = Math.max(highest, updated);
      return;
    }
    Signal signal = Signal.of(signalType, Records.text(r, "indicator"));
    TreeSet<Label> labels = new TreeSet<>();
    for (JsonNode d : descriptors) {
      for (String tag : tags(d.get("tags"))) {
        ItemFactory.labelOfTag(tag).ifPresent(labels::add);
      }
    }
    list.add(items.upsert(key, signal, labels, "ThreatExchange indicator " + key.substring(3) + " (" + type + ")"));
    highest = Math.max(highest, updated);
  }

  /** Every descriptor says the indicator is not what the group collects: hashfed does not share it. */
  private static boolean allNonMalicious(JsonNode descriptors) {
    for (JsonNode d : descriptors) {
      if (!"NON_MALICIOUS".equals(d.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** A descriptor's tags: a list of strings, or Graph's {@code {"data": [{"text": ...}]}}. */
  private static List<String> tags(JsonNode tags) {
    List<String> out = new ArrayList<>();
    if (tags == null || tags.isNull()) {
      return out;
    }
    JsonNode list = tags.isObject() ? tags.path("data") : tags;
    if (!list.isArray()) {
      throw new IllegalArgumentException("descriptor tags " + Records.abbreviate(tags.toString()) + " are neither a "
          + "list nor {\"data\": [...]}");
    }
    for (JsonNode t : list) {
      JsonNode text = t.isObject() ? t.get("text") : t;
      if (text == null || !text.isTextual()) {
        throw new IllegalArgumentException("descriptor tag " + Records.abbreviate(t.toString()) + " is not text");
      }
      out.add(text.asText());
    }
    return out;
  }

  private CommandError failure(SourceHttp.Answer a, String where) {
    JsonNode error = null;
    try {
      error = Records.page(a, where).path("error");
    } catch (CommandError e) {
      // not Graph's error document: reported with the status alone
    }
    int code = error == null ? 0 : error.path("code").asInt(0);
    String message = error == null ? "" : Records.abbreviate(error.path("message").asText("").replace(token, "<token>"));
    if (code == 190 || a.status() == 401) {
      return CommandError.of(ExitCodes.SERVER, where + " refused the access token (" + a.status()
          + (message.isEmpty() ? "" : ": " + message) + "): it has expired or is not valid for this privacy group; "
          + "put a new one in the token file. The checkpoint is kept.");
    }
    return CommandError.of(ExitCodes.SERVER, where + " answered " + a.status() + (message.isEmpty() ? "" : ": " + message));
  }

  private URI sameOrigin(String next, String where) throws CommandError {
    URI uri;
    try {
      uri = URI.create(next);
    } catch (IllegalArgumentException e) {
      throw CommandError.of(ExitCodes.SERVER, where + " answered a \"paging.next\" that is not a URL: stopped");
    }
    if (uri.getScheme() == null || uri.getHost() == null || !base.getScheme().equalsIgnoreCase(uri.getScheme())
        || !base.getHost().equalsIgnoreCase(uri.getHost()) || base.getPort() != uri.getPort()) {
      // the next URL carries the access token: it must not go to a host the user did not name
      throw CommandError.of(ExitCodes.SERVER, where + " answered a \"paging.next\" on another host: stopped; the "
          + "checkpoint of the pages before is kept");
    }
    return uri;
  }
}
