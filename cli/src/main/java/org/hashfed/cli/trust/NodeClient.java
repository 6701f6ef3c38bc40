package org.hashfed.cli.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.cli.ExitCodes;

/** A small JSON client for a node's admin API: one request, the answer or a failure with its exit status. */
final class NodeClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String key;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private NodeClient(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /**
   * A client for {@code node} with the key from {@code keyFile}, or from {@code envKey} when no file is given.
   *
   * @throws TrustFailure with exit status 2 for a bad URL or a missing key
   */
  static NodeClient create(String node, Path keyFile, String envKey) throws TrustFailure {
    URI uri;
    try {
      uri = URI.create(node.replaceAll("/+$", ""));
      if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new TrustFailure(ExitCodes.USAGE, "invalid --node \"" + node + "\": expected a URL like http://127.0.0.1:8700");
    }
    return new NodeClient(uri, key(keyFile, envKey));
  }

  private static String key(Path keyFile, String envKey) throws TrustFailure {
    if (keyFile == null) {
      if (envKey != null && !envKey.isBlank()) {
        return envKey.trim();
      }
      keyFile = Path.of("hashfed-data", "admin.key");
    }
    try {
      String k = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
      if (k.isEmpty()) {
        throw new TrustFailure(ExitCodes.USAGE, "API key file " + keyFile + " is empty (expected: an admin API key)");
      }
      return k;
    } catch (NoSuchFileException e) {
      throw new TrustFailure(ExitCodes.USAGE, "API key file " + keyFile + " does not exist (expected: an admin key "
          + "file, see --api-key-file, or the key in $HASHFED_API_KEY)");
    } catch (IOException e) {
      throw new TrustFailure(ExitCodes.USAGE, "cannot read API key file " + keyFile + ": " + e.getMessage());
    }
  }

  /** Sends a request ({@code body} null for none) and returns the JSON answer of a 2xx status. */
  JsonNode send(String method, String path, JsonNode body) throws TrustFailure {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + key)
        .header("Accept", "application/json");
    if (body != null) {
      r.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TrustFailure(ExitCodes.SERVER, "cannot reach node at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrustFailure(ExitCodes.SERVER, "interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    int status = response.statusCode();
    if (status / 100 == 2 && json != null && json.isObject()) {
      return json;
    }
    String detail = json != null && json.has("detail") ? json.get("detail").asText() : response.body();
    int exit = status == 400 ? ExitCodes.USAGE : status == 404 || status == 409 ? ExitCodes.NOT_FOUND : ExitCodes.SERVER;
    throw new TrustFailure(exit, "node answered " + status + ": " + detail);
  }
}
