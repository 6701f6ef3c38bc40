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
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.catalog.ReferenceVideos;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retro-hunt of videos against a real node: a watched upload's vpdq signal is reported when a copy
 * of it is shared later, with the figures {@code /v1/match} reports, and only then.
 */
class WatchVideoApiTest {

  static final VideoHashes CHAIR = ReferenceVideos.video("chair-19-sd-bar");
  static final int N = CHAIR.frames().size();
  static final List<PdqResult> NARROW = ReferenceVideos.noise(N, 1);
  /** The chair, hashed with centre sets; its standard hashes stand for the whole frames. */
  static final VideoHashes CENTRED = ReferenceVideos.withSets(CHAIR, ReferenceVideos.noise(N, 3), NARROW,
      ReferenceVideos.noise(N, 2));
  /** A copy with a logo at an edge: only the central 60% of its frames is unchanged. */
  static final VideoHashes LOGO = ReferenceVideos.withSets(CHAIR, ReferenceVideos.noise(N, 4), NARROW,
      ReferenceVideos.noise(N, 5));

  @TempDir Path dir;
  Node node;
  TestClient http;
  String admin;
  final FakeConsortium members = new FakeConsortium("acme");

  private void start(UnaryOperator<NodeConfig.Builder> options) throws Exception {
    node = Node.start(options.apply(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0)).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
  }

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.close();
      node.stop();
    }
  }

  private static JsonObject item(String contentId, VideoHashes video) {
    return new JsonObject().put("content_id", contentId).put("signals", new JsonArray()
        .add(new JsonObject().put("type", "vpdq").put("hashes", video.base64())));
  }

  private HttpResponse<Buffer> watch(JsonObject... items) {
    return http.post("/v1/watch", admin, new JsonObject().put("items", new JsonArray(List.of((Object[]) items))));
  }

  private SignedEntry share(VideoHashes video) {
    return members.sign("acme", Submit.of(Signal.vpdq(video), List.of(Label.parse("content:attack-livestream"))));
  }

  // Retro-hunt checks run after the commit of what queued them: once none is pending, all their events are in the log.
  private JsonArray retroMatches(String after) {
    Await.until(Duration.ofSeconds(30), () -> node.retroHunter().pendingCount() == 0, () -> "retro-hunt checks run");
    HttpResponse<Buffer> r = http.get("/v1/updates?types=retro.match&after=" + after, admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("events");
  }

  private String head() {
    return http.get("/v1/updates", admin).bodyAsJsonObject().getString("next");
  }

  private JsonObject only(JsonArray events) {
    assertEquals(1, events.size(), events.encodePrettily());
    return events.getJsonObject(0).getJsonObject("data");
  }

  @Test
  void watchedUpload_isReported_whenALetterboxedOrLogoCopyIsShared_notWhenUnrelatedFootageIs() throws Exception {
    start(b -> b);
    HttpResponse<Buffer> r = watch(item("upload-chair", CHAIR), item("upload-centred", CENTRED));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    String start = head();
    node.ledger().orElseThrow().ingest(share(ReferenceVideos.video("doorknob-hd-no-bar")));
    assertEquals(0, retroMatches(start).size(), "unrelated footage matches no watched upload");

    String beforeBoxed = head();
    SignedEntry boxed = share(ReferenceVideos.boxedAround(CHAIR, 7));
    node.ledger().orElseThrow().ingest(boxed);
    JsonObject d = only(retroMatches(beforeBoxed));
    assertEquals("upload-chair", d.getString("content_id"));
    assertEquals(boxed.id().hex(), d.getString("entry_id"));
    assertEquals(new JsonObject().put("type", "vpdq").put("value", CHAIR.digest()).put("frames", N),
        d.getJsonObject("watched_signal"));
    JsonObject video = d.getJsonObject("video");
    assertEquals("content", video.getString("via"), video.encode());
    assertEquals(100.0, video.getDouble("query_percent"));
    assertEquals(100.0, video.getDouble("compared_percent"));
    assertEquals(0, d.getInteger("distance"));
    assertEquals(1, video.getJsonArray("query_ranges").size(), video.encode());

    String beforeLogo = head();
    node.ledger().orElseThrow().ingest(share(LOGO));
    JsonObject logo = only(retroMatches(beforeLogo));
    assertEquals("upload-centred", logo.getString("content_id"));
    assertEquals("centre", logo.getJsonObject("video").getString("via"));

    // the same figures as /v1/match of the watched upload against the shared copy
    JsonObject matched = http.post("/v1/match", admin, new JsonObject().put("signals", new JsonArray()
        .add(new JsonObject().put("type", "vpdq").put("hashes", CENTRED.base64())))).bodyAsJsonObject();
    assertEquals(matched.getJsonArray("results").getJsonObject(0).getJsonArray("matches").getJsonObject(0)
        .getJsonObject("video"), logo.getJsonObject("video"));
  }

  @Test
  void copyRetractedInTheBatchThatDeliversIt_isNoRetroMatch_norLaterWhenItsMemberIsTrustedAgain() throws Exception {
    start(b -> b);
    assertEquals(202, watch(item("upload-chair", CHAIR)).statusCode());
    String start = head();
    SignedEntry boxed = share(ReferenceVideos.boxedAround(CHAIR, 7));
    node.ledger().orElseThrow().ingestAll(List.of(boxed, members.retract("acme", boxed.id())));
    assertEquals(0, retroMatches(start).size(), "a copy retracted as a peer delivers it never reports");
    assertEquals(200, setTrust("observe").statusCode());
    assertEquals(200, setTrust("standard").statusCode());
    assertEquals(0, retroMatches(start).size(), "a trust change re-matches only what is matchable");
  }

  private HttpResponse<Buffer> setTrust(String level) {
    return http.send(io.vertx.core.http.HttpMethod.PUT, "/v1/admin/trust/acme", admin,
        new JsonObject().put("level", level).toBuffer(), "application/json");
  }

  @Test
  void restart_keepsTheWatchedVideo() throws Exception {
    start(b -> b);
    String yesterday = EntryTime.format(EntryTime.truncate(Instant.now().minus(Duration.ofDays(1))));
    assertEquals(202, watch(item("kept-video", CHAIR).put("uploaded_at", yesterday)).statusCode());
    http.close();
    node.stop();
    start(b -> b);
    String start = head();
    node.ledger().orElseThrow().ingest(share(ReferenceVideos.boxedAround(CHAIR, 7)));
    JsonObject d = only(retroMatches(start));
    assertEquals("kept-video", d.getString("content_id"));
    assertEquals(yesterday, d.getString("uploaded_at"));
    assertEquals("content", d.getJsonObject("video").getString("via"));
    String metrics = http.get("/metrics", null).bodyAsString();
    assertTrue(metrics.contains("\nhashfed_watch_video_frames " + VideoHashesFrames.of(CHAIR) + "\n"), metrics);
  }

  @Test
  void badVideoItems_are400_andFrameHashesPastTheMaximum_are503() throws Exception {
    start(b -> b.watchMaxVideoFrames(VideoHashesFrames.of(CHAIR) + 1));
    assertProblem(watch(new JsonObject().put("content_id", "v").put("signals", new JsonArray()
        .add(new JsonObject().put("type", "vpdq").put("hashes", "not base64!")))), 400, "invalid-signal");
    List<VpdqFrame> weak = CHAIR.frames().stream()
        .map(f -> VpdqFrame.of(f.frameNumber(), f.timestampMillis(), f.hash(), 10)).toList();
    HttpResponse<Buffer> r = watch(item("weak", VideoHashes.of(weak)));
    assertProblem(r, 400, "invalid-watch-item");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("quality 50"), r.bodyAsString());
    assertEquals(202, watch(item("first", CHAIR)).statusCode());
    HttpResponse<Buffer> full = watch(item("second", ReferenceVideos.video("doorknob-hd-no-bar")));
    assertProblem(full, 503, "watch-full");
    assertTrue(full.bodyAsJsonObject().getString("detail").contains("watch.max_video_frames"), full.bodyAsString());
    assertEquals(202, watch(item("first", CHAIR)).statusCode(), "replacing an item frees its frames first");
  }

  /** Frame hashes a video takes in the watch list. */
  private static final class VideoHashesFrames {
    static int of(VideoHashes v) {
      return org.hashfed.node.catalog.VideoQueryIndex.framesOf(v);
    }
  }
}
