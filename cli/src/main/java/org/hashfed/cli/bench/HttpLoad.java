package org.hashfed.cli.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives requests at a node over loopback from a Vert.x HTTP client: {@code connections}
 * request loops, each sending its next request when the previous response has been read, for a
 * fixed time. Closed-loop, so latency is measured at the throughput the node sustains.
 */
final class HttpLoad {

  private final Vertx vertx;
  private final HttpClient client;
  private final int port;
  private final int connections;
  private final String authorization;

  HttpLoad(int port, int connections, String apiKey) {
    this.vertx = Vertx.vertx();
    this.port = port;
    this.connections = connections;
    this.authorization = "Bearer " + apiKey;
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /** One request of a load: a GET of {@code path}, or a POST of the JSON {@code body} when it is not null. */
  record Request(String path, Buffer body) {
    static Request get(String path) {
      return new Request(path, null);
    }
  }

  /** What one run measured. */
  record Result(long requests, long errors, long hits, double seconds, long p50Nanos, long p99Nanos, long meanNanos) {
    double requestsPerSecond() {
      return requests / seconds;
    }
  }

  /** Requests {@code requests} round-robin for {@code seconds}; a response body containing "entry_id" counts as a hit. */
  Result run(List<Request> requests, double seconds) throws Exception {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    AtomicInteger next = new AtomicInteger();
    List<Loop> loops = new ArrayList<>();
    List<Future<Void>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Loop loop = new Loop(requests, next, deadline);
      loops.add(loop);
      done.add(loop.start());
    }
    Future.all(done).toCompletionStage().toCompletableFuture().get((long) seconds + 60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long sent = 0;
    long errors = 0;
    long hits = 0;
    int total = 0;
    for (Loop l : loops) {
      sent += l.count;
      errors += l.errors;
      hits += l.hits;
      total += l.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (Loop l : loops) {
      System.arraycopy(l.latencies, 0, all, at, l.count);
      at += l.count;
    }
    Arrays.sort(all);
    long p50 = total == 0 ? 0 : all[(int) (0.50 * (total - 1))];
    long p99 = total == 0 ? 0 : all[(int) Math.ceil(0.99 * (total - 1))];
    long mean = total == 0 ? 0 : (long) Arrays.stream(all).average().orElse(0);
    return new Result(sent, errors, hits, elapsed, p50, p99, mean);
  }

  void close() throws Exception {
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One connection's request loop; its fields are touched only on its event-loop thread until it completes. */
  private final class Loop {
    private final List<Request> requests;
    private final AtomicInteger next;
    private final long deadline;
    private final Promise<Void> done = Promise.promise();
    private long[] latencies = new long[4096];
    private int count;
    private long errors;
    private long hits;

    Loop(List<Request> requests, AtomicInteger next, long deadline) {
      this.requests = requests;
      this.next = next;
      this.deadline = deadline;
    }

    Future<Void> start() {
      vertx.runOnContext(v -> send());
      return done.future();
    }

    private void send() {
      if (System.nanoTime() >= deadline) {
        done.complete();
        return;
      }
      Request r = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
      long sent = System.nanoTime();
      RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(r.path())
          .putHeader("Authorization", authorization);
      if (r.body() == null) {
        options.setMethod(HttpMethod.GET);
      } else {
        options.setMethod(HttpMethod.POST).putHeader("Content-Type", "application/json");
      }
      client.request(options)
          .compose(req -> (r.body() == null ? req.send() : req.send(r.body())).compose(resp -> resp.body().map(body -> {
            if (resp.statusCode() != 200) {
              errors++;
            } else if (body.length() > 40 && body.toString().contains("\"entry_id\"")) {
              hits++;
            }
            return null;
          })))
          .onComplete(ar -> {
            if (ar.failed()) {
              errors++;
            }
            record(System.nanoTime() - sent);
            send();
          });
    }

    private void record(long nanos) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }
  }
}
