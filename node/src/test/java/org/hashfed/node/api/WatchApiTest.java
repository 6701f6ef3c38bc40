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
import java.util.function.UnaryOperator;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/watch} and {@code retro.match} events against a real node. */
class WatchApiTest {

  // sha256("abc"), a PDQ hash with well-spread bits; NEAR differs in 4 bits (last digit d -> 2), FAR in 64
  static final String PDQ = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static final String NEAR = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a2";
  static final String FAR = "4587e940fe0130155ebebf21a251dddcb00361a396177a9cb410ff61f20015ad";
  static final String MD5 = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  Node node;
  TestClient http;
  String admin;
  String query;
  String submitter;
  final FakeConsortium members = new FakeConsortium("acme");

  private void startNode(UnaryOperator<NodeConfig.Builder> options) throws Exception {
    node = Node.start(options.apply(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0)).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
  }

  private void start() throws Exception {
    startNode(b -> b);
    query = PlatformApiTest.keyWith(http, admin, "query");
    submitter = PlatformApiTest.keyWith(http, admin, "submit");
  }

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.close();
      node.stop();
    }
  }

  private static JsonObject item(String contentId, String type, String value) {
    return new JsonObject().put("content_id", contentId)
        .put("signals", new JsonArray().add(new JsonObject().put("type", type).put("value", value)));
  }

  private HttpResponse<Buffer> watch(JsonObject... items) {
    JsonArray a = new JsonArray();
    for (JsonObject i : items) {
      a.add(i);
    }
    return http.post("/v1/watch", query, new JsonObject().put("items", a));
  }

  private int recorded(JsonObject... items) {
    HttpResponse<Buffer> r = watch(items);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getInteger("recorded");
  }

  // Retro-hunt checks run after the commit of what queued them: once none is pending, all their events are in the log.
  private JsonArray retroMatches(String after) {
    Await.until(Duration.ofSeconds(30), () -> node.retroHunter().pendingCount() == 0, () -> "retro-hunt checks run");
    HttpResponse<Buffer> r = http.get("/v1/updates?types=retro.match" + (after == null ? "" : "&after=" + after), query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("events");
  }

  private String head() {
    return http.get("/v1/updates", query).bodyAsJsonObject().getString("next");
  }

  @Test
  void watchedPdq_thenSubmissionWithin31_isRetroMatch_withContentIdDistanceAndEntry() throws Exception {
    start();
    assertEquals(2, recorded(item("upload-1", "pdq", NEAR), item("upload-far", "pdq", FAR)));
    String start = head();
    JsonObject ack = PlatformApiTest.submitWith(http, submitter, PlatformApiTest.submission("pdq", PDQ, 100));
    JsonArray events = retroMatches(start);
    assertEquals(1, events.size(), events.encodePrettily());
    JsonObject d = events.getJsonObject(0).getJsonObject("data");
    assertEquals("upload-1", d.getString("content_id"));
    assertEquals(4, d.getInteger("distance"));
    assertEquals(new JsonObject().put("type", "pdq").put("value", NEAR), d.getJsonObject("watched_signal"));
    assertEquals(ack.getString("entry_id"), d.getString("entry_id"));
    assertEquals("alpha", d.getString("member"));
    assertEquals("trusted", d.getString("trust"));
    assertEquals(new JsonArray().add("behavior:glorification"), d.getJsonArray("labels"));
    assertEquals("signal.added", d.getString("cause"));
    assertEquals(PDQ, d.getJsonObject("signal").getString("value"));
    String metrics = http.get("/metrics", null).bodyAsString();
    assertTrue(metrics.contains("\nhashfed_watch_items 2\n"), metrics);
  }

  @Test
  void watchedMd5_thenPeerSubmissionAndRelabel_areRetroMatches_inTheBatchOfTheChange() throws Exception {
    start();
    assertEquals(1, recorded(item("upload-2", "md5", MD5)));
    String start = head();
    SignedEntry s = members.submitMd5("acme", MD5, "behavior:glorification");
    node.ledger().orElseThrow().ingest(s);
    JsonArray events = retroMatches(start);
    assertEquals(1, events.size(), events.encodePrettily());
    JsonObject d = events.getJsonObject(0).getJsonObject("data");
    assertEquals("upload-2", d.getString("content_id"));
    assertEquals(0, d.getInteger("distance"));
    assertEquals("acme", d.getString("member"));
    assertEquals(s.id().hex(), d.getString("entry_id"));
    String afterAdd = events.getJsonObject(0).getString("cursor");
    node.ledger().orElseThrow().ingest(members.relabel("acme", s.id(), "behavior:recruitment"));
    JsonArray relabelled = retroMatches(afterAdd);
    assertEquals(1, relabelled.size(), relabelled.encodePrettily());
    assertEquals("signal.relabelled", relabelled.getJsonObject(0).getJsonObject("data").getString("cause"));
    assertEquals(new JsonArray().add("behavior:recruitment"),
        relabelled.getJsonObject(0).getJsonObject("data").getJsonArray("labels"));
  }

  @Test
  void signalOfABlockedMember_isNoRetroMatch_untilTheMemberIsUnblocked() throws Exception {
    start();
    assertEquals(200, setTrust("acme", "blocked").statusCode());
    assertEquals(1, recorded(item("upload-3", "md5", MD5)));
    String start = head();
    node.ledger().orElseThrow().ingest(members.submitMd5("acme", MD5, "behavior:glorification"));
    assertEquals(0, retroMatches(start).size(), "a blocked member's signal is not matchable");
    assertEquals(200, setTrust("acme", "standard").statusCode());
    JsonArray events = retroMatches(start);
    assertEquals(1, events.size(), events.encodePrettily());
    assertEquals("upload-3", events.getJsonObject(0).getJsonObject("data").getString("content_id"));
    assertEquals("signal.added", events.getJsonObject(0).getJsonObject("data").getString("cause"));
    assertEquals("standard", events.getJsonObject(0).getJsonObject("data").getString("trust"));
  }

  private HttpResponse<Buffer> setTrust(String member, String level) {
    return http.send(io.vertx.core.http.HttpMethod.PUT, "/v1/admin/trust/" + member, admin,
        new JsonObject().put("level", level).toBuffer(), "application/json");
  }

  @Test
  void itemUploadedBeforeTheWindow_isNotRecorded_andDoesNotMatch() throws Exception {
    start();
    String old = EntryTime.format(EntryTime.truncate(Instant.now().minus(Duration.ofDays(8))));
    assertEquals(0, recorded(item("old-upload", "md5", MD5).put("uploaded_at", old)));
    String start = head();
    PlatformApiTest.submitWith(http, submitter, PlatformApiTest.submission("md5", MD5, null));
    assertEquals(0, retroMatches(start).size());
  }

  @Test
  void restart_keepsWatchedItems() throws Exception {
    start();
    String yesterday = EntryTime.format(EntryTime.truncate(Instant.now().minus(Duration.ofDays(1))));
    assertEquals(1, recorded(item("kept", "pdq", NEAR).put("uploaded_at", yesterday)));
    http.close();
    node.stop();
    startNode(b -> b);
    String start = head();
    PlatformApiTest.submitWith(http, submitter, PlatformApiTest.submission("pdq", PDQ, 100));
    JsonArray events = retroMatches(start);
    assertEquals(1, events.size(), events.encodePrettily());
    assertEquals("kept", events.getJsonObject(0).getJsonObject("data").getString("content_id"));
    assertEquals(yesterday, events.getJsonObject(0).getJsonObject("data").getString("uploaded_at"));
  }

  @Test
  void watchKey_recordsUploads_andMayNotMatchReadTheFeedOrSubmit() throws Exception {
    start();
    String watchKey = PlatformApiTest.keyWith(http, admin, "watch");
    HttpResponse<Buffer> r = http.post("/v1/watch", watchKey, new JsonObject().put("items",
        new JsonArray().add(item("upload-w", "md5", MD5))));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    assertEquals(1, r.bodyAsJsonObject().getInteger("recorded"));
    assertProblem(http.get("/v1/updates", watchKey), 403, "insufficient-role");
    assertProblem(http.get("/v1/match?type=md5&value=" + MD5, watchKey), 403, "insufficient-role");
    assertProblem(http.post("/v1/submissions", watchKey, PlatformApiTest.submission("md5", MD5, null)), 403,
        "insufficient-role");
    assertProblem(http.post("/v1/admin/api-keys", watchKey, new JsonObject().put("role", "query")), 403,
        "insufficient-role");
  }

  @Test
  void badInput_is400_namingIt() throws Exception {
    start();
    assertProblem(http.post("/v1/watch", query, new JsonObject()), 400, "invalid-watch-item");
    assertProblem(watch(), 400, "invalid-watch-item");
    JsonObject[] tooMany = new JsonObject[1001];
    java.util.Arrays.fill(tooMany, item("x", "md5", MD5));
    assertProblem(watch(tooMany), 400, "invalid-watch-item");
    assertProblem(watch(item("has space", "md5", MD5)), 400, "invalid-watch-item");
    assertProblem(watch(item("", "md5", MD5)), 400, "invalid-watch-item");
    assertProblem(watch(item("x".repeat(129), "md5", MD5)), 400, "invalid-watch-item");
    assertProblem(watch(item("v", "vpdq", "a".repeat(64))), 400, "invalid-watch-item");
    assertProblem(watch(item("p", "pdq", "zz")), 400, "invalid-signal");
    JsonArray seventeen = new JsonArray();
    for (int i = 0; i < 17; i++) {
      seventeen.add(new JsonObject().put("type", "md5").put("value", MD5));
    }
    assertProblem(watch(new JsonObject().put("content_id", "many").put("signals", seventeen)), 400,
        "invalid-watch-item");
    assertProblem(watch(item("t", "md5", MD5).put("uploaded_at", "yesterday")), 400, "invalid-watch-item");
    String future = EntryTime.format(EntryTime.truncate(Instant.now().plus(Duration.ofHours(1))));
    assertProblem(watch(item("t", "md5", MD5).put("uploaded_at", future)), 400, "invalid-watch-item");
    assertEquals(1, recorded(item("x".repeat(128), "md5", MD5)), "128 characters are allowed");
  }

  @Test
  void fullWatchList_is503_withRetryAfter() throws Exception {
    startNode(b -> b.watchMaxItems(1));
    query = PlatformApiTest.keyWith(http, admin, "query");
    String at = EntryTime.format(EntryTime.truncate(Instant.now()));
    assertEquals(1, recorded(item("one", "md5", MD5).put("uploaded_at", at)));
    assertEquals(1, recorded(item("one", "pdq", PDQ).put("uploaded_at", at)),
        "the same content id and upload time replace the item");
    HttpResponse<Buffer> r = watch(item("two", "md5", MD5));
    assertProblem(r, 503, "watch-full");
    assertEquals("600", r.getHeader("Retry-After"));
  }
}
