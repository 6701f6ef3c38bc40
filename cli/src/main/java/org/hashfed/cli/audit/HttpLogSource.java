package org.hashfed.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hashfed.protocol.audit.LogSource;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.json.Json;

/** A node's log read over its platform API with an audit (or admin) key. */
final class HttpLogSource implements LogSource {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String key;

  HttpLogSource(String base, String key) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.key = key;
  }

  @Override
  public String checkpoint() throws IOException {
    return get("/v1/log/checkpoint");
  }

  @Override
  public List<byte[]> leaves(long start, long end) throws IOException {
    JsonNode body = json("/v1/log/entries?start=" + start + "&end=" + end);
    List<byte[]> out = new ArrayList<>();
    for (JsonNode e : body.path("entries")) {
      out.add(decode(e.path("envelope").asText()));
    }
    return out;
  }

  @Override
  public List<Envelope> rosterHistory() throws IOException {
    List<Envelope> out = new ArrayList<>();
    for (JsonNode v : json("/v1/log/roster").path("versions")) {
      try {
        out.add(Envelope.parse(Json.write(v)));
      } catch (EnvelopeFormatException e) {
        throw new IOException("node " + base + " served a roster version that is not an envelope: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The logged entries about one signal: index and envelope bytes. */
  List<Leaf> aboutSignal(String type, String value) throws IOException {
    JsonNode body = json("/v1/log/provenance?type=" + enc(type) + "&value=" + enc(value));
    List<Leaf> out = new ArrayList<>();
    for (JsonNode e : body.path("entries")) {
      out.add(new Leaf(e.path("index").asLong(), decode(e.path("envelope").asText())));
    }
    return out;
  }

  /** The inclusion proof of leaf {@code index} at {@code size}, as hex hashes. */
  List<String> inclusionProof(long index, long size) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode h : json("/v1/log/proof/inclusion?index=" + index + "&size=" + size).path("proof")) {
      out.add(h.asText());
    }
    return out;
  }

  record Leaf(long index, byte[] envelope) {}

  private JsonNode json(String path) throws IOException {
    return Json.readTree(get(path).getBytes(StandardCharsets.UTF_8));
  }

  private String get(String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + key).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.uri(), e);
    } catch (IOException e) {
      throw new IOException("cannot reach node " + base + ": " + e, e);
    }
    if (response.statusCode() != 200) {
      String body = response.body();
      throw new IOException("GET " + request.uri() + " answered " + response.statusCode() + ": "
          + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
    }
    return response.body();
  }

  private byte[] decode(String base64) throws IOException {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("node " + base + " served a leaf that is not base64", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
