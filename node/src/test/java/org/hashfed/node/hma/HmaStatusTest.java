package org.hashfed.node.hma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hashfed.node.TestVertx;
import org.hashfed.node.api.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HMA's {@code /status} before and after the indexes are loaded: a node's rebuild cannot be held
 * open deterministically, so the handler runs here on its own router.
 */
class HmaStatusTest {

  static final AtomicBoolean ready = new AtomicBoolean();
  static Vertx vertx;
  static HttpServer server;
  static TestClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    Router router = Router.router(vertx);
    router.get("/status").handler(ctx -> HmaApi.status(ctx, ready.get()));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    http = new TestClient(server.actualPort());
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void status_whileIndexesRebuild_is503IndexNotLoaded_thenIAmAlive() {
    ready.set(false);
    HttpResponse<Buffer> rebuilding = http.get("/status", null);
    assertEquals(503, rebuilding.statusCode());
    assertEquals("INDEX-NOT-LOADED", rebuilding.bodyAsString());
    assertEquals("2", rebuilding.getHeader("Retry-After"));
    ready.set(true);
    HttpResponse<Buffer> alive = http.get("/status", null);
    assertEquals(200, alive.statusCode());
    assertEquals("I-AM-ALIVE", alive.bodyAsString());
  }
}
