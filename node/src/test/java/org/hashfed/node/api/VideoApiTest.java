package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqContent;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.hashfed.protocol.vpdq.VpdqSignalFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitting and matching vpdq signals over the platform API of a real node. */
class VideoApiTest {

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String submitter;
  static String query;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("acme").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    submitter = PlatformApiTest.keyWith(http, admin, "submit");
    query = PlatformApiTest.keyWith(http, admin, "query");
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static List<VpdqFrame> reference(String name, int step) throws Exception {
    List<VpdqFrame> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(Path.of("../protocol/src/test/resources/vpdq/expected/" + name + ".txt"));
    for (int i = 0; i < lines.size(); i += step) {
      String[] f = lines.get(i).split(",");
      out.add(VpdqFrame.of(Integer.parseInt(f[0]), Math.round(Double.parseDouble(f[3]) * 1000), PdqHash.fromHex(f[2]),
          Integer.parseInt(f[1])));
    }
    return out;
  }

  static JsonObject vpdq(VideoHashes v) {
    return new JsonObject().put("type", "vpdq").put("hashes", v.base64());
  }

  @Test
  void submitVideoWithContentHashes_thenMatchTheBarelessCopy_reportsPercentagesAndRanges() throws Exception {
    List<VpdqFrame> source = reference("pattern-sd-grey-bar", 30);
    // the shared copy has bars: its standard hashes are other frames', its content hashes the source's
    List<VpdqFrame> other = reference("doorknob-hd-no-bar", 30).subList(0, 3);
    List<VpdqFrame> standard = new ArrayList<>();
    List<PdqResult> content = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      VpdqFrame f = source.get(i);
      standard.add(VpdqFrame.of(f.frameNumber(), f.timestampMillis(), other.get(i % 3).hash(), 20));
      content.add(PdqResult.of(f.hash(), f.quality()));
    }
    VideoHashes shared = VideoHashes.of(standard, Optional.of(VpdqContent.of(0, 40, 320, 160, content)));
    JsonObject ack = PlatformApiTest.submitWith(http, submitter, new JsonObject().put("signal", vpdq(shared))
        .put("labels", new JsonArray().add("content:attack-livestream")));

    HttpResponse<Buffer> r = http.post("/v1/match", query, new JsonObject()
        .put("signals", new JsonArray().add(vpdq(VideoHashes.of(source)))));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject result = r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0);
    assertEquals("vpdq", result.getJsonObject("signal").getString("type"));
    assertEquals(source.size(), result.getJsonObject("signal").getInteger("frames"));
    JsonArray matches = result.getJsonArray("matches");
    assertEquals(1, matches.size(), r.bodyAsString());
    JsonObject m = matches.getJsonObject(0);
    assertEquals(ack.getString("entry_id"), m.getString("entry_id"));
    assertEquals(shared.digest(), m.getJsonObject("signal").getString("value"));
    assertEquals(new JsonObject().put("x", 0).put("y", 40).put("width", 320).put("height", 160),
        m.getJsonObject("signal").getJsonObject("content"));
    JsonObject video = m.getJsonObject("video");
    assertEquals(100.0, video.getDouble("query_percent"));
    assertEquals("content", video.getString("via"));
    assertEquals(0.0, video.getJsonArray("ranges").getJsonObject(0).getDouble("from"));
  }

  @Test
  void matchWithQueryPercentAbove_leavesOutAPartialMatch_unlessContained_andBadPercentIsA400() throws Exception {
    List<VpdqFrame> all = reference("chair-22-with-large-logo-bar", 30);
    PlatformApiTest.submitWith(http, submitter, new JsonObject().put("signal", vpdq(VideoHashes.of(all.subList(0, 10))))
        .put("labels", new JsonArray().add("content:attack-livestream")));
    JsonObject q = new JsonObject().put("signals", new JsonArray().add(vpdq(VideoHashes.of(all.subList(0, 20)))))
        .put("contained_percent", 0);
    assertEquals(0, matches(http.post("/v1/match", query, q.copy())).size(), "10 of 20 frames is 50%, under 80");
    JsonArray half = matches(http.post("/v1/match", query, q.copy().put("query_percent", 50)));
    assertEquals(1, half.size());
    assertEquals(50.0, half.getJsonObject(0).getJsonObject("video").getDouble("query_percent"));
    JsonArray contained = matches(http.post("/v1/match", query, q.copy().put("contained_percent", null)));
    assertEquals(1, contained.size(), "by default the shared clip is found inside the longer query");
    JsonObject video = contained.getJsonObject(0).getJsonObject("video");
    assertEquals(100.0, video.getDouble("compared_percent"));
    assertTrue(video.getInteger("compared_matched") >= 5, video.encode());
    assertProblem(http.post("/v1/match", query, q.copy().put("query_percent", 101)), 400, "invalid-percent");
    assertProblem(http.post("/v1/match", query, q.copy().put("contained_percent", -1)), 400, "invalid-percent");
  }

  @Test
  void badVideoSignals_are400sNamingTheProblem_andAFlatVideoIsRefused() throws Exception {
    HttpResponse<Buffer> r = http.post("/v1/match", query, new JsonObject().put("signals",
        new JsonArray().add(new JsonObject().put("type", "vpdq").put("hashes", "AQAAAA=="))));
    assertProblem(r, 400, "invalid-signal");
    assertTrue(r.bodyAsString().contains("truncated"), r.bodyAsString());
    List<VpdqFrame> flat = new ArrayList<>();
    for (VpdqFrame f : reference("doorknob-hd-no-bar", 30)) {
      flat.add(VpdqFrame.of(f.frameNumber(), f.timestampMillis(), f.hash(), 10));
    }
    HttpResponse<Buffer> low = http.post("/v1/submissions", submitter, new JsonObject()
        .put("signal", vpdq(VideoHashes.of(flat))).put("labels", new JsonArray().add("content:attack-livestream")));
    assertProblem(low, 422, "low-quality");
  }

  @Test
  void matchByPythonThreatexchangeString_andProvenanceByValue_findTheVideo() throws Exception {
    List<VpdqFrame> frames = reference("test-padded-dimensions", 30);
    VideoHashes v = VideoHashes.of(frames);
    String entry = PlatformApiTest.submitWith(http, submitter, new JsonObject().put("signal", vpdq(v))
        .put("labels", new JsonArray().add("content:attack-livestream"))).getString("entry_id");
    String pytx = VpdqSignalFormat.write(frames);
    JsonArray byGet = matches(http.get("/v1/match?type=vpdq&value="
        + URLEncoder.encode(pytx, StandardCharsets.UTF_8), query));
    assertEquals(entry, byGet.getJsonObject(0).getString("entry_id"));
    JsonArray byPost = matches(http.post("/v1/match", query, new JsonObject().put("signals",
        new JsonArray().add(new JsonObject().put("type", "vpdq").put("value", pytx)))));
    assertEquals(entry, byPost.getJsonObject(0).getString("entry_id"));
    assertProblem(http.get("/v1/match?type=vpdq&value=" + URLEncoder.encode("[\"zz,1,0\"]", StandardCharsets.UTF_8),
        query), 400, "invalid-signal");

    String admin = Files.readString(dir.resolve("admin.key")).trim();
    HttpResponse<Buffer> p = http.get("/v1/log/provenance?type=vpdq&value=" + v.digest(), admin);
    assertEquals(200, p.statusCode(), p.bodyAsString());
    assertEquals(1, p.bodyAsJsonObject().getJsonArray("entries").size(), p.bodyAsString());
    assertProblem(http.get("/v1/log/provenance?type=vpdq&value=abc", admin), 400, "invalid-signal");
  }

  private static JsonArray matches(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches");
  }
}
