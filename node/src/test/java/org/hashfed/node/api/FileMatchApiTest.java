package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.filehash.FileDigests;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/match/file} against a real node, with published PDQ vector images. */
class FileMatchApiTest {

  private static final Path IMAGES = Path.of(System.getProperty("hashfed.repo.dir", ".."),
      "protocol", "src", "test", "resources", "pdq-vectors", "images");
  // Full-resolution reference hashes from pdq-vectors/expected.csv.
  private static final String SHRINK_PDQ = "d0f8f1ccc0f4a84d0a370a3a228f67f0b36e2ed5b6623e1d33e6339c4e9c9b22";
  private static final String SQUARE_PDQ = "d8f8f1eec0f4a84f0e37022a078f63f0b36e2ed596621e1d33e6239c4e9c9b22";
  private static final long FILE_LIMIT = 2L * 1024 * 1024;

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String query;
  static String submitter;
  static byte[] shrink;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).maxFileBytes(FILE_LIMIT).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    submitter = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "submit")).bodyAsJsonObject()
        .getString("key");
    shrink = Files.readAllBytes(IMAGES.resolve("bridge-mods-shrink-a-lot.jpg"));
    FileDigests d = FileDigests.of(shrink);
    submit("md5", d.md5Hex(), null);
    submit("sha256", d.sha256Hex(), null);
    submit("pdq", SQUARE_PDQ, 100);
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static void submit(String type, String value, Integer quality) {
    JsonObject signal = new JsonObject().put("type", type).put("value", value);
    if (quality != null) {
      signal.put("quality", quality);
    }
    HttpResponse<Buffer> r = http.post("/v1/submissions", submitter,
        new JsonObject().put("signal", signal).put("labels", new JsonArray().add("behavior:glorification")));
    assertEquals(201, r.statusCode(), r.bodyAsString());
  }

  static HttpResponse<Buffer> postRaw(byte[] body, String key) {
    return http.post("/v1/match/file", key, Buffer.buffer(body), "application/octet-stream");
  }

  static HttpResponse<Buffer> postMultipart(byte[] file, String key) {
    String boundary = "hashfed-test-boundary";
    Buffer body = Buffer.buffer()
        .appendString("--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"note\"\r\n\r\nnot a file\r\n"
            + "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"upload.jpg\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n")
        .appendBytes(file)
        .appendString("\r\n--" + boundary + "--\r\n");
    return http.post("/v1/match/file", key, body, "multipart/form-data; boundary=" + boundary);
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static void assertNoUploadsLeft() {
    UploadsDir.assertEmptySoon(dir);
  }

  void assertImageResults(JsonObject body) {
    assertEquals(new JsonObject().put("bytes", shrink.length).put("image_format", "jpeg").put("pdq", "hashed")
        .put("vpdq", "not_a_video"), body.getJsonObject("file"));
    JsonArray results = body.getJsonArray("results");
    assertEquals(3, results.size(), results.encode());
    FileDigests d = FileDigests.of(shrink);
    assertEquals(new JsonObject().put("type", "md5").put("value", d.md5Hex()),
        results.getJsonObject(0).getJsonObject("signal"));
    assertEquals(new JsonObject().put("type", "sha256").put("value", d.sha256Hex()),
        results.getJsonObject(1).getJsonObject("signal"));
    assertEquals(new JsonObject().put("type", "pdq").put("value", SHRINK_PDQ).put("quality", 100),
        results.getJsonObject(2).getJsonObject("signal"));
    for (int i = 0; i < 3; i++) {
      assertEquals(1, results.getJsonObject(i).getJsonArray("matches").size(), results.encode());
    }
    JsonObject pdqMatch = results.getJsonObject(2).getJsonArray("matches").getJsonObject(0);
    assertEquals(SQUARE_PDQ, pdqMatch.getJsonObject("signal").getString("value"));
    assertEquals(PdqHash.fromHex(SHRINK_PDQ).distance(PdqHash.fromHex(SQUARE_PDQ)), pdqMatch.getInteger("distance"));
  }

  @Test
  void rawImage_computesAllThreeSignals_andMatchesEach() {
    assertImageResults(ok(postRaw(shrink, query)));
  }

  @Test
  void multipartImage_givesTheSameResults_andLeavesNoTemporaryFile() throws Exception {
    assertImageResults(ok(postMultipart(shrink, query)));
    assertNoUploadsLeft();
  }

  @Test
  void maxDistance_appliesToThePdqSignal() {
    int d = PdqHash.fromHex(SHRINK_PDQ).distance(PdqHash.fromHex(SQUARE_PDQ));
    JsonObject body = ok(http.post("/v1/match/file?max_distance=" + (d - 1), query, Buffer.buffer(shrink),
        "image/jpeg"));
    assertEquals(0, body.getJsonArray("results").getJsonObject(2).getJsonArray("matches").size());
  }

  @Test
  void multipartWithTooManyParts_isA4xx_andLeavesNoTemporaryFile() throws Exception {
    String boundary = "hashfed-many-parts";
    Buffer body = Buffer.buffer();
    for (int i = 0; i < 300; i++) {
      body.appendString("--" + boundary + "\r\n"
          + "Content-Disposition: form-data; name=\"file" + i + "\"; filename=\"part" + i + ".bin\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").appendBytes(new byte[1024]).appendString("\r\n");
    }
    body.appendString("--" + boundary + "--\r\n");
    HttpResponse<Buffer> r = http.post("/v1/match/file", query, body, "multipart/form-data; boundary=" + boundary);
    assertProblem(r, 400, "invalid-multipart");
    assertNoUploadsLeft();
  }

  /** curl --data-binary sends a file as a form unless told otherwise: still the file. */
  @Test
  void rawImageWithCurlsDefaultFormContentType_isTheFileToo() {
    assertImageResults(ok(http.post("/v1/match/file", query, Buffer.buffer(shrink),
        "application/x-www-form-urlencoded")));
  }

  @Test
  void nonImage_givesDigestsOnly_andSaysPdqIsAbsent() {
    byte[] text = "just some text, not an image\n".getBytes(StandardCharsets.UTF_8);
    JsonObject body = ok(postRaw(text, query));
    JsonObject file = body.getJsonObject("file");
    assertEquals("not_an_image", file.getString("pdq"));
    assertEquals("not_a_video", file.getString("vpdq"));
    assertTrue(file.getString("vpdq_problem").startsWith("the uploaded file: not a video in a supported container"),
        file.encode());
    JsonArray results = body.getJsonArray("results");
    assertEquals(2, results.size());
    assertEquals(FileDigests.of(text).sha256Hex(), results.getJsonObject(1).getJsonObject("signal").getString("value"));
  }

  @Test
  void undecodableImage_stillMatchesItsDigests_andReportsTheDecodeProblem() {
    byte[] truncated = Arrays.copyOf(shrink, 300);
    submit("md5", FileDigests.of(truncated).md5Hex(), null);
    JsonObject body = ok(postMultipart(truncated, query));
    JsonObject file = body.getJsonObject("file");
    assertEquals("jpeg", file.getString("image_format"));
    assertEquals("undecodable", file.getString("pdq"));
    assertTrue(file.getString("pdq_problem").startsWith("cannot decode"), file.encode());
    JsonArray results = body.getJsonArray("results");
    assertEquals(2, results.size());
    assertEquals(1, results.getJsonObject(0).getJsonArray("matches").size());
  }

  @Test
  void bodyAboveTheJsonLimitButWithinTheFileLimit_isAccepted() {
    byte[] big = new byte[(int) NodeConfig.DEFAULT_MAX_BODY_BYTES + 4096];
    new Random(7).nextBytes(big);
    big[0] = 0;
    JsonObject body = ok(postRaw(big, query));
    assertEquals(big.length, body.getJsonObject("file").getLong("bytes"));
  }

  @Test
  void overTheFileLimit_is413NamingTheLimit() throws Exception {
    byte[] tooBig = new byte[(int) FILE_LIMIT + 1];
    HttpResponse<Buffer> raw = postRaw(tooBig, query);
    assertProblem(raw, 413, "body-too-large");
    assertTrue(raw.bodyAsJsonObject().getString("detail").contains(Long.toString(FILE_LIMIT)), raw.bodyAsString());
    assertProblem(postMultipart(tooBig, query), 413, "body-too-large");
    assertNoUploadsLeft();
  }

  @Test
  void emptyFile_is400() throws Exception {
    assertProblem(postRaw(new byte[0], query), 400, "missing-file");
    assertProblem(postMultipart(new byte[0], query), 400, "missing-file");
    assertNoUploadsLeft();
  }

  @Test
  void multipartWithoutFilePart_is400() {
    String boundary = "b";
    Buffer body = Buffer.buffer("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n");
    HttpResponse<Buffer> r = http.post("/v1/match/file", query, body, "multipart/form-data; boundary=" + boundary);
    assertProblem(r, 400, "missing-file");
  }

  @Test
  void withoutKey_is401_andBadDistance_is400() {
    assertProblem(postRaw(shrink, null), 401, "missing-api-key");
    HttpResponse<Buffer> r = http.post("/v1/match/file?max_distance=64", query, Buffer.buffer(shrink), "image/jpeg");
    assertProblem(r, 400, "invalid-max-distance");
    assertFalse(r.bodyAsJsonObject().getString("detail").isBlank());
  }
}
