package org.hashfed.node.api;

import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashfed.node.MovableClock;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.pdq.PdqHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Match, submit, retract, relabel, opinions and entry look-up against a real node, with every refusal. */
class PlatformApiTest {

  @TempDir static Path dir;
  static final MovableClock clock = new MovableClock();
  static Node node;
  static TestClient http;
  static String admin;
  static String submitter;
  static String query;
  static final AtomicInteger counter = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("acme").port(0).peerPort(0).maxSignals(5).build(),
        clock);
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
    submitter = key("submit");
    query = key("query");
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static String key(String role) {
    return keyWith(http, admin, role);
  }

  /** A new API key of {@code role}, made with the admin key. */
  static String keyWith(TestClient client, String adminKey, String role) {
    return client.post("/v1/admin/api-keys", adminKey, new JsonObject().put("role", role)).bodyAsJsonObject()
        .getString("key");
  }

  /** A fresh md5 value so tests do not see each other's submissions. */
  static String md5() {
    return String.format("%032x", 0xabc000L + counter.incrementAndGet());
  }

  static PdqHash pdq(long seed) {
    java.util.Random r = new java.util.Random(seed);
    return PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  static PdqHash flip(PdqHash h, int bits) {
    long[] w = h.words();
    for (int i = 0; i < bits; i++) {
      w[i / 64] ^= 1L << (i % 64);
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]);
  }

  static JsonObject submission(String type, String value, Integer quality) {
    JsonObject signal = new JsonObject().put("type", type).put("value", value);
    if (quality != null) {
      signal.put("quality", quality);
    }
    return new JsonObject().put("signal", signal).put("labels", new JsonArray().add("behavior:glorification"));
  }

  static JsonObject submitOk(JsonObject body) {
    return submitWith(http, submitter, body);
  }

  /** Submits {@code body} with {@code key} and returns the 201's acknowledgement. */
  static JsonObject submitWith(TestClient client, String key, JsonObject body) {
    HttpResponse<Buffer> r = client.post("/v1/submissions", key, body);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  static JsonArray matchesOf(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches");
  }

  @Test
  void submit_thenExactMatch_returnsEverything() {
    String md5 = md5();
    JsonObject body = submission("md5", md5.toUpperCase(), null).put("incident", "inc-1").put("note", "seen twice");
    JsonObject ack = submitOk(body);
    assertEquals("acme", ack.getString("member"));
    assertTrue(ack.getLong("seq") >= 1);
    JsonArray m = matchesOf(http.get("/v1/match?type=md5&value=" + md5, query));
    assertEquals(1, m.size());
    JsonObject match = m.getJsonObject(0);
    assertEquals(ack.getString("entry_id"), match.getString("entry_id"));
    assertEquals("acme", match.getString("member"));
    assertEquals(new JsonObject().put("type", "md5").put("value", md5), match.getJsonObject("signal"));
    assertEquals(0, match.getInteger("distance"));
    assertEquals(new JsonArray().add("behavior:glorification"), match.getJsonArray("labels"));
    assertEquals("inc-1", match.getString("incident"));
    assertTrue(match.getString("submitted_at").endsWith("Z"));
  }

  @Test
  void pdq_matchesWithinDistance_respectingMaxDistance() {
    PdqHash h = pdq(1);
    JsonObject ack = submitOk(submission("pdq", h.toHex(), 90));
    String near = flip(h, 20).toHex();
    JsonArray m = matchesOf(http.get("/v1/match?type=pdq&value=" + near, query));
    assertEquals(1, m.size());
    assertEquals(ack.getString("entry_id"), m.getJsonObject(0).getString("entry_id"));
    assertEquals(20, m.getJsonObject(0).getInteger("distance"));
    assertEquals(0, matchesOf(http.get("/v1/match?type=pdq&value=" + near + "&max_distance=19", query)).size());
    String far = flip(h, 40).toHex();
    assertEquals(0, matchesOf(http.get("/v1/match?type=pdq&value=" + far, query)).size());
    assertEquals(1, matchesOf(http.get("/v1/match?type=pdq&value=" + far + "&max_distance=40", query)).size());
  }

  @Test
  void batch_returnsOneResultPerSignalInOrder() {
    String md5 = md5();
    submitOk(submission("md5", md5, null));
    JsonObject req = new JsonObject().put("signals", new JsonArray()
        .add(new JsonObject().put("type", "sha256").put("value", "0".repeat(64)))
        .add(new JsonObject().put("type", "md5").put("value", md5)));
    HttpResponse<Buffer> r = http.post("/v1/match", query, req);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
    assertEquals(2, results.size());
    assertEquals("sha256", results.getJsonObject(0).getJsonObject("signal").getString("type"));
    assertEquals(0, results.getJsonObject(0).getJsonArray("matches").size());
    assertEquals(1, results.getJsonObject(1).getJsonArray("matches").size());
  }

  @Test
  void lowQualityPdq_isRefusedWithReason() {
    HttpResponse<Buffer> r = http.post("/v1/submissions", submitter, submission("pdq", pdq(2).toHex(), 49));
    assertProblem(r, 422, "low-quality");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("49"));
    assertEquals(0, matchesOf(http.get("/v1/match?type=pdq&value=" + pdq(2).toHex() + "&max_distance=0", query))
        .size());
  }

  @Test
  void retract_stopsMatching_andEntryShowsStatus() {
    String md5 = md5();
    String id = submitOk(submission("md5", md5, null)).getString("entry_id");
    HttpResponse<Buffer> r = http.post("/v1/entries/" + id + "/retract", submitter,
        new JsonObject().put("reason", "false_positive"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals(0, matchesOf(http.get("/v1/match?type=md5&value=" + md5, query)).size());
    JsonObject view = http.get("/v1/entries/" + id, query).bodyAsJsonObject();
    assertEquals("retracted", view.getString("status"));
    assertEquals(r.bodyAsJsonObject().getString("entry_id"), view.getString("retracted_by"));
    assertProblem(http.post("/v1/entries/" + id + "/retract", submitter,
        new JsonObject().put("reason", "false_positive")), 409, "already-retracted");
  }

  @Test
  void relabel_changesTheLabelsMatchesCarry_andEntryShowsThemWithTheSignedOriginal() {
    String md5 = md5();
    String id = submitOk(submission("md5", md5, null)).getString("entry_id");
    HttpResponse<Buffer> first = relabel(id, submitter, "ideology:accelerationism", "behavior:glorification");
    assertEquals(201, first.statusCode(), first.bodyAsString());
    HttpResponse<Buffer> second = relabel(id, submitter, "ideology:accelerationism");
    assertEquals(201, second.statusCode(), second.bodyAsString());
    JsonObject match = matchesOf(http.get("/v1/match?type=md5&value=" + md5, query)).getJsonObject(0);
    assertEquals(new JsonArray().add("ideology:accelerationism"), match.getJsonArray("labels"));
    JsonObject view = http.get("/v1/entries/" + id, query).bodyAsJsonObject();
    assertEquals(new JsonArray().add("ideology:accelerationism"), view.getJsonArray("labels"));
    assertEquals(new JsonArray().add(first.bodyAsJsonObject().getString("entry_id"))
        .add(second.bodyAsJsonObject().getString("entry_id")), view.getJsonArray("relabelled_by"));
    assertEquals(new JsonArray().add("behavior:glorification"),
        view.getJsonObject("entry").getJsonArray("labels"), "the signed submit is unchanged");
    JsonObject relabelView = http.get("/v1/entries/" + second.bodyAsJsonObject().getString("entry_id"), query)
        .bodyAsJsonObject();
    assertEquals("relabel", relabelView.getString("kind"));
    assertEquals(null, relabelView.getValue("labels"), "only submissions have current labels");
  }

  @Test
  void relabel_refusals_changeNothing() {
    String md5 = md5();
    String id = submitOk(submission("md5", md5, null)).getString("entry_id");
    long seq = http.get("/v1/entries/" + id, query).bodyAsJsonObject().getLong("seq");
    assertProblem(relabel(id, submitter, "behavior:glorification"), 409, "labels-unchanged");
    assertProblem(relabel(id, query, "ideology:x"), 403, "insufficient-role");
    HttpResponse<Buffer> empty = http.post("/v1/entries/" + id + "/relabel", submitter,
        new JsonObject().put("labels", new JsonArray()));
    assertProblem(empty, 400, "invalid-field");
    assertTrue(empty.bodyAsJsonObject().getString("detail").contains("1 to 16 labels"), empty.bodyAsString());
    assertProblem(relabel(id, submitter, "ideology:x", "ideology:x"), 400, "invalid-field");
    assertProblem(relabel(id, submitter, "Not A Label"), 400, "invalid-label");
    HttpResponse<Buffer> longNote = http.post("/v1/entries/" + id + "/relabel", submitter, new JsonObject()
        .put("labels", new JsonArray().add("ideology:x")).put("note", "n".repeat(2_000)));
    assertProblem(longNote, 400, "invalid-field");
    assertTrue(longNote.bodyAsJsonObject().getString("detail").contains("note"), longNote.bodyAsString());
    assertProblem(http.post("/v1/entries/" + id + "/relabel", submitter, new JsonObject()), 400, "invalid-label");
    assertProblem(relabel("0".repeat(64), submitter, "ideology:x"), 404, "entry-not-found");
    String retractId = http.post("/v1/entries/" + id + "/retract", submitter,
        new JsonObject().put("reason", "false_positive")).bodyAsJsonObject().getString("entry_id");
    assertProblem(relabel(retractId, submitter, "ideology:x"), 409, "not-a-submission");
    assertProblem(relabel(id, submitter, "ideology:x"), 409, "already-retracted");
    JsonObject view = http.get("/v1/entries/" + id, query).bodyAsJsonObject();
    assertEquals(new JsonArray().add("behavior:glorification"), view.getJsonArray("labels"));
    assertEquals(null, view.getValue("relabelled_by"));
    assertEquals(seq + 1, http.get("/v1/entries/" + retractId, query).bodyAsJsonObject().getLong("seq"),
        "no entry was appended between the submit and the retract");
  }

  @Test
  void anotherMembersRetractOrRelabel_ofThisMembersSubmission_changesNothing() {
    // Valid entries in beta's own feed, but a member can retract or relabel only its own
    // submissions: nodes store them and apply neither, and the author can still do both.
    String md5 = md5();
    String id = submitOk(submission("md5", md5, null)).getString("entry_id");
    org.hashfed.protocol.entry.MemberId beta = org.hashfed.protocol.entry.MemberId.parse("beta");
    org.hashfed.protocol.entry.EntrySigner signer = org.hashfed.protocol.entry.EntrySigner.create(beta,
        org.hashfed.protocol.crypto.Ed25519PrivateKey.generate(new java.security.SecureRandom()));
    org.hashfed.protocol.entry.EntryId target = org.hashfed.protocol.entry.EntryId.parse(id);
    var now = org.hashfed.protocol.entry.EntryTime.truncate(clock.instant());
    var retract = signer.sign(org.hashfed.protocol.entry.Entry.create(beta, 1, java.util.Optional.empty(), now,
        new org.hashfed.protocol.entry.Retract(target, org.hashfed.protocol.entry.ReasonCode.OTHER,
            java.util.Optional.empty())));
    var foreignRelabel = signer.sign(org.hashfed.protocol.entry.Entry.create(beta, 2, java.util.Optional.of(retract.id()),
        now, org.hashfed.protocol.entry.Relabel.of(target,
            java.util.List.of(org.hashfed.protocol.entry.Label.parse("ideology:x")))));
    node.ledger().orElseThrow().ingestAll(java.util.List.of(retract, foreignRelabel));

    JsonObject view = http.get("/v1/entries/" + id, query).bodyAsJsonObject();
    assertEquals("active", view.getString("status"));
    assertEquals(new JsonArray().add("behavior:glorification"), view.getJsonArray("labels"));
    assertEquals(1, matchesOf(http.get("/v1/match?type=md5&value=" + md5, query)).size());
    assertEquals(201, relabel(id, submitter, "ideology:y").statusCode());
    assertEquals(201, http.post("/v1/entries/" + id + "/retract", submitter,
        new JsonObject().put("reason", "false_positive")).statusCode());
  }

  private static HttpResponse<Buffer> relabel(String id, String key, String... labels) {
    JsonArray a = new JsonArray();
    for (String l : labels) {
      a.add(l);
    }
    return http.post("/v1/entries/" + id + "/relabel", key, new JsonObject().put("labels", a));
  }

  @Test
  void getEntry_returnsEnvelopeAndPayload() {
    String id = submitOk(submission("sha256", "ab".repeat(32), null)).getString("entry_id");
    JsonObject view = http.get("/v1/entries/" + id, query).bodyAsJsonObject();
    assertEquals(id, view.getString("entry_id"));
    assertEquals("submit", view.getString("kind"));
    assertEquals("active", view.getString("status"));
    assertEquals("acme", view.getJsonObject("entry").getString("member"));
    assertEquals("application/vnd.hashfed.entry.v1+json", view.getJsonObject("envelope").getString("payloadType"));
    assertEquals(new JsonArray(), view.getJsonArray("opinions"));
  }

  @Test
  void expiredSubmission_neverMatches() {
    String md5 = md5();
    String expires = clock.instant().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String id = submitOk(submission("md5", md5, null).put("expires_at", expires)).getString("entry_id");
    assertEquals(1, matchesOf(http.get("/v1/match?type=md5&value=" + md5, query)).size());
    assertEquals("active", http.get("/v1/entries/" + id, query).bodyAsJsonObject().getString("status"));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(0, matchesOf(http.get("/v1/match?type=md5&value=" + md5, query)).size());
    assertEquals("expired", http.get("/v1/entries/" + id, query).bodyAsJsonObject().getString("status"));
  }

  @Test
  void opinionOnOwnEntry_is409() {
    String id = submitOk(submission("md5", md5(), null)).getString("entry_id");
    assertProblem(http.post("/v1/entries/" + id + "/opinions", submitter, new JsonObject().put("stance", "agree")),
        409, "own-entry");
  }

  @Test
  void unknownEntry_is404_andBadId_is400() {
    assertProblem(http.get("/v1/entries/" + "0".repeat(64), query), 404, "entry-not-found");
    assertProblem(http.post("/v1/entries/" + "0".repeat(64) + "/retract", submitter,
        new JsonObject().put("reason", "other")), 404, "entry-not-found");
    assertProblem(http.get("/v1/entries/xyz", query), 400, "invalid-entry-id");
  }

  @Test
  void badHex_unknownType_badDistance_are400NamingValue() {
    HttpResponse<Buffer> r = http.get("/v1/match?type=md5&value=abc", query);
    assertProblem(r, 400, "invalid-signal");
    assertEquals("abc", r.bodyAsJsonObject().getString("value"));
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("expected 32 hex digits"));
    r = http.get("/v1/match?type=tlsh&value=abc", query);
    assertProblem(r, 400, "invalid-signal");
    assertEquals("tlsh", r.bodyAsJsonObject().getString("value"));
    assertProblem(http.get("/v1/match?type=pdq&value=" + pdq(3).toHex() + "&max_distance=64", query), 400,
        "invalid-max-distance");
    assertProblem(http.get("/v1/match?type=pdq", query), 400, "invalid-signal");
    r = http.post("/v1/match", query, new JsonObject().put("signals", new JsonArray()
        .add(new JsonObject().put("type", "md5").put("value", md5()))
        .add(new JsonObject().put("type", "md5").put("value", "zz"))));
    assertProblem(r, 400, "invalid-signal");
    assertTrue(r.bodyAsJsonObject().getString("detail").startsWith("signals[1]"));
  }

  @Test
  void tooManySignals_is400() {
    JsonArray signals = new JsonArray();
    for (int i = 0; i < 6; i++) {
      signals.add(new JsonObject().put("type", "md5").put("value", md5()));
    }
    HttpResponse<Buffer> r = http.post("/v1/match", query, new JsonObject().put("signals", signals));
    assertProblem(r, 400, "too-many-signals");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("at most 5"));
  }

  @Test
  void invalidSubmissions_are400_andStoreNothing() {
    long before = node.ledger().orElseThrow().entriesByMember().getOrDefault("acme", 0L);
    assertProblem(http.post("/v1/submissions", submitter, submission("md5", md5(), null)
        .put("labels", new JsonArray().add("Not A Label"))), 400, "invalid-label");
    assertProblem(http.post("/v1/submissions", submitter, submission("md5", md5(), null)
        .put("expires_at", "tomorrow")), 400, "invalid-field");
    assertProblem(http.post("/v1/submissions", submitter, submission("md5", md5(), 80)), 400, "invalid-signal");
    assertProblem(http.post("/v1/submissions", submitter, Buffer.buffer("{\"signal\":"), "application/json"), 400,
        "malformed-json");
    assertEquals(before, node.ledger().orElseThrow().entriesByMember().getOrDefault("acme", 0L));
  }

  @Test
  void invalidUtf8InNote_is400_andStoresNothing() {
    long before = node.ledger().orElseThrow().entriesByMember().getOrDefault("acme", 0L);
    byte[] head = ("{\"signal\":{\"type\":\"md5\",\"value\":\"" + md5()
        + "\"},\"labels\":[\"behavior:glorification\"],\"note\":\"a").getBytes(StandardCharsets.UTF_8);
    Buffer body = Buffer.buffer(head).appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).appendString("\"}");
    HttpResponse<Buffer> r = http.post("/v1/submissions", submitter, body, "application/json");
    assertProblem(r, 400, "malformed-json");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("UTF-8: 1 invalid byte(s) at offset " + head.length),
        r.bodyAsString());
    assertEquals(before, node.ledger().orElseThrow().entriesByMember().getOrDefault("acme", 0L));
  }

  @Test
  void textPlainMatch_is415() {
    JsonObject body = new JsonObject().put("signals", new JsonArray().add(new JsonObject().put("type", "md5")
        .put("value", md5())));
    assertProblem(http.post("/v1/match", query, body.toBuffer(), "text/plain"), 415, "unsupported-media-type");
    assertEquals(200, http.post("/v1/match", query, body).statusCode());
  }

  @Test
  void queryKey_cannotSubmit_andNoKey_cannotMatch() {
    assertProblem(http.post("/v1/submissions", query, submission("md5", md5(), null)), 403, "insufficient-role");
    assertProblem(http.get("/v1/match?type=md5&value=" + md5(), null), 401, "missing-api-key");
    assertProblem(http.get("/v1/match?type=md5&value=" + md5(), "hfk_nope"), 401, "invalid-api-key");
  }

  @Test
  void metrics_reportIndexSizeAndEntriesByMember() {
    submitOk(submission("md5", md5(), null));
    String text = http.get("/metrics", null).bodyAsString();
    assertTrue(text.contains("hashfed_index_signals{type=\"md5\"}"), text);
    assertTrue(text.contains("hashfed_entries{member=\"acme\"}"), text);
  }
}
