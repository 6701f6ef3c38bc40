package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.api.Problem;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work and bytes of one match request are bounded: the row of 1,000 signals that each
 * match more than 100 listings answers with the caps and {@code truncated}, a request can lower the
 * caps, and one key's heavy batches beyond {@code match.heavy_per_key} get 429 while another key is
 * served and {@code /healthz} answers. A one-signal look-up is answered on the event loop, while
 * wide searches and batches wait for a worker.
 */
class MatchBudgetTest {

  private static final int LISTINGS = 120;

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String admin;
  static PdqHash base;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("acme").port(0).peerPort(0).workerThreads(2)
        .match(MatchLimits.of(100, 10_000, 100, 1)).build());
    node.awaitReady(Duration.ofSeconds(30));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
    String submitter = key("submit");
    Random r = new Random(16);
    base = PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
    // each listing differs from the base in 8 bits of its own: all within distance 31 of the query
    for (int i = 0; i < LISTINGS; i++) {
      long[] w = base.words();
      for (int b = 0; b < 8; b++) {
        int bit = (i * 8 + b) % 256;
        w[bit / 64] ^= 1L << (bit % 64);
      }
      JsonObject body = new JsonObject()
          .put("signal", new JsonObject().put("type", "pdq").put("value", PdqHash.ofWords(w[0], w[1], w[2], w[3]).toHex())
              .put("quality", 100))
          .put("labels", new JsonArray().add("behavior:glorification"));
      HttpResponse<Buffer> ack = http.post("/v1/submissions", submitter, body);
      assertEquals(201, ack.statusCode(), ack.bodyAsString());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static String key(String role) {
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", role));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("key");
  }

  static JsonObject batch(int signals) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < signals; i++) {
      a.add(new JsonObject().put("type", "pdq").put("value", base.toHex()));
    }
    return new JsonObject().put("signals", a);
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String slug) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(Problem.CONTENT_TYPE, r.getHeader("Content-Type"));
    assertEquals(Problem.TYPE_PREFIX + slug, r.bodyAsJsonObject().getString("type"), r.bodyAsString());
  }

  @Test
  void thousandSignals_eachMatchingMoreThanTheCap_answerWithinTheCaps_andSayTruncated() {
    HttpResponse<Buffer> r = http.post("/v1/match", key("query"), batch(1000));
    assertEquals(200, r.statusCode(), r.bodyAsString().substring(0, Math.min(500, r.bodyAsString().length())));
    JsonObject body = r.bodyAsJsonObject();
    assertTrue(body.getBoolean("truncated"));
    JsonArray results = body.getJsonArray("results");
    assertEquals(1000, results.size(), "one result per signal, the unsearched ones included");
    int total = 0;
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.getJsonObject(i);
      int n = result.getJsonArray("matches").size();
      total += n;
      assertTrue(result.getBoolean("truncated"), "signal " + i + " matches " + LISTINGS + " listings: cut");
      assertEquals(i < 100 ? 100 : 0, n, "signal " + i);
    }
    assertEquals(10_000, total, "match.max_per_response");
    JsonObject first = results.getJsonObject(0).getJsonArray("matches").getJsonObject(0);
    assertEquals(8, first.getInteger("distance"), "best first");
  }

  @Test
  void requestLowersTheCaps_andUnderTheCapsNothingIsTruncated() {
    String query = key("query");
    JsonObject lowered = batch(5).put("max_matches_per_signal", 3).put("max_matches", 10);
    JsonObject body = http.post("/v1/match", query, lowered).bodyAsJsonObject();
    JsonArray results = body.getJsonArray("results");
    int[] expected = {3, 3, 3, 1, 0};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], results.getJsonObject(i).getJsonArray("matches").size(), "signal " + i);
      assertTrue(results.getJsonObject(i).getBoolean("truncated"));
    }
    assertTrue(body.getBoolean("truncated"));

    HttpResponse<Buffer> one = http.get("/v1/match?type=pdq&value=" + base.toHex() + "&max_matches_per_signal=7", query);
    assertEquals(7, one.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches").size());

    HttpResponse<Buffer> all = http.get("/v1/match?type=pdq&value=" + base.toHex() + "&max_matches_per_signal=1000"
        + "&max_distance=0", query);
    assertFalse(all.bodyAsJsonObject().getBoolean("truncated"), all.bodyAsString());
    assertFalse(all.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getBoolean("truncated"));
  }

  @Test
  void invalidCaps_are400NamingTheValue() {
    String query = key("query");
    HttpResponse<Buffer> zero = http.post("/v1/match", query, batch(1).put("max_matches", 0));
    assertProblem(zero, 400, "invalid-max-matches");
    assertEquals("0", zero.bodyAsJsonObject().getString("value"));
    assertProblem(http.post("/v1/match", query, batch(1).put("max_matches_per_signal", "many")), 400,
        "invalid-max-matches");
    assertProblem(http.post("/v1/match", query, batch(1).put("max_matches_per_signal", 2.5)), 400,
        "invalid-max-matches");
    assertProblem(http.get("/v1/match?type=pdq&value=" + base.toHex() + "&max_matches_per_signal=-1", query), 400,
        "invalid-max-matches");
  }

  @Test
  void heavyBatchesOfOneKey_beyondTheLimit_get429_whileAnotherKeyIsServed_andHealthzAnswers() throws Exception {
    String a = key("query");
    String b = key("query");
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = holdWorkers();
    try {
      CompletableFuture<java.net.http.HttpResponse<String>> first = client.sendAsync(post(a, batch(200)),
          BodyHandlers.ofString());
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 1, () -> "first heavy batch not admitted");

      HttpResponse<Buffer> refused = http.post("/v1/match", a, batch(200));
      assertProblem(refused, 429, "too-many-heavy-requests");
      assertEquals("1", refused.getHeader("Retry-After"));
      assertTrue(refused.bodyAsJsonObject().getString("detail").contains("match.heavy_per_key"), refused.bodyAsString());

      CompletableFuture<java.net.http.HttpResponse<String>> other = client.sendAsync(post(b, batch(200)),
          BodyHandlers.ofString());
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 2, () -> "the other key's batch was not admitted");
      assertEquals(200, http.get("/healthz", null).statusCode(), "the event loop answers meanwhile");
      CompletableFuture<java.net.http.HttpResponse<String>> light = client.sendAsync(post(a, batch(99)),
          BodyHandlers.ofString());
      release.countDown();
      assertEquals(200, light.get(60, TimeUnit.SECONDS).statusCode(), "a batch below match.heavy_signals is not counted");

      assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
      java.net.http.HttpResponse<String> served = other.get(60, TimeUnit.SECONDS);
      assertEquals(200, served.statusCode(), served.body());
      assertEquals(200, new JsonObject(served.body()).getJsonArray("results").size());
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 0, () -> "slots not released");
      assertEquals(200, http.post("/v1/match", a, batch(200)).statusCode(), "the slot is free again");
    } finally {
      release.countDown();
    }
  }

  @Test
  void heavySlots_coverVpdqQueries_files_andTheHmaRoutes_andAreReleasedOnEveryPath() throws Exception {
    String a = key("query");
    String video = "[\"" + base.toHex() + ",100,0.0\", \"" + base.toHex() + ",100,1.0\"]";
    String vpdq = URLEncoder.encode(video, StandardCharsets.UTF_8);
    Buffer file = Buffer.buffer("not an image, not a video: only digested");
    CountDownLatch release = holdWorkers();
    try {
      // a vpdq query holds a's only slot (match.heavy_per_key 1) while it waits for a worker
      HttpClient client = HttpClient.newHttpClient();
      CompletableFuture<java.net.http.HttpResponse<String>> first = client.sendAsync(
          get(a, "/v1/match?type=vpdq&value=" + vpdq), BodyHandlers.ofString());
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 1, () -> "the vpdq query was not admitted");

      assertProblem(http.get("/v1/match?type=vpdq&value=" + vpdq, a), 429, "too-many-heavy-requests");
      HttpResponse<Buffer> upload = http.post("/v1/match/file", a, file, "application/octet-stream");
      assertProblem(upload, 429, "too-many-heavy-requests");
      assertEquals("1", upload.getHeader("Retry-After"));
      assertEquals("a file to hash", upload.bodyAsJsonObject().getString("value"));
      assertHmaRefused(http.get("/m/raw_lookup?signal_type=vpdq&signal=" + vpdq, a));
      assertHmaRefused(http.get("/m/lookup?signal_type=vpdq&signal=" + vpdq, a));
      assertHmaRefused(http.post("/h/hash", a, multipart("photo", file), "multipart/form-data; boundary=" + BOUNDARY));
      assertHmaRefused(http.post("/m/lookup", a, multipart("photo", file), "multipart/form-data; boundary=" + BOUNDARY));
      assertEquals(1, heavyInFlight(), "a refused request holds no slot");

      release.countDown();
      assertEquals(200, first.get(60, TimeUnit.SECONDS).statusCode());
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 0, () -> "the vpdq query's slot not released");
    } finally {
      release.countDown();
    }
    // each of them is served once the slot is free, and gives it back, on success and on error
    assertEquals(200, http.get("/v1/match?type=vpdq&value=" + vpdq, a).statusCode());
    HttpResponse<Buffer> matched = http.post("/v1/match/file", a, file, "application/octet-stream");
    assertEquals(200, matched.statusCode(), matched.bodyAsString());
    assertEquals(200, http.get("/m/raw_lookup?signal_type=vpdq&signal=" + vpdq, a).statusCode());
    HttpResponse<Buffer> notImage = http.post("/h/hash", a, multipart("photo", file),
        "multipart/form-data; boundary=" + BOUNDARY);
    assertEquals(400, notImage.statusCode(), "the photo is not an image: " + notImage.bodyAsString());
    Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 0, () -> "slots not released after answers");
  }

  @Test
  void heavySlot_isReleased_whenTheClientLeaves() throws Exception {
    String a = key("query");
    String vpdq = URLEncoder.encode("[\"" + base.toHex() + ",100,0.0\"]", StandardCharsets.UTF_8);
    CountDownLatch release = holdWorkers();
    try {
      try (Socket socket = new Socket("127.0.0.1", node.port())) {
        socket.getOutputStream().write(("GET /v1/match?type=vpdq&value=" + vpdq + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Authorization: Bearer " + a + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 1, () -> "the vpdq query was not admitted");
      }
      Await.until(Duration.ofSeconds(30), () -> heavyInFlight() == 0, () -> "the slot outlived its connection");
    } finally {
      release.countDown();
    }
    assertEquals(200, http.get("/v1/match?type=vpdq&value=" + vpdq, a).statusCode(), "the slot is free again");
  }

  @Test
  void oneSignalLookups_areAnsweredWhileEveryWorkerIsBusy_andWideSearchesAndBatchesWaitForAWorker() throws Exception {
    String a = key("query");
    JsonObject viaWorker = http.post("/v1/match", a, batch(2)).bodyAsJsonObject();
    HttpClient client = HttpClient.newHttpClient();
    CountDownLatch release = holdWorkers();
    try {
      CompletableFuture<java.net.http.HttpResponse<String>> wide = client.sendAsync(
          get(a, "/v1/match?type=pdq&value=" + base.toHex() + "&max_distance=40"), BodyHandlers.ofString());
      CompletableFuture<java.net.http.HttpResponse<String>> twoSignals = client.sendAsync(post(a, batch(2)),
          BodyHandlers.ofString());

      HttpResponse<Buffer> pdq = http.get("/v1/match?type=pdq&value=" + base.toHex(), a);
      assertEquals(200, pdq.statusCode(), pdq.bodyAsString());
      assertEquals(viaWorker.getJsonArray("results").getJsonObject(0), pdq.bodyAsJsonObject().getJsonArray("results")
          .getJsonObject(0), "the same result as a match on a worker");
      HttpResponse<Buffer> md5 = http.get("/v1/match?type=md5&value=" + "0".repeat(32), a);
      assertEquals(200, md5.statusCode(), md5.bodyAsString());
      assertEquals(0, md5.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches").size());
      JsonObject one = new JsonObject().put("signals", batch(1).getJsonArray("signals"));
      assertEquals(200, http.post("/v1/match", a, one).statusCode(), "a batch of one signal is a look-up too");

      // every worker is still held: these two cannot have been answered
      assertFalse(wide.isDone(), "max_distance 40 scans every hash: on a worker");
      assertFalse(twoSignals.isDone(), "two signals: on a worker");
      release.countDown();
      assertEquals(200, wide.get(60, TimeUnit.SECONDS).statusCode());
      assertEquals(viaWorker, new JsonObject(twoSignals.get(60, TimeUnit.SECONDS).body()));
    } finally {
      release.countDown();
    }
  }

  /**
   * Keeps every worker of the node busy until the returned latch is counted down (at the latest
   * after 60 s), so that admitted heavy requests wait in the pool's queue, in flight.
   */
  private static CountDownLatch holdWorkers() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    int workers = node.config().workerThreads();
    CountDownLatch held = new CountDownLatch(workers);
    for (int i = 0; i < workers; i++) {
      node.worker().executeBlocking(() -> {
        held.countDown();
        return release.await(60, TimeUnit.SECONDS);
      }, false);
    }
    if (!held.await(30, TimeUnit.SECONDS)) {
      release.countDown();
      throw new AssertionError("workers not all held within 30 s");
    }
    return release;
  }

  private static final String BOUNDARY = "heavy-test-boundary";

  private static Buffer multipart(String field, Buffer file) {
    return Buffer.buffer("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field
        + "\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .appendBuffer(file).appendString("\r\n--" + BOUNDARY + "--\r\n");
  }

  /** HMA's refusal: 429 with Retry-After and its {@code {"message"}} naming the setting. */
  private static void assertHmaRefused(HttpResponse<Buffer> r) {
    assertEquals(429, r.statusCode(), r.bodyAsString());
    assertEquals("1", r.getHeader("Retry-After"));
    assertTrue(r.bodyAsJsonObject().getString("message").contains("match.heavy_per_key"), r.bodyAsString());
  }

  private HttpRequest get(String key, String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + pathAndQuery))
        .header("Authorization", "Bearer " + key).GET().build();
  }

  private HttpRequest post(String key, JsonObject body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/v1/match"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
  }

  private static int heavyInFlight() {
    String metrics = http.get("/metrics", null).bodyAsString();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("hashfed_heavy_match_requests ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    throw new AssertionError("no hashfed_heavy_match_requests gauge: " + metrics);
  }
}
