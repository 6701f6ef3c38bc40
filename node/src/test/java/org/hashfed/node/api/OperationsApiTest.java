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
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, readiness, metrics, the OpenAPI document, API key management and authentication errors. */
class OperationsApiTest {

  @TempDir static Path dir;
  static Node node;
  static TestClient http;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build());
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
  void bodyOverLimit_is413() {
    Buffer big = Buffer.buffer("{\"role\":\"query\",\"label\":\"" + "x".repeat(1024 * 1024) + "\"}");
    assertProblem(http.post("/v1/admin/api-keys", admin, big, "application/json"), 413, "body-too-large");
    assertEquals(200, http.get("/healthz", null).statusCode());
  }

  @Test
  void unknownPath_is404Problem_andWrongMethod_is405Problem() {
    assertProblem(http.get("/v1/nothing", admin), 404, "not-found");
    assertProblem(http.get("/v1/admin/api-keys", admin), 405, "method-not-allowed");
  }
}
