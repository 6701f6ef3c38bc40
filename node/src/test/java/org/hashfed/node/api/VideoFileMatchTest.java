package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.config.VideoOptions;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VideoSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/match/file} with videos: hashed in the node on its own pool, matched, bounded. */
class VideoFileMatchTest {

  private static final Path VIDEOS = Path.of("../protocol/src/test/resources/vpdq/videos");

  @TempDir static Path dir;
  @TempDir static Path smallDir;
  static Node node;
  static Node small;
  static TestClient http;
  static TestClient smallHttp;
  static String query;
  static String smallQuery;
  static String submitted;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).maxFileBytes(8L << 20).build());
    // a node whose video limits a 640x360 video exceeds
    small = Node.start(NodeConfig.builder().dataDir(smallDir).port(0).peerPort(0).maxFileBytes(8L << 20)
        .video(VideoOptions.defaults().withMaxFramePixels(320 * 240)).build());
    node.awaitReady(Duration.ofSeconds(20));
    small.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    smallHttp = new TestClient(small.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    query = PlatformApiTest.keyWith(http, admin, "query");
    smallQuery = PlatformApiTest.keyWith(smallHttp, Files.readString(smallDir.resolve("admin.key")).trim(), "query");
    VideoHashes v = VideoSignals.hash(VIDEOS.resolve("pattern-sd-grey-bar.mp4"), 1, VideoLimits.defaults());
    submitted = PlatformApiTest.submitWith(http, PlatformApiTest.keyWith(http, admin, "submit"), new JsonObject()
        .put("signal", new JsonObject().put("type", "vpdq").put("hashes", v.base64()))
        .put("labels", new JsonArray().add("content:attack-livestream"))).getString("entry_id");
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    smallHttp.close();
    node.stop();
    small.stop();
  }

  private static JsonObject vpdqResult(JsonObject body) {
    for (Object r : body.getJsonArray("results")) {
      JsonObject o = (JsonObject) r;
      if ("vpdq".equals(o.getJsonObject("signal").getString("type"))) {
        return o;
      }
    }
    throw new AssertionError("no vpdq result in " + body.encode());
  }

  @Test
  void rawVideo_isHashedAndMatchesTheSubmittedVideo_leavingNoFileBehind() throws Exception {
    byte[] video = Files.readAllBytes(VIDEOS.resolve("pattern-sd-grey-bar.mp4"));
    HttpResponse<Buffer> r = http.post("/v1/match/file", query, Buffer.buffer(video), "video/mp4");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("hashed", body.getJsonObject("file").getString("vpdq"));
    assertEquals("not_an_image", body.getJsonObject("file").getString("pdq"));
    JsonArray matches = vpdqResult(body).getJsonArray("matches");
    assertEquals(1, matches.size(), r.bodyAsString());
    assertEquals(submitted, matches.getJsonObject(0).getString("entry_id"));
    assertEquals(100.0, matches.getJsonObject(0).getJsonObject("video").getDouble("query_percent"));
    assertNoUploadsLeft(dir);
  }

  @Test
  void truncatedVideo_givesItsDigestsAndSaysWhyThereIsNoVpdq() throws Exception {
    byte[] video = Files.readAllBytes(VIDEOS.resolve("pattern-sd-grey-bar.mp4"));
    byte[] cut = Arrays.copyOf(video, video.length / 4);
    HttpResponse<Buffer> r = http.post("/v1/match/file", query, Buffer.buffer(cut), "video/mp4");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject file = r.bodyAsJsonObject().getJsonObject("file");
    assertEquals("not_a_video", file.getString("vpdq"), file.encode());
    assertTrue(file.getString("vpdq_problem").contains("pattern") || file.getString("vpdq_problem").length() > 10,
        file.encode());
    assertEquals(2, r.bodyAsJsonObject().getJsonArray("results").size(), "md5 and sha256 only");
    assertNoUploadsLeft(dir);
  }

  @Test
  void videoOverTheFrameSizeLimit_isA422NamingTheLimit() throws Exception {
    byte[] video = Files.readAllBytes(VIDEOS.resolve("pattern-sd-grey-bar.mp4"));
    HttpResponse<Buffer> r = smallHttp.post("/v1/match/file", smallQuery, Buffer.buffer(video), "video/mp4");
    assertProblem(r, 422, "video-limit");
    assertTrue(r.bodyAsString().contains("76800"), r.bodyAsString());
    assertNoUploadsLeft(smallDir);
  }

  static void assertNoUploadsLeft(Path data) {
    UploadsDir.assertEmptySoon(data);
  }
}
