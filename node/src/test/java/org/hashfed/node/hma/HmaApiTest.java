package org.hashfed.node.hma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hashfed.node.Node;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqHasher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HMA 2.0's platform routes on a real node, with requests as HMA's clients send them and the
 * response shapes they parse: bank names, string distances, {@code {"message"}} errors.
 */
class HmaApiTest {

  private static final Path IMAGES = Path.of("../protocol/src/test/resources/pdq-vectors/images");
  // HMA's own compare vector (OpenMediaMatch/tests/test_api.py): distance 9
  private static final String SPECIMEN1 = "facd8bcb2a49bcebdec1985298d5fe84bcd006c187c598c720c3c087b3fdb318";
  private static final String SPECIMEN2 = "facd8bcb2a49bcebdec1985228d5ae84bcd006c187c598c720c2b087b3fdb318";

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String query;
  static String submitter;
  static final FakeConsortium members = new FakeConsortium("beta", "gamma", "delta");

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("acme-eu").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    String admin = Files.readString(dir.resolve("admin.key")).trim();
    query = key(admin, "query");
    submitter = key(admin, "submit");
    trust(admin, "beta", "trusted");
    trust(admin, "gamma", "blocked");
    trust(admin, "delta", "observe");
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static String key(String admin, String role) {
    return http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", role)).bodyAsJsonObject()
        .getString("key");
  }

  static void trust(String admin, String member, String level) {
    HttpResponse<Buffer> r = http.send(HttpMethod.PUT, "/v1/admin/trust/" + member, admin,
        new JsonObject().put("level", level).toBuffer(), "application/json");
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  /** Submits as this node's member (bank ACME_EU); the entry's bank content id. */
  static long submit(String type, String value) {
    return Banks.contentId(EntryId.parse(submitEntry(type, value)));
  }

  /** Submits as this node's member; the entry id. */
  static String submitEntry(String type, String value) {
    JsonObject signal = new JsonObject().put("type", type).put("value", value);
    if (type.equals("pdq")) {
      signal.put("quality", 100);
    }
    HttpResponse<Buffer> r = http.post("/v1/submissions", submitter, new JsonObject()
        .put("signal", signal)
        .put("labels", new JsonArray().add("behavior:glorification")));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("entry_id");
  }

  static HttpResponse<Buffer> get(String pathAndQuery) {
    return http.get(pathAndQuery, query);
  }

  static JsonObject ok(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    return r.bodyAsJsonObject();
  }

  /** HMA's error: the status and exactly {@code {"message": ...}}, never a problem document. */
  static String error(HttpResponse<Buffer> r, int status) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals("application/json", r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(List.of("message"), List.copyOf(body.fieldNames()), r.bodyAsString());
    return body.getString("message");
  }

  static PdqHash pdq(long seed) {
    java.util.Random r = new java.util.Random(seed);
    return PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
  }

  static String flip(PdqHash h, int bits) {
    long[] w = h.words();
    for (int i = 0; i < bits; i++) {
      w[i / 64] ^= 1L << (i % 64);
    }
    return PdqHash.ofWords(w[0], w[1], w[2], w[3]).toHex();
  }

  static HttpResponse<Buffer> multipart(String path, String... fieldsAndFiles) throws Exception {
    String boundary = "hma-test-boundary";
    Buffer body = Buffer.buffer();
    for (int i = 0; i < fieldsAndFiles.length; i += 2) {
      body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fieldsAndFiles[i]
          + "\"; filename=\"upload\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .appendBytes(Files.readAllBytes(Path.of(fieldsAndFiles[i + 1])))
          .appendString("\r\n");
    }
    body.appendString("--" + boundary + "--\r\n");
    return http.post(path, query, body, "multipart/form-data; boundary=" + boundary);
  }

  static String md5(int n) {
    return String.format("%032x", 0x4a40000L + n);
  }

  @Test
  void lookup_bySignal_returnsMatchesByBank_withStringDistance() {
    PdqHash h = pdq(1);
    long id = submit("pdq", h.toHex());
    JsonObject body = ok(get("/m/lookup?signal_type=pdq&signal=" + flip(h, 4)));
    assertEquals(new JsonObject().put("ACME_EU", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "4"))), body);
  }

  @Test
  void lookup_cappedByMaxMatchesPerSignal_saysSoInAHeader_andAnInvalidCapIsHmaError() {
    String md5 = md5(40);
    for (String member : List.of("beta", "delta")) {
      node.ledger().orElseThrow().ingest(members.submitMd5(member, md5, "behavior:glorification"));
    }
    String q = "/m/raw_lookup?signal_type=md5&include_observed=true&signal=" + md5;
    HttpResponse<Buffer> all = get(q);
    assertEquals(2, ok(all).getJsonArray("matches").size());
    assertNull(all.getHeader("Hashfed-Matches-Truncated"), "nothing was cut");
    HttpResponse<Buffer> one = get(q + "&max_matches_per_signal=1");
    assertEquals(1, ok(one).getJsonArray("matches").size());
    assertEquals("true", one.getHeader("Hashfed-Matches-Truncated"));
    HttpResponse<Buffer> byBank = get("/m/lookup?signal_type=md5&include_observed=true&max_matches_per_signal=1"
        + "&signal=" + md5);
    assertEquals(1, ok(byBank).size(), "one bank of one match");
    assertEquals("true", byBank.getHeader("Hashfed-Matches-Truncated"));
    assertTrue(error(get(q + "&max_matches_per_signal=0"), 400).contains("max_matches_per_signal"));
  }

  @Test
  void lookup_videoMd5_isHashfedMd5_withHmaNoDistance() {
    String md5 = md5(1);
    long id = submit("md5", md5);
    JsonObject expected = new JsonObject().put("ACME_EU", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "-")));
    assertEquals(expected, ok(get("/m/lookup?signal_type=video_md5&signal=" + md5)));
    assertEquals(expected, ok(get("/m/lookup?signal_type=md5&signal=" + md5)), "hashfed's own name works too");
  }

  @Test
  void lookup_honoursTrust_blockedAndObservedMembersAreNoBanks() {
    String md5 = md5(2);
    for (String member : List.of("beta", "gamma", "delta")) {
      SignedEntry e = members.submitMd5(member, md5, "behavior:glorification");
      node.ledger().orElseThrow().ingest(e);
    }
    JsonObject body = ok(get("/m/lookup?signal_type=video_md5&signal=" + md5));
    assertEquals(List.of("BETA"), List.copyOf(body.fieldNames()), body.encode());
    assertEquals(new JsonObject(), ok(get("/m/lookup?signal_type=video_md5&signal=" + md5 + "&banks=GAMMA")),
        "a blocked member's bank never matches, even when asked for");
    JsonObject observed = ok(get("/m/lookup?signal_type=video_md5&signal=" + md5 + "&include_observed=true"));
    assertEquals(List.of("BETA", "DELTA"), observed.fieldNames().stream().sorted().toList());
  }

  @Test
  void lookup_banks_keepsOnlyTheNamedBanks() {
    String md5 = md5(3);
    node.ledger().orElseThrow().ingest(members.submitMd5("beta", md5, "behavior:glorification"));
    submit("md5", md5);
    String q = "/m/lookup?signal_type=video_md5&signal=" + md5;
    assertEquals(List.of("ACME_EU", "BETA"), ok(get(q)).fieldNames().stream().sorted().toList());
    assertEquals(List.of("BETA"), List.copyOf(ok(get(q + "&banks=BETA")).fieldNames()));
    assertEquals(List.of("ACME_EU", "BETA"), ok(get(q + "&banks=BETA,ACME_EU")).fieldNames().stream().sorted()
        .toList());
    assertEquals(new JsonObject(), ok(get(q + "&banks=NON_EXISTENT_BANK")));
  }

  @Test
  void lookup_vpdqAsPythonThreatExchangeString_matchesWithPercentDistance() {
    PdqHash a = pdq(20);
    PdqHash b = pdq(21);
    // python-threatexchange's vpdq signal string, as HMA stores and sends it
    String video = "[\"" + a.toHex() + ",100,0.0\", \"" + b.toHex() + ",100,1.0\"]";
    HttpResponse<Buffer> submitted = http.post("/v1/submissions", submitter, new JsonObject()
        .put("signal", new JsonObject().put("type", "vpdq").put("value", video))
        .put("labels", new JsonArray().add("content:attack-livestream")));
    assertEquals(201, submitted.statusCode(), submitted.bodyAsString());
    long id = Banks.contentId(EntryId.parse(submitted.bodyAsJsonObject().getString("entry_id")));
    JsonObject body = ok(get("/m/lookup?signal_type=vpdq&signal=" + URLEncoder.encode(video, StandardCharsets.UTF_8)));
    assertEquals(new JsonObject().put("ACME_EU", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "100%[100%]"))), body);
  }

  @Test
  void rawLookup_returnsIds_orMatchesWithDistance() {
    PdqHash h = pdq(2);
    long id = submit("pdq", h.toHex());
    String q = "/m/raw_lookup?signal_type=pdq&signal=" + flip(h, 2);
    assertEquals(new JsonObject().put("matches", new JsonArray().add(id)), ok(get(q)));
    assertEquals(new JsonObject().put("matches", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "2"))), ok(get(q + "&include_distance=true")));
    assertEquals(new JsonObject().put("matches", new JsonArray()), ok(get(q + "&banks=BANK_A")));
    assertEquals(new JsonObject().put("matches", new JsonArray().add(id)), ok(get(q + "&include_distance=False")));
  }

  @Test
  void compare_givesHmaPairs() {
    HttpResponse<Buffer> r = http.post("/m/compare", query, new JsonObject()
        .put("pdq", new JsonArray().add(SPECIMEN1).add(SPECIMEN2))
        .put("video_md5", new JsonArray().add(md5(1)).add(md5(2))));
    assertEquals(new JsonObject()
        .put("pdq", new JsonArray().add(true).add(new JsonObject().put("distance", 9)))
        .put("video_md5", new JsonArray().add(false).add(new JsonObject())), ok(r));
  }

  @Test
  void compare_malformedInput_is400WithMessage() {
    for (String bad : List.of("[\"banana\"]", "{\"pdq\": \"banana\"}", "{\"pdq\": []}",
        "{\"pdq\": [\"banana\", \"banana\"]}",
        "{\"pdq\": [\"" + SPECIMEN1 + "\", \"" + SPECIMEN2 + "\", \"" + SPECIMEN1 + "\"]}",
        "{\"tmk\": [\"a\", \"b\"]}", "not json")) {
      HttpResponse<Buffer> r = http.post("/m/compare", query, Buffer.buffer(bad), "application/json");
      assertFalse(error(r, 400).isBlank(), bad);
    }
  }

  @Test
  void compare_readsJsonStrictly_refusingDuplicateKeysAndOtherContentTypes() {
    String pair = "[\"" + SPECIMEN1 + "\", \"" + SPECIMEN2 + "\"]";
    assertFalse(error(http.post("/m/compare", query, Buffer.buffer("{\"pdq\": " + pair + "}"), "text/plain"), 415)
        .isBlank());
    String dup = "{\"pdq\": [\"banana\"], \"pdq\": " + pair + "}";
    assertTrue(error(http.post("/m/compare", query, Buffer.buffer(dup), "application/json"), 400).contains("pdq"));
  }

  @Test
  void indexStatus_listsEveryTypeWithSizeAndTime() {
    submit("pdq", pdq(3).toHex());
    JsonObject all = ok(get("/m/index/status"));
    assertEquals(List.of("pdq", "video_md5", "vpdq", "sha256"), List.copyOf(all.fieldNames()));
    JsonObject pdqStatus = all.getJsonObject("pdq");
    assertEquals(List.of("built_to", "present", "size"), pdqStatus.fieldNames().stream().sorted().toList());
    assertTrue(pdqStatus.getBoolean("present"));
    assertTrue(pdqStatus.getInteger("size") >= 1);
    assertTrue(pdqStatus.getLong("built_to") > 1_700_000_000L);
    assertEquals(List.of("vpdq"), List.copyOf(ok(get("/m/index/status?signal_type=vpdq")).fieldNames()));
    assertEquals("No such signal type 'tmk'", error(get("/m/index/status?signal_type=tmk"), 400));
  }

  @Test
  void hash_photo_givesPdq() throws Exception {
    Path image = IMAGES.resolve("bridge-mods-shrink-a-lot.jpg");
    String expected = new PdqHasher().hash(ImageLoader.read(image)).hash().toHex();
    assertEquals(new JsonObject().put("pdq", expected), ok(multipart("/h/hash", "photo", image.toString())));
  }

  @Test
  void lookup_uploadedPhoto_givesMatchesBySignalType() throws Exception {
    Path image = IMAGES.resolve("bridge-mods-aaa-orig.jpg");
    String hash = new PdqHasher().hash(ImageLoader.read(image)).hash().toHex();
    long id = submit("pdq", hash);
    JsonObject body = ok(multipart("/m/lookup", "photo", image.toString()));
    assertEquals(new JsonObject().put("pdq", new JsonObject().put("ACME_EU", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "0")))), body);
  }

  @Test
  void hash_video_givesVideoMd5AndVpdq() throws Exception {
    Path video = Path.of("../protocol/src/test/resources/vpdq/videos/pattern-sd-grey-bar.mp4");
    JsonObject body = ok(multipart("/h/hash", "video", video.toString()));
    assertEquals(List.of("video_md5", "vpdq"), List.copyOf(body.fieldNames()));
    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(Files.readAllBytes(video)));
    assertEquals(md5, body.getString("video_md5"));
    assertFalse(org.hashfed.protocol.vpdq.VpdqSignalFormat.parse(body.getString("vpdq")).isEmpty());
  }

  @Test
  void uploads_refusedAsHmaDoes() throws Exception {
    String image = IMAGES.resolve("bridge-mods-aaa-orig.jpg").toString();
    assertEquals("no such content_type: 'file' (expected: photo or video)",
        error(multipart("/h/hash", "file", image), 400));
    assertEquals("Only one file allowed per request", error(multipart("/h/hash", "photo", image, "photo", image), 400));
    assertEquals("Missing multipart/form-data file upload",
        error(http.post("/h/hash", query, Buffer.buffer("x"), "application/octet-stream"), 400));
    assertTrue(error(get("/h/hash?url=https://example.com/a.jpg"), 400).contains("does not fetch URLs"));
    assertTrue(error(get("/m/lookup?url=https://example.com/a.jpg"), 400).contains("does not fetch URLs"));
  }

  @Test
  void errors_areHmaShaped() {
    assertEquals("Either url or both signal and signal_type are required", error(get("/m/lookup?signal_type=pdq"), 400));
    assertTrue(error(get("/m/lookup?signal_type=tmk&signal=ab"), 400).startsWith("No such SignalType 'tmk'"));
    assertTrue(error(get("/m/lookup?signal_type=pdq&signal=banana"), 400).startsWith("invalid signal: "));
    assertEquals("signal is required", error(get("/m/raw_lookup?signal_type=pdq"), 400));
    assertTrue(error(get("/m/raw_lookup?signal_type=pdq&signal=" + SPECIMEN1 + "&include_distance=maybe"), 400)
        .contains("include_distance"));
    HttpResponse<Buffer> anonymous = http.get("/m/lookup?signal_type=pdq&signal=" + SPECIMEN1, null);
    assertTrue(error(anonymous, 401).contains("Authorization: Bearer"));
    assertEquals("Bearer realm=\"hashfed\"", anonymous.getHeader("WWW-Authenticate"));
  }

  @Test
  void status_isIAmAlive_withoutAKey() {
    HttpResponse<Buffer> r = http.get("/status", null);
    assertEquals(200, r.statusCode());
    assertEquals("I-AM-ALIVE", r.bodyAsString());
    assertEquals("I-AM-ALIVE", http.get("/status/live", null).bodyAsString());
  }

  @Test
  void content_byBankAndId_isHmaBankContent_withTheEntryIdInItsMetadata() {
    String md5 = md5(10);
    String entry = submitEntry("md5", md5);
    long id = Banks.contentId(EntryId.parse(entry));
    JsonObject body = ok(get("/c/bank/ACME_EU/content/" + id + "?include_signals=true"));
    assertEquals(id, body.getLong("id"));
    assertEquals(1, body.getInteger("disable_until_ts"), "HMA's ENABLED");
    assertTrue(body.containsKey("original_media_uri"));
    assertEquals(new JsonObject().put("name", "ACME_EU").put("matching_enabled_ratio", 1.0), body.getJsonObject("bank"));
    assertEquals(new JsonObject().put("video_md5", md5), body.getJsonObject("signals"));
    JsonObject metadata = body.getJsonObject("metadata");
    assertEquals(entry, metadata.getString("content_id"));
    assertEquals(new JsonArray().add("behavior:glorification"), metadata.getJsonObject("json").getJsonArray("labels"));
    assertFalse(ok(get("/c/bank/ACME_EU/content/" + id)).containsKey("signals"), "signals only when asked");
    assertFalse(ok(get("/c/bank/ACME_EU/content/" + id + "?include_metadata=false")).containsKey("metadata"));
  }

  @Test
  void content_andBanks_honourTrust_andUnknownOnesAre404() {
    String md5 = md5(11);
    SignedEntry gamma = members.submitMd5("gamma", md5, "behavior:glorification");
    node.ledger().orElseThrow().ingest(gamma);
    node.ledger().orElseThrow().ingest(members.submitMd5("beta", md5(12), "behavior:glorification"));
    long own = submit("md5", md5(13));
    HttpResponse<Buffer> listed = get("/c/banks");
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonArray banks = listed.bodyAsJsonArray();
    assertTrue(banks.contains(new JsonObject().put("name", "ACME_EU").put("matching_enabled_ratio", 1.0)), banks.encode());
    assertTrue(banks.contains(new JsonObject().put("name", "BETA").put("matching_enabled_ratio", 1.0)), banks.encode());
    assertEquals(2, banks.size(), "the blocked gamma is no bank: " + banks.encode());
    assertEquals(new JsonObject().put("name", "BETA").put("matching_enabled_ratio", 1.0), ok(get("/c/bank/BETA")));
    assertEquals("bank 'GAMMA' not found", error(get("/c/bank/GAMMA"), 404));
    assertEquals("bank 'GAMMA' not found", error(get("/c/bank/GAMMA/content/" + Banks.contentId(gamma.id())), 404));
    assertEquals("bank 'NOPE' not found", error(get("/c/bank/NOPE"), 404));
    assertEquals("content '" + own + "' not found", error(get("/c/bank/BETA/content/" + own), 404),
        "content is found only in its own bank");
    assertEquals("content '12x' not found", error(get("/c/bank/ACME_EU/content/12x"), 404));
  }

  @Test
  void compare_vpdq_givesMatchPercentages() {
    String a = "[\"" + pdq(30).toHex() + ",100,0.0\", \"" + pdq(31).toHex() + ",100,1.0\"]";
    String b = "[\"" + pdq(30).toHex() + ",100,0.0\", \"" + pdq(32).toHex() + ",100,1.0\"]";
    HttpResponse<Buffer> r = http.post("/m/compare", query, new JsonObject()
        .put("vpdq", new JsonArray().add(a).add(b)));
    assertEquals(new JsonObject().put("vpdq", new JsonArray().add(false).add(new JsonObject()
        .put("query_match_percent", 50.0).put("compared_match_percent", 50.0))), ok(r));
  }

  @Test
  void lookup_uploadedVideo_givesVideoMd5AndVpdqMatchesByBank() throws Exception {
    Path video = Path.of("../protocol/src/test/resources/vpdq/videos/pattern-sd-grey-bar.mp4");
    String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(Files.readAllBytes(video)));
    long id = submit("md5", md5);
    JsonObject body = ok(multipart("/m/lookup", "video", video.toString()));
    assertEquals(List.of("video_md5", "vpdq"), List.copyOf(body.fieldNames()));
    assertEquals(new JsonObject().put("ACME_EU", new JsonArray()
        .add(new JsonObject().put("bank_content_id", id).put("distance", "-"))), body.getJsonObject("video_md5"));
    assertEquals(new JsonObject(), body.getJsonObject("vpdq"), "no video of this node's members matches");
  }
}
