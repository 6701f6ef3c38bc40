package org.hashfed.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedNote;

/**
 * A peer's log reached through its platform API with an {@code audit} key, until witnessing runs
 * over the mutually authenticated peer port. Blocking: call it from a worker thread.
 */
public final class HttpPeerLog implements PeerLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final String auditKey;

  private HttpPeerLog(HttpClient http, URI base, String auditKey) {
    this.http = http;
    this.base = base;
    this.auditKey = auditKey;
  }

  /** The log of the node at {@code baseUrl} (e.g. {@code http://127.0.0.1:8700}) read with {@code auditKey}. */
  public static HttpPeerLog create(HttpClient http, String baseUrl, String auditKey) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return new HttpPeerLog(http, URI.create(b), auditKey);
  }

  @Override
  public String describe() {
    return base.toString();
  }

  @Override
  public SignedNote checkpoint() throws IOException, LogFormatException {
    return SignedNote.parse(send(get("/v1/log/checkpoint")));
  }

  @Override
  public List<Hash32> consistencyProof(long from, long to) throws IOException {
    JsonNode body = JSON.readTree(send(get("/v1/log/proof/consistency?from=" + from + "&to=" + to)));
    List<Hash32> proof = new ArrayList<>();
    for (JsonNode h : body.path("proof")) {
      try {
        proof.add(Hash32.fromHex(h.asText()));
      } catch (IllegalArgumentException e) {
        throw new IOException("peer " + base + " sent a malformed consistency proof: " + e.getMessage(), e);
      }
    }
    return proof;
  }

  @Override
  public void deliver(SignedNote cosigned, String witnessKey) throws IOException {
    byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("note", cosigned.encode()).put("witness_key", witnessKey));
    send(request("/v1/log/cosignatures").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + auditKey);
  }

  private String send(HttpRequest request) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.uri(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
          + abbreviate(response.body()));
    }
    return response.body();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
