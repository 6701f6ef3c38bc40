package org.hashfed.node.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hashfed.node.events.EventFilter;
import org.hashfed.node.events.EventType;
import org.hashfed.node.trust.LabelPattern;
import org.hashfed.node.trust.MatchFilter;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.protocol.signal.SignalType;

/** A receiver of webhook deliveries: its URL, the event types and filters it wants, and its secret. */
final class Endpoint {

  static final int MAX_URL_LENGTH = 2048;
  private static final Set<String> FILTER_KEYS =
      Set.of("signal_types", "labels", "min_trust", "min_confidence", "include_observed");
  private static final int MAX_LABELS = 64;

  private final String id;
  private final URI url;
  private final Set<EventType> types;
  private final JsonObject filters;
  private final EventFilter filter;
  private final WebhookSecret secret;
  private final String createdAt;

  private Endpoint(String id, URI url, Set<EventType> types, JsonObject filters, WebhookSecret secret,
      String createdAt) {
    this.id = id;
    this.url = url;
    this.types = types.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(types);
    this.filters = filters.copy();
    this.filter = filter(types, filters);
    this.secret = secret;
    this.createdAt = createdAt;
  }

  /**
   * A new endpoint from a request's fields.
   *
   * @throws IllegalArgumentException naming the field and value that are not valid
   */
  static Endpoint create(String id, Object url, Object events, Object filters, String createdAt) {
    return new Endpoint(id, url(url), types(events), filters == null ? new JsonObject() : filterObject(filters),
        WebhookSecret.generate(), createdAt);
  }

  static Endpoint fromJson(JsonObject o) {
    return new Endpoint(o.getString("id"), url(o.getString("url")), types(o.getJsonArray("events")),
        o.getJsonObject("filters"), WebhookSecret.parse(o.getString("secret")), o.getString("created_at"));
  }

  /** The stored form, secret included. */
  JsonObject toStored() {
    return toJson().put("secret", secret.reveal());
  }

  /** The public form: never the secret. */
  JsonObject toJson() {
    JsonArray events = new JsonArray();
    types.forEach(t -> events.add(t.wireName()));
    return new JsonObject().put("id", id).put("url", url.toString()).put("events", events)
        .put("filters", filters.copy()).put("created_at", createdAt);
  }

  String id() {
    return id;
  }

  URI url() {
    return url;
  }

  EventFilter filter() {
    return filter;
  }

  WebhookSecret secret() {
    return secret;
  }

  private static URI url(Object raw) {
    if (!(raw instanceof String s) || s.length() > MAX_URL_LENGTH) {
      throw new IllegalArgumentException("field \"url\" must be an http or https URL of at most " + MAX_URL_LENGTH
          + " characters: " + raw);
    }
    try {
      URI u = new URI(s);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("field \"url\" must be an absolute http or https URL: " + s);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("field \"url\" is not a URL: " + s, e);
    }
  }

  private static Set<EventType> types(Object raw) {
    if (!(raw instanceof JsonArray a) || a.isEmpty()) {
      throw new IllegalArgumentException("field \"events\" must be a non-empty array of event types such as "
          + "signal.added: " + raw);
    }
    Set<EventType> out = EnumSet.noneOf(EventType.class);
    for (Object t : a) {
      out.add(EventType.parse(String.valueOf(t)));
    }
    return out;
  }

  private static JsonObject filterObject(Object raw) {
    if (!(raw instanceof JsonObject o)) {
      throw new IllegalArgumentException("field \"filters\" must be an object: " + raw);
    }
    for (String k : o.fieldNames()) {
      if (!FILTER_KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown filter \"" + k + "\" (expected: one of " + FILTER_KEYS + ")");
      }
    }
    filter(Set.of(), o);
    return o;
  }

  private static EventFilter filter(Set<EventType> types, JsonObject f) {
    Set<SignalType> signalTypes = EnumSet.noneOf(SignalType.class);
    for (String s : strings(f, "signal_types", 16)) {
      signalTypes.add(SignalType.parse(s));
    }
    List<LabelPattern> labels = new ArrayList<>();
    for (String s : strings(f, "labels", MAX_LABELS)) {
      labels.add(LabelPattern.parse(s));
    }
    Object trust = f.getValue("min_trust");
    if (trust != null && !(trust instanceof String)) {
      throw new IllegalArgumentException("filter \"min_trust\" must be trusted, standard or observe: " + trust);
    }
    Object confidence = f.getValue("min_confidence", 0.0);
    if (!(confidence instanceof Number)) {
      throw new IllegalArgumentException("filter \"min_confidence\" must be a number from 0 to 1: " + confidence);
    }
    Object observed = f.getValue("include_observed", false);
    if (!(observed instanceof Boolean)) {
      throw new IllegalArgumentException("filter \"include_observed\" must be true or false: " + observed);
    }
    MatchFilter match = MatchFilter.of(Optional.ofNullable((String) trust).map(TrustLevel::parse),
        ((Number) confidence).doubleValue(), (Boolean) observed, labels);
    return EventFilter.of(types, signalTypes, match, true);
  }

  private static List<String> strings(JsonObject f, String key, int max) {
    Object raw = f.getValue(key);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray a) || a.size() > max) {
      throw new IllegalArgumentException("filter \"" + key + "\" must be an array of at most " + max + " strings: "
          + raw);
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException("filter \"" + key + "\" must hold strings: " + o);
      }
      out.add(s);
    }
    return out;
  }
}
