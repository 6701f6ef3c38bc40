package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.metrics.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform API runs one server per core on one port: connections reach every one, and closing stops them all. */
class ApiServerLoopsTest {

  @TempDir Path dir;
  Vertx vertx;
  Vertx clientVertx;
  HttpClient client;

  @BeforeEach
  void start() {
    vertx = TestVertx.create();
    clientVertx = TestVertx.create();
    // a connection per request: the servers sharing the port take new connections in turn
    client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterEach
  void stop() throws Exception {
    await(clientVertx.close());
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  // /healthz needs none of the node's services but the metrics every request is counted in
  private ApiServer.Services services() {
    return new ApiServer.Services(null, new Metrics(), () -> null, Optional::empty, null, Clock.systemUTC(), null,
        () -> null, null, null, null, null, () -> null);
  }

  private int healthz(int port) throws Exception {
    return await(client.request(HttpMethod.GET, port, "127.0.0.1", "/healthz")
        .compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode())));
  }

  @Test
  void connectionsOnTheOnePort_reachAServerOnEveryCore_andCloseStopsThemAll() throws Exception {
    Set<String> loops = ConcurrentHashMap.newKeySet();
    ApiServer api = await(ApiServer.start(vertx, NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build(),
        services(), ctx -> {
          loops.add(Thread.currentThread().getName());
          ctx.next();
        }));
    int cores = Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < 4 * cores; i++) {
      assertEquals(200, healthz(api.port()));
    }
    assertEquals(cores, loops.size(), "event loops that served: " + loops);
    assertTrue(loops.stream().allMatch(t -> t.startsWith("vert.x-eventloop-thread-")), loops.toString());

    int port = api.port();
    await(api.close());
    ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> healthz(port));
    assertTrue(String.valueOf(refused.getCause().getMessage()).contains("refused"), refused.toString());
  }
}
