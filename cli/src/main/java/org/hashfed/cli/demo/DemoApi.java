package org.hashfed.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The demo's view of one member's node: its platform API over HTTP, as a platform or the CLI sees it. */
final class DemoApi {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String member;
  private final URI base;
  private final String key;

  DemoApi(String member, URI base, String key) {
    this.member = member;
    this.base = base;
    this.key = key;
  }

  URI base() {
    return base;
  }

  /** A new API key of {@code role}; this client must hold an admin key. */
  String createKey(String role, String label) throws DemoException {
    ObjectNode body = JSON.createObjectNode().put("role", role).put("label", label);
    return send("POST", "/v1/admin/api-keys", body).path("key").asText();
  }

  JsonNode submit(String type, String value, Integer quality, String label, String note) throws DemoException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode signal = body.putObject("signal").put("type", type).put("value", value);
    if (quality != null) {
      signal.put("quality", quality);
    }
    body.putArray("labels").add(label);
    body.put("note", note);
    return send("POST", "/v1/submissions", body);
  }

  /** Submits a video's vpdq signal, its hashes in their base64 binary form (spec/video.md). */
  JsonNode submitVideo(String hashes, String label, String note) throws DemoException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("signal").put("type", "vpdq").put("hashes", hashes);
    body.putArray("labels").add(label);
    body.put("note", note);
    return send("POST", "/v1/submissions", body);
  }

  /** The node's matches for one video, at the default 80% of the query's frames; best first. */
  JsonNode matchVideo(String hashes) throws DemoException {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("signals").addObject().put("type", "vpdq").put("hashes", hashes);
    return send("POST", "/v1/match", body).path("results").path(0).path("matches");
  }

  /** Registers a webhook for {@code events}; this client must hold an admin key. Answers {@code {"id", "secret"}}. */
  JsonNode createWebhook(String url, String... events) throws DemoException {
    ObjectNode body = JSON.createObjectNode().put("url", url);
    for (String e : events) {
      body.withArray("events").add(e);
    }
    return send("POST", "/v1/admin/webhooks", body);
  }

  /** Records an upload the platform accepted, for retro-hunt. */
  JsonNode watch(String contentId, String type, String value) throws DemoException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode item = body.putArray("items").addObject().put("content_id", contentId);
    item.putArray("signals").addObject().put("type", type).put("value", value);
    return send("POST", "/v1/watch", body);
  }

  /** The node's matches for one signal, best first. */
  JsonNode match(String type, String value, int maxDistance) throws DemoException {
    String q = "/v1/match?type=" + type + "&value=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
        + "&max_distance=" + maxDistance;
    return send("GET", q, null).path("results").path(0).path("matches");
  }

  /** The match of {@code entryId} among the node's matches for one signal, or a missing node. */
  JsonNode matchOf(String entryId, String type, String value, int maxDistance) throws DemoException {
    for (JsonNode m : match(type, value, maxDistance)) {
      if (entryId.equals(m.path("entry_id").asText())) {
        return m;
      }
    }
    return MissingNode.getInstance();
  }

  JsonNode opinion(String entryId, String stance, String reason, String note) throws DemoException {
    ObjectNode body = JSON.createObjectNode().put("stance", stance).put("reason", reason).put("note", note);
    return send("POST", "/v1/entries/" + entryId + "/opinions", body);
  }

  private JsonNode send(String method, String path, JsonNode body) throws DemoException {
    HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + key)
        .header("Accept", "application/json");
    if (body != null) {
      r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res;
    try {
      res = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DemoException(method + " " + path + " on " + member + "'s node failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted during " + method + " " + path);
    }
    JsonNode answer;
    try {
      answer = res.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(res.body());
    } catch (IOException e) {
      throw new DemoException(member + "'s node answered " + res.statusCode() + " to " + method + " " + path
          + " with a body that is not JSON: " + abbreviate(res.body()));
    }
    if (res.statusCode() / 100 != 2) {
      throw new DemoException(member + "'s node answered " + res.statusCode() + " to " + method + " " + path + ": "
          + answer.path("detail").asText(abbreviate(res.body())));
    }
    return answer;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
