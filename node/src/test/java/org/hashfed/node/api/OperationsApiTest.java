package org.hashfed.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.hashfed.node.MovableClock;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, metrics, the OpenAPI document, API key management and authentication errors. */
class OperationsApiTest {

  @TempDir static Path dir;
  static final MovableClock clock = new MovableClock();
  static Node node;
  static TestClient http;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build(), clock);
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
  }

  @AfterAll
  static void stop() throws Exception {
    http.close();
    node.stop();
  }

  static void assertProblem(HttpResponse<Buffer> r, int status, String slug) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertEquals(Problem.CONTENT_TYPE, r.getHeader("Content-Type"));
    JsonObject p = r.bodyAsJsonObject();
    assertEquals(Problem.TYPE_PREFIX + slug, p.getString("type"), p.encode());
    assertEquals(status, p.getInteger("status"));
    assertFalse(p.getString("detail").isBlank());
  }

  @Test
  void firstStart_writesAdminKeyFileOwnerOnly_andItWorks() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin.key"))));
    assertEquals(admin, node.firstAdminKey().orElseThrow().secret());
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("query", r.bodyAsJsonObject().getString("role"));
    assertTrue(r.bodyAsJsonObject().getString("key").startsWith("hfk_"));
  }

  @Test
  void healthAndReadiness_needNoKey() {
    assertEquals(200, http.get("/healthz", null).statusCode());
    HttpResponse<Buffer> r = http.get("/readyz", null);
    assertEquals(200, r.statusCode());
    assertEquals("ready", r.bodyAsJsonObject().getString("status"));
  }

  @Test
  void openapi_isServedExactlyAsInSpec() throws Exception {
    Path spec = Path.of(System.getProperty("hashfed.repo.dir", ".."), "spec", "openapi.yaml");
    HttpResponse<Buffer> r = http.get("/openapi.yaml", null);
    assertEquals(200, r.statusCode());
    assertEquals(Files.readString(spec, StandardCharsets.UTF_8), r.bodyAsString());
  }

  @Test
  void metrics_countRequestsByRouteTemplate() {
    http.get("/healthz", null);
    String text = http.get("/metrics", null).bodyAsString();
    assertTrue(text.contains("hashfed_http_requests_total{route=\"GET /healthz\",status=\"200\"}"), text);
    assertTrue(text.contains("hashfed_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"}"), text);
    assertTrue(text.contains("hashfed_ready 1"), text);
  }

  @Test
  void missingKey_is401WithChallenge() {
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", null, new JsonObject().put("role", "query"));
    assertProblem(r, 401, "missing-api-key");
    assertEquals("Bearer realm=\"hashfed\"", r.getHeader("WWW-Authenticate"));
  }

  @Test
  void wrongKey_is401() {
    assertProblem(http.post("/v1/admin/api-keys", "hfk_wrong", new JsonObject().put("role", "query")), 401,
        "invalid-api-key");
    HttpResponse<Buffer> basic = http.send(HttpMethod.POST, "/v1/admin/api-keys", null,
        Buffer.buffer("{}"), "application/json");
    assertProblem(basic, 401, "missing-api-key");
  }

  @Test
  void queryKey_cannotCreateKeys_is403() {
    String query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query"))
        .bodyAsJsonObject().getString("key");
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", query, new JsonObject().put("role", "admin"));
    assertProblem(r, 403, "insufficient-role");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("role query"));
  }

  @Test
  void unknownRole_is400NamingValue() {
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "root"));
    assertProblem(r, 400, "invalid-role");
    assertEquals("root", r.bodyAsJsonObject().getString("value"));
  }

  @Test
  void malformedJson_is400() {
    assertProblem(http.post("/v1/admin/api-keys", admin, Buffer.buffer("{\"role\":"), "application/json"), 400,
        "malformed-json");
    assertProblem(http.post("/v1/admin/api-keys", admin, Buffer.buffer("[1]"), "application/json"), 400,
        "malformed-json");
    assertProblem(http.post("/v1/admin/api-keys", admin, Buffer.buffer(""), "application/json"), 400,
        "malformed-json");
  }

  @Test
  void duplicateRoleKey_is400_andCreatesNoKey() {
    int before = keyCount();
    HttpResponse<Buffer> r = http.post("/v1/admin/api-keys", admin,
        Buffer.buffer("{\"role\":\"query\",\"role\":\"admin\"}"), "application/json");
    assertProblem(r, 400, "malformed-json");
    assertTrue(r.bodyAsJsonObject().getString("detail").contains("role"), r.bodyAsString());
    assertEquals(before, keyCount());
  }

  @Test
  void nonJsonContentType_is415_andJsonVariantsAreAccepted() {
    Buffer body = Buffer.buffer("{\"role\":\"query\"}");
    assertProblem(http.post("/v1/admin/api-keys", admin, body, "text/plain"), 415, "unsupported-media-type");
    assertProblem(http.post("/v1/admin/api-keys", admin, body, null), 415, "unsupported-media-type");
    assertProblem(http.post("/v1/admin/api-keys", admin, body, "application/json; charset=latin1"), 415,
        "unsupported-media-type");
    assertEquals(201, http.post("/v1/admin/api-keys", admin, body, "application/json; charset=UTF-8").statusCode());
    assertEquals(201, http.post("/v1/admin/api-keys", admin, body, "application/vnd.hashfed+json").statusCode());
  }

  static int keyCount() {
    HttpResponse<Buffer> r = http.get("/v1/admin/api-keys", admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("keys").size();
  }

  @Test
  void listKeys_showsIdsRolesAndLabels_neverKeysOrHashes() {
    HttpResponse<Buffer> created = http.post("/v1/admin/api-keys", admin,
        new JsonObject().put("role", "submit").put("label", "ingest"));
    String id = created.bodyAsJsonObject().getString("id");
    String secret = created.bodyAsJsonObject().getString("key");
    HttpResponse<Buffer> r = http.get("/v1/admin/api-keys", admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject k = r.bodyAsJsonObject().getJsonArray("keys").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
    assertEquals("submit", k.getString("role"));
    assertEquals("ingest", k.getString("label"));
    assertTrue(k.getString("created_at").endsWith("Z"));
    assertFalse(k.containsKey("expires_at"));
    assertFalse(r.bodyAsString().contains(secret.substring(4)), r.bodyAsString());
    assertTrue(r.bodyAsJsonObject().getJsonArray("keys").stream().map(JsonObject.class::cast)
        .anyMatch(o -> o.getString("role").equals("admin") && o.containsKey("last_used_at")), r.bodyAsString());
  }

  @Test
  void revokedKey_is401AtOnce_andUnknownIdIs404() {
    JsonObject created = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query"))
        .bodyAsJsonObject();
    String key = created.getString("key");
    assertEquals(200, http.get("/v1/status", key).statusCode());
    HttpResponse<Buffer> r = http.send(HttpMethod.DELETE, "/v1/admin/api-keys/" + created.getString("id"), admin,
        null, null);
    assertEquals(204, r.statusCode(), r.bodyAsString());
    assertProblem(http.get("/v1/status", key), 401, "invalid-api-key");
    assertProblem(http.send(HttpMethod.DELETE, "/v1/admin/api-keys/" + created.getString("id"), admin, null, null),
        404, "unknown-api-key");
  }

  @Test
  void expiringKeys_ttlAndExpiresAt_andExpiredKeyIs401NamingExpiry() throws Exception {
    JsonObject ttl = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query").put("ttl_days", 30))
        .bodyAsJsonObject();
    Instant ttlExpiry = Instant.parse(ttl.getString("expires_at"));
    assertTrue(ttlExpiry.isAfter(clock.instant().plus(Duration.ofDays(29))), ttl.encode());
    String soon = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(2))
        .toString();
    HttpResponse<Buffer> created = http.post("/v1/admin/api-keys", admin,
        new JsonObject().put("role", "query").put("expires_at", soon));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String key = created.bodyAsJsonObject().getString("key");
    assertEquals(200, http.get("/v1/status", key).statusCode());
    Instant expiry = Instant.parse(created.bodyAsJsonObject().getString("expires_at"));
    // the key is refused as soon as the node's clock reaches its expiry
    clock.advance(Duration.ofSeconds(61));
    HttpResponse<Buffer> late = http.get("/v1/status", key);
    assertProblem(late, 401, "expired-api-key");
    assertTrue(late.bodyAsJsonObject().getString("detail").contains(expiry.toString()), late.bodyAsString());
    assertProblem(http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")
        .put("expires_at", "2020-01-01T00:00:00Z")), 400, "invalid-field");
    assertProblem(http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query").put("ttl_days", 0)),
        400, "invalid-field");
    assertProblem(http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query").put("ttl_days", 1)
        .put("expires_at", soon)), 400, "invalid-field");
  }

  @Test
  void bodyOverLimit_is413() {
    Buffer big = Buffer.buffer("{\"role\":\"query\",\"label\":\"" + "x".repeat(1024 * 1024) + "\"}");
    assertProblem(http.post("/v1/admin/api-keys", admin, big, "application/json"), 413, "body-too-large");
    assertEquals(200, http.get("/healthz", null).statusCode());
  }

  @Test
  void unknownPath_is404Problem_andWrongMethod_is405Problem() {
    assertProblem(http.get("/v1/nothing", admin), 404, "not-found");
    assertProblem(http.send(HttpMethod.PUT, "/v1/admin/api-keys", admin, null, null), 405, "method-not-allowed");
  }
}
