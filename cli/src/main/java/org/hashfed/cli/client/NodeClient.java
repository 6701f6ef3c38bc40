package org.hashfed.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hashfed.cli.base.ExitCodes;

/**
 * Calls a node's API with the connection's key and turns every failure into a {@link CommandError}
 * whose message says what went wrong and what to do. The one exit-status rule of spec/cli.md: a 404
 * gives 1; a refusal of the request (400, 409, 413, 422: nothing changed) gives 2; an unreachable
 * node, a refused key (401, 403), 503 and every other failure give 3. A command may narrow a refusal
 * with {@link CommandError#withExitCode} where spec/cli.md says so.
 */
public final class NodeClient {

  /** Problem type slug of a 404 for an endpoint the node does not serve (as opposed to a missing entry). */
  public static final String NO_SUCH_ENDPOINT = "not-found";

  private static final String PROBLEM_PREFIX = "urn:hashfed:problem:";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final HttpClient http;

  private NodeClient(Connection connection) {
    this.connection = connection;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A client for the connection's node. */
  public static NodeClient create(Connection connection) {
    return new NodeClient(connection);
  }

  /** The connection this client uses. */
  public Connection connection() {
    return connection;
  }

  /** {@code GET path}; the JSON body of a 2xx answer. */
  public JsonNode get(String path) throws CommandError {
    return send("GET", path, null);
  }

  /** {@code GET path}; the body of a 2xx answer as UTF-8 text, whatever its type (e.g. the {@code text/plain} log checkpoint). */
  public String getText(String path) throws CommandError {
    return new String(exchange(request(path, "*/*").GET().build()).body(), StandardCharsets.UTF_8);
  }

  /** {@code POST path} with a JSON body; the JSON body of a 2xx answer. */
  public JsonNode post(String path, JsonNode body) throws CommandError {
    return send("POST", path, body);
  }

  /** {@code PUT path} with a JSON body; the JSON body of a 2xx answer. */
  public JsonNode put(String path, JsonNode body) throws CommandError {
    return send("PUT", path, body);
  }

  /** {@code METHOD path} with a JSON body, or none when {@code body} is null; the JSON body of a 2xx answer. */
  public JsonNode send(String method, String path, JsonNode body) throws CommandError {
    HttpRequest.Builder request = request(path, "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] bytes;
      try {
        bytes = JSON.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a JSON tree", e);
      }
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    HttpResponse<byte[]> response = exchange(request.build());
    JsonNode json = parse(response.body());
    if (json == null) {
      throw CommandError.of(ExitCodes.SERVER, "the node at " + connection.base() + " answered "
          + response.statusCode() + " without a JSON body: is " + connection.base() + " a hashfed node?");
    }
    return json;
  }

  /** Sends {@code DELETE path}; any 2xx answer, with or without a body, is success. */
  public void delete(String path) throws CommandError {
    exchange(request(path, "application/json").method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest.Builder request(String path, String accept) {
    return HttpRequest.newBuilder(connection.resolve(path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", accept)
        .header("Authorization", "Bearer " + connection.apiKey());
  }

  /** Sends the request; a 2xx answer, or the failure as a {@link CommandError}. */
  private HttpResponse<byte[]> exchange(HttpRequest request) throws CommandError {
    String where = "the node at " + connection.base();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw CommandError.of(ExitCodes.SERVER, "cannot reach " + where + ": no connection within "
          + CONNECT_TIMEOUT.toSeconds() + " s. Check the URL (" + connection.source() + ") and the network.");
    } catch (HttpTimeoutException e) {
      throw CommandError.of(ExitCodes.SERVER, where + " did not answer within " + REQUEST_TIMEOUT.toSeconds()
          + " s. Retry later, or ask its operator to check it.");
    } catch (ConnectException e) {
      throw CommandError.of(ExitCodes.SERVER, "cannot reach " + where + " (connection refused). Check that the "
          + "node is running and that the URL (" + connection.source() + ") is right.");
    } catch (IOException e) {
      throw CommandError.of(ExitCodes.SERVER, "cannot reach " + where + ": " + describe(e)
          + ". Check the URL (" + connection.source() + ") and the network.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CommandError.of(ExitCodes.SERVER, "interrupted while waiting for " + where);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      throw failure(status, parse(response.body()), request.uri().getPath());
    }
    return response;
  }

  private CommandError failure(int status, JsonNode problem, String path) {
    String slug = null;
    String detail = null;
    if (problem != null && problem.path("type").asText("").startsWith(PROBLEM_PREFIX)) {
      slug = problem.path("type").asText().substring(PROBLEM_PREFIX.length());
      detail = problem.path("detail").asText(null);
    }
    String said = "node answered " + status + (slug == null ? "" : " " + slug)
        + (detail == null ? "" : ": " + detail);
    switch (status) {
      case 401:
        return CommandError.fromNode(ExitCodes.SERVER, said + ". The API key (" + connection.source() + ") is "
            + "not accepted: run hashfed login --node " + connection.base() + " --api-key-file FILE with a valid key.",
            status, slug);
      case 403:
        return CommandError.fromNode(ExitCodes.SERVER, said + ". Ask the node's operator for a key with that role.",
            status, slug);
      case 404:
        return CommandError.fromNode(ExitCodes.NOT_FOUND, NO_SUCH_ENDPOINT.equals(slug) || slug == null
            ? "the node at " + connection.base() + " does not serve " + path + " (" + said + ")"
            : said, status, slug);
      case 400:
      case 409:
      case 413:
      case 422:
        return CommandError.fromNode(ExitCodes.USAGE, said, status, slug);
      case 503:
        return CommandError.fromNode(ExitCodes.SERVER, said + ". The node is starting or overloaded: retry in a "
            + "few seconds.", status, slug);
      default:
        return CommandError.fromNode(ExitCodes.SERVER, said + (status >= 500
            ? ". The node failed; its operator will find details in its log." : ""), status, slug);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
