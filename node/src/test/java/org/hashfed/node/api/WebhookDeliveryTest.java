package org.hashfed.node.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.hashfed.node.api.OperationsApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hashfed.node.Await;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.trust.FakeConsortium;
import org.hashfed.node.webhooks.WebhookOptions;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks against a real node, with WireMock as the platform's receiver. */
class WebhookDeliveryTest {

  static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;
  Node node;
  TestClient http;
  String admin;
  WireMockServer receiver;
  FakeConsortium members = new FakeConsortium("acme");
  int submissions;

  @BeforeEach
  void startReceiver() {
    receiver = new WireMockServer(options().dynamicPort());
    receiver.start();
  }

  void startNode(Duration giveUp) throws Exception {
    startNode(giveUp, Duration.ofSeconds(5));
  }

  /** A node whose attempts time out after {@code timeout}: generous but for the timeout test, as WireMock can be slow to warm up. */
  void startNode(Duration giveUp, Duration timeout) throws Exception {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0)
        .webhooks(new WebhookOptions(timeout, Duration.ofMillis(50), Duration.ofMillis(300), giveUp, 4))
        .build());
    node.awaitReady(Duration.ofSeconds(20));
    http = new TestClient(node.port());
    admin = Files.readString(dir.resolve("admin.key")).trim();
  }

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      http.close();
      node.stop();
    }
    receiver.stop();
  }

  private JsonObject create(String url) {
    HttpResponse<Buffer> r = http.post("/v1/admin/webhooks", admin, new JsonObject().put("url", url)
        .put("events", new JsonArray().add("signal.added").add("signal.removed")));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.port() + "/hook";
  }

  private SignedEntry submit() {
    SignedEntry s = members.submitMd5("acme", String.format("%032x", 0xb000 + submissions++), "behavior:glorification");
    node.ledger().orElseThrow().ingest(s);
    return s;
  }

  private List<LoggedRequest> received() {
    return receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
  }

  private static void await(String what, BooleanSupplier done) {
    Await.until(DEADLINE, done, () -> what);
  }

  private JsonObject deliveries(String id) {
    HttpResponse<Buffer> r = http.get("/v1/admin/webhooks/" + id + "/deliveries", admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static String entryOf(LoggedRequest r) {
    return new JsonObject(r.getBodyAsString()).getJsonObject("data").getString("entry_id");
  }

  /** The Standard Webhooks check, written independently of the node's code. */
  private static void assertSigned(LoggedRequest r, String secret) throws Exception {
    String id = r.getHeader("webhook-id");
    String timestamp = r.getHeader("webhook-timestamp");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    byte[] expected = mac.doFinal((id + "." + timestamp + "." + r.getBodyAsString()).getBytes(StandardCharsets.UTF_8));
    assertEquals("v1," + Base64.getEncoder().encodeToString(expected), r.getHeader("webhook-signature"));
    assertTrue(Math.abs(Long.parseLong(timestamp) - System.currentTimeMillis() / 1000) < 300, timestamp);
  }

  @Test
  void delivery_isSignedTheStandardWebhooksWay_andCarriesTheEvent() throws Exception {
    receiver.stubFor(post("/hook").willReturn(ok()));
    startNode(Duration.ofHours(1));
    JsonObject created = create(hookUrl());
    String secret = created.getString("secret");
    assertTrue(secret.startsWith("whsec_") && Base64.getDecoder().decode(secret.substring(6)).length == 32, secret);
    assertTrue(created.getString("id").startsWith("wh_"));
    SignedEntry s = submit();
    await("one delivery", () -> received().size() == 1);
    LoggedRequest r = received().get(0);
    assertSigned(r, secret);
    JsonObject body = new JsonObject(r.getBodyAsString());
    assertEquals(List.of("id", "type", "time", "data"), List.copyOf(body.fieldNames()));
    assertEquals(r.getHeader("webhook-id"), body.getString("id"));
    assertEquals("signal.added", body.getString("type"));
    assertEquals(s.id().hex(), body.getJsonObject("data").getString("entry_id"));
    assertEquals("application/json", r.getHeader("Content-Type"));

    JsonArray listed = http.get("/v1/admin/webhooks", admin).bodyAsJsonObject().getJsonArray("webhooks");
    assertEquals(1, listed.size());
    assertFalse(listed.encode().contains(secret.substring(6)), "the secret is shown once");
    await("the attempt recorded", () -> deliveries(created.getString("id")).getJsonArray("attempts").size() == 1);
    JsonObject attempt = deliveries(created.getString("id")).getJsonArray("attempts").getJsonObject(0);
    assertEquals("delivered", attempt.getString("result"));
    assertEquals(200, attempt.getInteger("status"));
  }

  @Test
  void serverError_isRetried_andEventsStayInOrder() throws Exception {
    receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(STARTED).willReturn(serverError())
        .willSetStateTo("up"));
    receiver.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));
    startNode(Duration.ofHours(1));
    String id = create(hookUrl()).getString("id");
    SignedEntry first = submit();
    SignedEntry second = submit();
    await("three requests", () -> received().size() >= 3);
    List<String> order = received().stream().map(WebhookDeliveryTest::entryOf).toList();
    assertEquals(List.of(first.id().hex(), first.id().hex(), second.id().hex()), order.subList(0, 3));
    assertEquals(received().get(0).getHeader("webhook-id"), received().get(1).getHeader("webhook-id"),
        "a retry is the same message");
    await("attempts recorded", () -> deliveries(id).getJsonArray("attempts").size() == 3);
    JsonArray attempts = deliveries(id).getJsonArray("attempts");
    assertEquals("retry", attempts.getJsonObject(2).getString("result"), attempts.encodePrettily());
    assertEquals(500, attempts.getJsonObject(2).getInteger("status"));
  }

  @Test
  void timeout_isRetried() throws Exception {
    receiver.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(200).withFixedDelay(5000)).willSetStateTo("fast"));
    receiver.stubFor(post("/hook").inScenario("slow").whenScenarioStateIs("fast").willReturn(ok()));
    startNode(Duration.ofHours(1), Duration.ofMillis(1000));
    String id = create(hookUrl()).getString("id");
    submit();
    await("a delivered attempt after a timed-out one", () -> {
      JsonArray a = deliveries(id).getJsonArray("attempts");
      return a.size() >= 2 && "delivered".equals(a.getJsonObject(0).getString("result"));
    });
    JsonObject timedOut = deliveries(id).getJsonArray("attempts").getJsonObject(1);
    assertEquals("retry", timedOut.getString("result"));
    assertTrue(timedOut.getString("error").contains("no answer within 1000 ms"), timedOut.encode());
    assertFalse(timedOut.containsKey("status"), timedOut.encode());
  }

  @Test
  void tooManyRequests_waitsForRetryAfter() throws Exception {
    receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("free"));
    receiver.stubFor(post("/hook").inScenario("busy").whenScenarioStateIs("free").willReturn(ok()));
    startNode(Duration.ofHours(1));
    String id = create(hookUrl()).getString("id");
    submit();
    await("the retry", () -> received().size() == 2);
    await("both attempts recorded", () -> deliveries(id).getJsonArray("attempts").size() == 2);
    JsonObject first = deliveries(id).getJsonArray("attempts").getJsonObject(1);
    assertEquals(429, first.getInteger("status"), first.encode());
    assertEquals(2, first.getInteger("retry_after_s"));
    long gap = received().get(1).getLoggedDate().getTime() - received().get(0).getLoggedDate().getTime();
    assertTrue(gap >= 1900, "retried after " + gap + " ms, before the receiver's Retry-After of 2 s");
  }

  @Test
  void gone_disablesTheEndpoint_andReplayReenablesIt() throws Exception {
    receiver.stubFor(post("/hook").inScenario("gone").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(410)).willSetStateTo("back"));
    receiver.stubFor(post("/hook").inScenario("gone").whenScenarioStateIs("back").willReturn(ok()));
    startNode(Duration.ofHours(1));
    JsonObject created = create(hookUrl());
    String id = created.getString("id");
    String start = http.get("/v1/updates", admin).bodyAsJsonObject().getString("next");
    SignedEntry s = submit();
    // the state shows first; the attempt's record follows in the store
    await("disabled, with its attempt recorded", () -> deliveries(id).getJsonObject("state").containsKey("disabled")
        && !deliveries(id).getJsonArray("attempts").isEmpty());
    assertTrue(deliveries(id).getJsonObject("state").getString("disabled").contains("410"));
    assertEquals("disabled", deliveries(id).getJsonArray("attempts").getJsonObject(0).getString("result"));

    HttpResponse<Buffer> replay = http.post("/v1/admin/webhooks/" + id + "/replay", admin,
        new JsonObject().put("after", start));
    assertEquals(202, replay.statusCode(), replay.bodyAsString());
    await("delivered again", () -> received().size() == 2);
    assertEquals(s.id().hex(), entryOf(received().get(1)));
    assertFalse(deliveries(id).getJsonObject("state").containsKey("disabled"));
  }

  @Test
  void receiverDownForAWhile_getsEverything_inOrder_whenItComesBack() throws Exception {
    int port = receiver.port();
    receiver.stop();
    startNode(Duration.ofHours(1));
    String id = create("http://127.0.0.1:" + port + "/hook").getString("id");
    SignedEntry a = submit();
    SignedEntry b = submit();
    await("failed attempts", () -> deliveries(id).getJsonObject("state").getInteger("failed_attempts") >= 3);
    receiver = new WireMockServer(options().port(port));
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(ok()));
    await("both delivered", () -> received().size() == 2);
    assertEquals(List.of(a.id().hex(), b.id().hex()), received().stream().map(WebhookDeliveryTest::entryOf).toList());
  }

  @Test
  void anEventFailingPastTheGiveUpTime_isDeadLettered_andTheNextOneDelivered() throws Exception {
    receiver.stubFor(post("/hook").inScenario("dead").whenScenarioStateIs(STARTED).willReturn(serverError()));
    startNode(Duration.ofMillis(300));
    String id = create(hookUrl()).getString("id");
    SignedEntry dead = submit();
    await("a dead letter", () -> deliveries(id).getJsonArray("dead_letters").size() == 1);
    JsonObject letter = deliveries(id).getJsonArray("dead_letters").getJsonObject(0);
    assertEquals(dead.id().hex(), letter.getJsonObject("event").getJsonObject("data").getString("entry_id"));
    assertTrue(letter.getInteger("attempts") >= 2, letter.encode());
    receiver.stubFor(post("/hook").inScenario("dead").whenScenarioStateIs(STARTED).willReturn(ok()));
    SignedEntry next = submit();
    await("the next event delivered", () -> received().stream().anyMatch(r -> entryOf(r).equals(next.id().hex())));
  }

  @Test
  void restartedNode_deliversWhatItHadNotDelivered() throws Exception {
    int port = receiver.port();
    receiver.stop();
    startNode(Duration.ofHours(1));
    String id = create("http://127.0.0.1:" + port + "/hook").getString("id");
    SignedEntry a = submit();
    await("a failed attempt", () -> deliveries(id).getJsonObject("state").getInteger("failed_attempts") >= 1);
    http.close();
    node.stop();
    receiver = new WireMockServer(options().port(port));
    receiver.start();
    receiver.stubFor(post("/hook").willReturn(ok()));
    startNode(Duration.ofHours(1));
    await("delivered after the restart", () -> received().size() == 1);
    assertEquals(a.id().hex(), entryOf(received().get(0)));
  }

  @Test
  void aReceiverThatNeverAnswers_slowsNeitherMatchingNorTheFeed() throws Exception {
    receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
    startNode(Duration.ofHours(1), Duration.ofSeconds(15));
    String query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(create(hookUrl()).getString("id"));
    }
    submit();
    long t0 = System.nanoTime();
    HttpResponse<Buffer> match = http.get("/v1/match?type=md5&value=" + String.format("%032x", 0xb000), query);
    assertEquals(200, match.statusCode(), match.bodyAsString());
    assertEquals(1, match.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches").size());
    assertEquals(1, http.get("/v1/updates", query).bodyAsJsonObject().getJsonArray("events").size());
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(), "answered while the receivers hang");
    for (String id : ids) {
      assertTrue(deliveries(id).getJsonArray("attempts").isEmpty(), "the deliveries were still hanging");
    }
  }

  @Test
  void badRequests_areProblems_andOnlyAdminsManageWebhooks() throws Exception {
    startNode(Duration.ofHours(1));
    assertProblem(http.post("/v1/admin/webhooks", admin, new JsonObject().put("url", "ftp://x/")
        .put("events", new JsonArray().add("signal.added"))), 400, "invalid-webhook");
    HttpResponse<Buffer> type = http.post("/v1/admin/webhooks", admin, new JsonObject().put("url", hookUrl())
        .put("events", new JsonArray().add("signal.exploded")));
    assertProblem(type, 400, "invalid-webhook");
    assertTrue(type.bodyAsJsonObject().getString("detail").contains("signal.exploded"));
    assertProblem(http.post("/v1/admin/webhooks", admin, new JsonObject().put("url", hookUrl())
        .put("events", new JsonArray().add("signal.added")).put("filters", new JsonObject().put("min_trust", "x"))),
        400, "invalid-webhook");
    String query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    assertProblem(http.get("/v1/admin/webhooks", query), 403, "insufficient-role");
    assertProblem(http.send(HttpMethod.DELETE, "/v1/admin/webhooks/wh_nope", admin, null, null), 404,
        "webhook-not-found");
    assertProblem(http.get("/v1/admin/webhooks/wh_nope/deliveries", admin), 404, "webhook-not-found");
    for (int i = 0; i < 4; i++) {
      create(hookUrl());
    }
    assertProblem(http.post("/v1/admin/webhooks", admin, new JsonObject().put("url", hookUrl())
        .put("events", new JsonArray().add("signal.added"))), 409, "too-many-webhooks");
    String id = http.get("/v1/admin/webhooks", admin).bodyAsJsonObject().getJsonArray("webhooks").getJsonObject(0)
        .getString("id");
    assertEquals(204, http.send(HttpMethod.DELETE, "/v1/admin/webhooks/" + id, admin, null, null).statusCode());
    assertEquals(3, http.get("/v1/admin/webhooks", admin).bodyAsJsonObject().getJsonArray("webhooks").size());
  }
}
