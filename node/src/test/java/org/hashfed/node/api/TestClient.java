package org.hashfed.node.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;

/** A blocking wrapper around a Vert.x WebClient for tests that talk to a real node on 127.0.0.1. */
public final class TestClient implements AutoCloseable {

  private final Vertx vertx = TestVertx.create();
  private final WebClient client = WebClient.create(vertx);
  private final int port;

  /** A client for the node API on {@code port} (other ports through {@link #send(int, HttpMethod, String, String, Buffer, String)}). */
  public TestClient(int port) {
    this.port = port;
  }

  public HttpResponse<Buffer> get(String path, String key) {
    return send(HttpMethod.GET, path, key, null, null);
  }

  public HttpResponse<Buffer> post(String path, String key, JsonObject body) {
    return send(HttpMethod.POST, path, key, body.toBuffer(), "application/json");
  }

  public HttpResponse<Buffer> post(String path, String key, Buffer body, String contentType) {
    return send(HttpMethod.POST, path, key, body, contentType);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String key, Buffer body, String contentType) {
    return send(port, method, path, key, body, contentType);
  }

  /** Sends to the node API on another port of 127.0.0.1 (a test with several nodes needs one client). */
  public HttpResponse<Buffer> send(int port, HttpMethod method, String path, String key, Buffer body,
      String contentType) {
    HttpRequest<Buffer> r = client.request(method, port, "127.0.0.1", path);
    if (key != null) {
      r.putHeader("Authorization", "Bearer " + key);
    }
    if (contentType != null) {
      r.putHeader("Content-Type", contentType);
    }
    Future<HttpResponse<Buffer>> answer = body == null ? r.send() : r.sendBuffer(body);
    try {
      return answer.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request " + method + " " + path + " to port " + port + " failed: " + e, e);
    }
  }

  @Override
  public void close() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
