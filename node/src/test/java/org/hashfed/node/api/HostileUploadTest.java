package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.ImageOptions;
import org.hashfed.node.config.MatchLimits;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload rows of issue #16's attack table against a real node: each hostile image is a 422
 * naming the limit and the value, answered within a generous bound, ordinary matches keep being
 * answered meanwhile, raw bodies stream to disk under the size limit, and no file is left behind.
 */
class HostileUploadTest {

  private static final long FILE_LIMIT = 4L << 20;
  /** Generous: every answer here takes milliseconds on an idle machine. */
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";

  @TempDir static Path dir;
  @TempDir static Path strictDir;
  static Node node;
  static Node strict;
  static String query;
  static String strictQuery;
  static HttpClient client;
  static Map<String, byte[]> hostile;
  static Path leftByACrash;

  @BeforeAll
  static void start() throws Exception {
    // what a node killed mid-upload leaves behind, for the node below to find at its start
    leftByACrash = dir.resolve("uploads").resolve("request-of-a-killed-node").resolve("body.upload");
    Files.createDirectories(leftByACrash.getParent());
    Files.write(leftByACrash, new byte[4096]);
    // the decoders' budget is under test: one key may have every hostile upload in flight (the
    // per-key limit of heavy requests, which would refuse most of them first, is MatchBudgetTest's)
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).maxFileBytes(FILE_LIMIT)
        .match(MatchLimits.of(MatchLimits.DEFAULT_MAX_PER_SIGNAL, MatchLimits.DEFAULT_MAX_PER_RESPONSE,
            MatchLimits.DEFAULT_HEAVY_SIGNALS, 1024)).build());
    // a node that gives a decode one millisecond
    strict = Node.start(NodeConfig.builder().dataDir(strictDir).port(0).peerPort(0).maxFileBytes(FILE_LIMIT)
        .image(ImageOptions.defaults().withDecodeTimeout(Duration.ofMillis(1))).build());
    node.awaitReady(BOUND);
    strict.awaitReady(BOUND);
    try (TestClient http = new TestClient(node.port()); TestClient strictHttp = new TestClient(strict.port())) {
      query = PlatformApiTest.keyWith(http, Files.readString(dir.resolve("admin.key")).trim(), "query");
      strictQuery = PlatformApiTest.keyWith(strictHttp, Files.readString(strictDir.resolve("admin.key")).trim(),
          "query");
    }
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build();
    hostile = Map.of(
        "65500x65500", HostileImages.hugeProgressiveJpeg(),
        "more than 100 scans", HostileImages.manyScanJpeg(20_000),
        "16383x16383", HostileImages.tinyLosslessWebp(),
        "46340x46340", HostileImages.hugeSixteenBitPng());
  }

  @AfterAll
  static void stop() throws Exception {
    node.stop();
    strict.stop();
  }

  private static HttpRequest.Builder request(Node n, String path, String key) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port() + path)).timeout(BOUND)
        .header("Authorization", "Bearer " + key);
  }

  private static CompletableFuture<HttpResponse<String>> postRaw(Node n, String key, byte[] body) {
    return client.sendAsync(request(n, "/v1/match/file", key).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> f) throws Exception {
    return f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  private static JsonObject problem(HttpResponse<String> r, int status, String slug) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(Problem.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
    JsonObject p = new JsonObject(r.body());
    assertEquals(Problem.TYPE_PREFIX + slug, p.getString("type"), r.body());
    return p;
  }

  @Test
  void eachHostileImage_isA422NamingTheLimitAndTheValue_andLeavesNoFile() throws Exception {
    assertEquals(34, HostileImages.tinyLosslessWebp().length);
    for (Map.Entry<String, byte[]> row : hostile.entrySet()) {
      JsonObject p = problem(await(postRaw(node, query, row.getValue())), 422, "image-limit");
      assertTrue(p.getString("detail").contains(row.getKey()), p.encode());
      assertTrue(p.getString("detail").contains("image.*"), p.encode());
    }
    JsonObject p = problem(await(postRaw(node, query, hostile.get("65500x65500"))), 422, "image-limit");
    assertEquals("the uploaded image is over a limit of this node (image.* in its config): JPEG image of "
        + "65500x65500 pixels (4290250000) exceeds the limit of 50000000 pixels", p.getString("detail"));
    UploadsDir.assertEmptySoon(dir);
  }

  @Test
  void hostileImageToHmasHashRoute_isA422TooWithHmasMessage() throws Exception {
    String boundary = "hostile-boundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.webp\"\r\n"
        + "Content-Type: image/webp\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] webp = HostileImages.tinyLosslessWebp();
    byte[] body = new byte[head.length + webp.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(webp, 0, body, head.length, webp.length);
    System.arraycopy(tail, 0, body, head.length + webp.length, tail.length);
    HttpResponse<String> r = await(client.sendAsync(request(node, "/h/hash", query)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()));
    assertEquals(422, r.statusCode(), r.body());
    assertTrue(new JsonObject(r.body()).getString("message").contains("16383x16383"), r.body());
    UploadsDir.assertEmptySoon(dir);
  }

  @Test
  void ordinaryMatches_keepBeingAnswered_whileHostileImagesAreInFlight() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      for (byte[] image : hostile.values()) {
        inFlight.add(postRaw(node, query, image));
      }
    }
    for (int i = 0; i < 15; i++) {
      HttpResponse<String> match = client.send(request(node, "/v1/match?type=pdq&value=" + PDQ, query).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, match.statusCode(), match.body());
    }
    int refused = 0;
    for (CompletableFuture<HttpResponse<String>> f : inFlight) {
      HttpResponse<String> r = await(f);
      if (r.statusCode() == 503) {
        // more hostile uploads at once than image.decode_threads + image.queue: told to come back
        problem(r, 503, "busy");
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), r.headers().toString());
      } else {
        problem(r, 422, "image-limit");
        refused++;
      }
    }
    assertTrue(refused >= ImageOptions.defaults().decodeThreads(), refused + " of " + inFlight.size() + " refused as over a limit");
    UploadsDir.assertEmptySoon(dir);
  }

  @Test
  void decodeOverTheTimeLimit_isStopped_andA422NamingTheLimit() throws Exception {
    JsonObject p = problem(await(postRaw(strict, strictQuery, HostileImages.noisePng(1200, 900))), 422,
        "image-limit");
    assertTrue(p.getString("detail").endsWith("decoding took longer than the limit of 1 ms"), p.encode());
    UploadsDir.assertEmptySoon(strictDir);
  }

  @Test
  void chunkedRawBody_overTheLimit_is413WhileStreaming_andLeavesNoFile() throws Exception {
    byte[] tooBig = new byte[(int) FILE_LIMIT + (1 << 20)];
    HttpResponse<String> r = await(client.sendAsync(request(node, "/v1/match/file", query)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig))).build(),
        HttpResponse.BodyHandlers.ofString()));
    JsonObject p = problem(r, 413, "body-too-large");
    assertTrue(p.getString("detail").contains(Long.toString(FILE_LIMIT)), p.encode());
    UploadsDir.assertEmptySoon(dir);
  }

  @Test
  void rawBody_isOnDiskWhileItArrives_andAnAbortedUploadLeavesNothing() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/match/file HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + query
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + FILE_LIMIT + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] part = new byte[1 << 20];
      out.write(part);
      out.flush();
      Await.until(BOUND, () -> bodyBytesOnDisk(dir) == part.length,
          () -> bodyBytesOnDisk(dir) + " bytes of the body on disk, expected " + part.length);
    }
    UploadsDir.assertEmptySoon(dir);
    HttpResponse<String> match = client.send(request(node, "/v1/match?type=pdq&value=" + PDQ, query).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, match.statusCode(), match.body());
  }

  @Test
  void uploadsLeftByACrashedNode_areRemovedAtTheNextStart() {
    assertFalse(Files.exists(leftByACrash), leftByACrash + " is still there");
    assertFalse(Files.exists(leftByACrash.getParent()), leftByACrash.getParent() + " is still there");
  }

  private static long bodyBytesOnDisk(Path data) {
    Path uploads = data.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(f -> f.getFileName().toString().equals("body.upload")).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      // a directory removed while it was walked: look again
      return -1;
    }
  }
}
