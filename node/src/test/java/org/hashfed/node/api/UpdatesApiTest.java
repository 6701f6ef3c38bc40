package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.MovableClock;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/updates} against a real node: every signal event, filters, long-polling, refusals, restarts. */
class UpdatesApiTest {

  @TempDir Path dir;
  final MovableClock clock = new MovableClock();
  Node node;
  TestClient http;
  String admin;
  String query;
  FakeConsortium members;

  @BeforeEach
  void start() throws Exception {
    startNode();
    query = PlatformApiTest.keyWith(http, admin, "query");
    members = new FakeConsortium("acme", "beta");
  }

  private void startNode() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0).build(), clock);
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
  }

  @AfterEach
  void stop() throws Exception {
    http.close();
    node.stop();
  }

  private void deliver(SignedEntry... entries) {
    for (SignedEntry e : entries) {
      node.ledger().orElseThrow().ingest(e);
    }
  }

  private JsonObject updates(String params) {
    HttpResponse<Buffer> r = http.get("/v1/updates" + params, query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject only(JsonObject page) {
    JsonArray events = page.getJsonArray("events");
    assertEquals(1, events.size(), page.encodePrettily());
    return events.getJsonObject(0);
  }

  private HttpResponse<Buffer> setTrust(String member, String level) {
    return http.send(HttpMethod.PUT, "/v1/admin/trust/" + member, admin,
        new JsonObject().put("level", level).toBuffer(), "application/json");
  }

  @Test
  void submit_isSignalAdded_withTheSignalMemberLabelsTrustAndConfidence() {
    String start = updates("").getString("next");
    SignedEntry s = members.submitMd5("acme", "0123456789abcdef0123456789abcdef", "behavior:glorification");
    deliver(s);
    JsonObject e = only(updates("?after=" + start));
    assertEquals("signal.added", e.getString("type"));
    assertTrue(e.getString("id").startsWith("evt_"));
    assertTrue(e.getString("time").endsWith("Z"));
    JsonObject d = e.getJsonObject("data");
    assertEquals(s.id().hex(), d.getString("entry_id"));
    assertEquals("acme", d.getString("member"));
    assertEquals(new JsonObject().put("type", "md5").put("value", "0123456789abcdef0123456789abcdef"),
        d.getJsonObject("signal"));
    assertEquals(new JsonArray().add("behavior:glorification"), d.getJsonArray("labels"));
    assertEquals("standard", d.getString("trust"));
    assertTrue(d.getDouble("confidence") > 0 && d.getDouble("confidence") <= 1, d.encode());
    assertEquals(e.getString("cursor"), updates("?after=" + start).getString("next"));
    assertEquals(0, updates("?after=" + e.getString("cursor")).getJsonArray("events").size());
  }

  @Test
  void ownSubmissionThroughTheApi_isAddedAsTrusted() {
    String submitter = PlatformApiTest.keyWith(http, admin, "submit");
    String start = updates("").getString("next");
    JsonObject ack = PlatformApiTest.submitWith(http, submitter,
        PlatformApiTest.submission("md5", "00000000000000000000000000000abc", null));
    JsonObject d = only(updates("?after=" + start)).getJsonObject("data");
    assertEquals(ack.getString("entry_id"), d.getString("entry_id"));
    assertEquals("alpha", d.getString("member"));
    assertEquals("trusted", d.getString("trust"));
  }

  @Test
  void retractRelabelAndOpinion_eachBecomeTheirEvent_inCommitOrder() {
    SignedEntry s = members.submitMd5("acme", "11111111111111111111111111111111", "behavior:glorification");
    deliver(s);
    String start = updates("").getString("next");
    assertEquals(1, updates("").getJsonArray("events").size(), "without after: from the oldest retained event");
    SignedEntry relabel = members.relabel("acme", s.id(), "behavior:recruitment");
    SignedEntry opinion = members.opinion("beta", s, Stance.AGREE);
    SignedEntry retract = members.retract("acme", s.id());
    deliver(relabel, opinion, retract);

    JsonArray events = updates("?after=" + start).getJsonArray("events");
    assertEquals(List.of("signal.relabelled", "signal.confidence_changed", "signal.removed"),
        events.stream().map(o -> ((JsonObject) o).getString("type")).toList());
    JsonObject relabelled = events.getJsonObject(0).getJsonObject("data");
    assertEquals(new JsonArray().add("behavior:recruitment"), relabelled.getJsonArray("labels"));
    assertEquals(new JsonArray().add("behavior:glorification"), relabelled.getJsonArray("previous_labels"));
    assertEquals(relabel.id().hex(), relabelled.getString("by"));
    JsonObject changed = events.getJsonObject(1).getJsonObject("data");
    assertEquals("opinion", changed.getString("reason"));
    assertEquals(opinion.id().hex(), changed.getString("by"));
    assertEquals(1, changed.getInteger("agreements"));
    assertTrue(changed.getDouble("confidence") > changed.getDouble("previous_confidence"), changed.encode());
    JsonObject removed = events.getJsonObject(2).getJsonObject("data");
    assertEquals("retracted", removed.getString("reason"));
    assertEquals(retract.id().hex(), removed.getString("by"));
    assertEquals(s.id().hex(), removed.getString("entry_id"));
  }

  @Test
  void blockingAMember_removesItsSignals_andUnblockingAddsThemBack_whileOtherLevelsChangeConfidence() {
    SignedEntry s = members.submitMd5("acme", "22222222222222222222222222222222", "behavior:glorification");
    deliver(s, members.submitMd5("beta", "33333333333333333333333333333333", "behavior:glorification"));
    String start = updates("").getString("next");

    assertEquals(200, setTrust("acme", "blocked").statusCode());
    JsonObject removed = only(updates("?after=" + start));
    assertEquals("signal.removed", removed.getString("type"));
    assertEquals("blocked", removed.getJsonObject("data").getString("reason"));
    assertEquals(s.id().hex(), removed.getJsonObject("data").getString("entry_id"));

    assertEquals(200, setTrust("acme", "trusted").statusCode());
    JsonObject added = only(updates("?after=" + removed.getString("cursor")));
    assertEquals("signal.added", added.getString("type"));
    assertEquals("trusted", added.getJsonObject("data").getString("trust"));

    assertEquals(200, setTrust("acme", "standard").statusCode());
    JsonObject changed = only(updates("?after=" + added.getString("cursor")));
    assertEquals("signal.confidence_changed", changed.getString("type"));
    JsonObject d = changed.getJsonObject("data");
    assertEquals("trust", d.getString("reason"));
    assertEquals("trusted", d.getString("previous_trust"));
    assertEquals("standard", d.getString("trust"));
    assertFalse(d.containsKey("by"));
  }

  @Test
  void expiry_isSignalRemoved_once() throws Exception {
    java.time.Instant expires = org.hashfed.protocol.entry.EntryTime.truncate(clock.instant()).plusSeconds(60);
    SignedEntry s = members.sign("acme", org.hashfed.protocol.entry.Submit.of(
        org.hashfed.protocol.signal.Signal.parse("md5", "99999999999999999999999999999999"),
        List.of(org.hashfed.protocol.entry.Label.parse("behavior:glorification"))).withExpiresAt(expires));
    deliver(s);
    node.expiries().sweep();
    String start = updates("").getString("next");
    assertEquals(0, node.expiries().sweep(), "nothing expired before the expiry");
    clock.advance(java.time.Duration.ofSeconds(61));
    assertEquals(1, node.expiries().sweep());
    assertEquals(0, node.expiries().sweep(), "an expiry is written once");
    JsonObject removed = only(updates("?after=" + start));
    assertEquals("signal.removed", removed.getString("type"));
    assertEquals("expired", removed.getJsonObject("data").getString("reason"));
    assertEquals(s.id().hex(), removed.getJsonObject("data").getString("entry_id"));
  }

  private SignedEntry expiring(String md5, java.time.Instant at) {
    return members.sign("acme", org.hashfed.protocol.entry.Submit.of(
        org.hashfed.protocol.signal.Signal.parse("md5", md5),
        List.of(org.hashfed.protocol.entry.Label.parse("behavior:glorification"))).withExpiresAt(at));
  }

  @Test
  void expiries_acrossARestart_areEachWrittenOnce_andARetractedOneNever() throws Exception {
    java.time.Instant t = org.hashfed.protocol.entry.EntryTime.truncate(clock.instant());
    SignedEntry first = expiring("11111111111111111111111111111111", t.plusSeconds(60));
    SignedEntry second = expiring("22222222222222222222222222222222", t.plusSeconds(120));
    SignedEntry retracted = expiring("33333333333333333333333333333333", t.plusSeconds(90));
    deliver(first, second, retracted, members.retract("acme", retracted.id()));
    node.expiries().sweep();
    String start = updates("").getString("next");
    clock.advance(java.time.Duration.ofSeconds(61));
    node.expiries().sweep();
    http.close();
    node.stop();
    // the restarted node's catalog has all three again, and its expiry index is built anew
    startNode();
    query = PlatformApiTest.keyWith(http, admin, "query");
    clock.advance(java.time.Duration.ofSeconds(60));
    node.expiries().sweep();
    node.expiries().sweep();
    JsonArray events = updates("?types=signal.removed&after=" + start).getJsonArray("events");
    List<String> expired = events.stream().map(e -> ((JsonObject) e).getJsonObject("data"))
        .filter(d -> "expired".equals(d.getString("reason"))).map(d -> d.getString("entry_id")).toList();
    assertEquals(List.of(first.id().hex(), second.id().hex()), expired, events.encodePrettily());
  }

  @Test
  void filters_byEventType_signalType_labels_trustAndConfidence() {
    String start = updates("").getString("next");
    SignedEntry s = members.submitMd5("acme", "44444444444444444444444444444444", "behavior:glorification");
    deliver(s, members.submitMd5("beta", "55555555555555555555555555555555", "ideology:x"),
        members.retract("acme", s.id()));
    String after = "?after=" + start;
    assertEquals(3, updates(after).getJsonArray("events").size());
    assertEquals("signal.removed", only(updates(after + "&types=signal.removed")).getString("type"));
    assertEquals(3, updates(after + "&types=signal.added,signal.removed").getJsonArray("events").size());
    assertEquals(0, updates(after + "&signal_types=pdq,sha256").getJsonArray("events").size());
    assertEquals("beta", only(updates(after + "&labels=ideology:*")).getJsonObject("data").getString("member"));
    assertEquals(0, updates(after + "&min_trust=trusted").getJsonArray("events").size());
    assertEquals(0, updates(after + "&min_confidence=1&types=signal.added").getJsonArray("events").size());

    JsonObject filtered = updates(after + "&types=signal.removed&limit=1");
    assertEquals(1, filtered.getJsonArray("events").size());
    assertEquals(0, updates("?after=" + filtered.getString("next")).getJsonArray("events").size(),
        "the cursor moves past events the filter skipped");
  }

  @Test
  void limit_pagesInOrder() {
    String start = updates("").getString("next");
    for (int i = 0; i < 5; i++) {
      deliver(members.submitMd5("acme", String.format("%032x", 0x6000 + i), "behavior:glorification"));
    }
    JsonObject first = updates("?limit=2&after=" + start);
    assertEquals(2, first.getJsonArray("events").size());
    JsonObject second = updates("?limit=2&after=" + first.getString("next"));
    JsonObject third = updates("?limit=2&after=" + second.getString("next"));
    assertEquals(1, third.getJsonArray("events").size());
    assertEquals(String.format("%032x", 0x6004), third.getJsonArray("events").getJsonObject(0)
        .getJsonObject("data").getJsonObject("signal").getString("value"));
  }

  @Test
  void longPoll_answersAsSoonAsAnEventCommits() throws Exception {
    String start = updates("").getString("next");
    try (TestClient other = new TestClient(node.port())) {
      long t0 = System.nanoTime();
      CompletableFuture<HttpResponse<Buffer>> polled = CompletableFuture.supplyAsync(
          () -> other.get("/v1/updates?wait=15&after=" + start, query));
      deliver(members.submitMd5("acme", "77777777777777777777777777777777", "behavior:glorification"));
      HttpResponse<Buffer> r = polled.get(20, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      assertEquals(1, r.bodyAsJsonObject().getJsonArray("events").size(), r.bodyAsString());
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(14), "answered before the wait ran out");
    }
  }

  @Test
  void longPoll_withNothingNew_answersEmptyWithTheSameCursor() {
    String start = updates("").getString("next");
    JsonObject r = updates("?wait=1&after=" + start);
    assertEquals(0, r.getJsonArray("events").size());
    assertEquals(start, r.getString("next"));
  }

  @Test
  void export_pagesEveryMatchableSignal_andTheFeedContinuesFromItsCursor() {
    java.util.Set<String> expected = new java.util.TreeSet<>();
    for (int i = 0; i < 4; i++) {
      SignedEntry s = members.submitMd5("acme", String.format("%032x", 0x9000 + i), "behavior:glorification");
      deliver(s);
      expected.add(s.id().hex());
    }
    SignedEntry retracted = members.submitMd5("acme", String.format("%032x", 0x9100), "behavior:glorification");
    deliver(retracted, members.retract("acme", retracted.id()));
    deliver(members.submitMd5("beta", String.format("%032x", 0x9200), "behavior:glorification"));
    assertEquals(200, setTrust("beta", "blocked").statusCode());

    java.util.Set<String> exported = new java.util.TreeSet<>();
    String cursor = null;
    String token = null;
    int pages = 0;
    do {
      HttpResponse<Buffer> r = http.get("/v1/signals/export?limit=3" + (token == null ? "" : "&after=" + token), query);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonObject page = r.bodyAsJsonObject();
      page.getJsonArray("signals").forEach(o -> exported.add(((JsonObject) o).getString("entry_id")));
      cursor = cursor == null ? page.getString("cursor") : cursor;
      assertEquals(cursor, page.getString("cursor"), "every page carries the first page's cursor");
      token = page.getString("next");
      pages++;
      if (pages == 1) {
        deliver(members.submitMd5("acme", String.format("%032x", 0x9300), "behavior:glorification"));
      }
    } while (token != null && pages < 10);
    assertTrue(exported.containsAll(expected), exported.toString());
    assertTrue(exported.size() <= expected.size() + 1, "at most the submission made during the export is extra");
    JsonObject after = only(updates("?after=" + cursor));
    assertEquals(String.format("%032x", 0x9300),
        after.getJsonObject("data").getJsonObject("signal").getString("value"), "the feed has what came after");
    assertProblem(http.get("/v1/signals/export?after=AAAA", query), 400, "invalid-page-token");
    assertProblem(http.get("/v1/signals/export?limit=1001", query), 400, "invalid-limit");
  }

  @Test
  void badParameters_areProblemsNamingTheValue() {
    assertProblem(http.get("/v1/updates?after=not*a*cursor", query), 400, "invalid-cursor");
    assertProblem(http.get("/v1/updates?after=AAAAAAAAAAAAAAAAAAAAAA", query), 410, "cursor-expired");
    String start = updates("").getString("next");
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.util.Base64.getUrlDecoder().decode(start));
    String beyond = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        java.nio.ByteBuffer.allocate(16).putLong(b.getLong()).putLong(b.getLong() + 100).array());
    assertProblem(http.get("/v1/updates?after=" + beyond, query), 400, "invalid-cursor");
    assertProblem(http.get("/v1/updates?limit=0", query), 400, "invalid-limit");
    assertProblem(http.get("/v1/updates?limit=1001", query), 400, "invalid-limit");
    assertProblem(http.get("/v1/updates?wait=61", query), 400, "invalid-wait");
    HttpResponse<Buffer> type = http.get("/v1/updates?types=signal.added,signal.exploded", query);
    assertProblem(type, 400, "invalid-event-type");
    assertEquals("signal.exploded", type.bodyAsJsonObject().getString("value"));
    assertProblem(http.get("/v1/updates?signal_types=gif", query), 400, "invalid-signal-type");
    assertProblem(http.get("/v1/updates?types=evidence.recorded", query), 403, "insufficient-role");
    assertEquals(200, http.get("/v1/updates?types=evidence.recorded", admin).statusCode());
    assertProblem(http.get("/v1/updates", null), 401, "missing-api-key");
  }

  @Test
  void restart_keepsEventsAndCursors_withoutReplayingThemAgain() throws Exception {
    deliver(members.submitMd5("acme", "88888888888888888888888888888888", "behavior:glorification"));
    JsonObject before = updates("");
    http.close();
    node.stop();
    startNode();
    query = PlatformApiTest.keyWith(http, admin, "query");
    assertEquals(before.getJsonArray("events"), updates("").getJsonArray("events"));
    assertEquals(0, updates("?after=" + before.getString("next")).getJsonArray("events").size());
  }
}
