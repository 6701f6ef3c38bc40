package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.Await;
import org.hashfed.node.MovableClock;
import org.hashfed.node.Node;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.api.TestClient;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real leader and read followers on loopback: what the leader serves, a follower serves. */
class FollowerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String PDQ = PdqHash.ofWords(0x1234_5678_9abc_def0L, -1L, 0x0f0f_0f0f_0f0f_0f0fL, 42L).toHex();

  @TempDir Path leaderDir;
  @TempDir Path followerDir;
  @TempDir Path strangerDir;
  private final MovableClock clock = new MovableClock();
  private Node leader;
  private Follower follower;
  private TestClient http;
  private String admin;
  private String query;

  @BeforeEach
  void start() throws Exception {
    leader = startLeader(List.of(TlsIdentity.loadOrCreate(followerDir, "acme").fingerprint()));
    http = new TestClient(leader.port());
    admin = Files.readString(leaderDir.resolve("admin.key")).trim();
    query = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query")).bodyAsJsonObject()
        .getString("key");
    follower = Follower.start(followerConfig(followerDir), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (follower != null) {
      follower.stop();
    }
    leader.stop();
    http.close();
  }

  private Node startLeader(List<TlsFingerprint> followers) {
    Node n = Node.start(NodeConfig.builder().dataDir(leaderDir).member("acme").port(0).peerPort(0)
        .followers(followers).build(), clock);
    n.awaitReady(WAIT);
    return n;
  }

  private long leaderMetric(String name) {
    String scrape = http.get("/metrics", null).bodyAsString();
    return scrape.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> (long) Double.parseDouble(
        l.substring(name.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError("no " + name));
  }

  private NodeConfig followerConfig(Path dir) {
    return NodeConfig.builder().dataDir(dir).member("acme").port(0).follow(followOptions()).build();
  }

  private FollowOptions followOptions() {
    return FollowOptions.create(PeerUrl.parse("https://127.0.0.1:" + leader.peerPort()),
        TlsIdentity.loadOrCreate(leaderDir, "acme").fingerprint(), "http://127.0.0.1:" + leader.port());
  }

  private void restartFollowerWithMaxLag(Duration maxLag) {
    follower.stop();
    follower = Follower.start(NodeConfig.builder().dataDir(followerDir).member("acme").port(0)
        .follow(followOptions().withMaxLag(maxLag)).build(), Clock.systemUTC());
  }

  private static Submit submit(Signal s) {
    return Submit.of(s, List.of(Label.parse("behavior:glorification")));
  }

  private HttpResponse<Buffer> onFollower(String path, String key) {
    return http.send(follower.port(), io.vertx.core.http.HttpMethod.GET, path, key, null, null);
  }

  private JsonArray followerMatches(String path) {
    HttpResponse<Buffer> r = onFollower(path, query);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonArray("matches");
  }

  @Test
  void submitOnLeader_matchesOnFollower_withTheLeadersKeyAndJudgement() {
    Appended e = leader.ledger().orElseThrow().submit(submit(Signal.pdq(PDQ, 100)));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=pdq&value=" + PDQ).size() == 1,
        () -> "follower at change " + follower.position());
    JsonObject onLeader = http.get("/v1/match?type=pdq&value=" + PDQ, query).bodyAsJsonObject()
        .getJsonArray("results").getJsonObject(0).getJsonArray("matches").getJsonObject(0);
    JsonObject onFollower = followerMatches("/v1/match?type=pdq&value=" + PDQ).getJsonObject(0);
    assertEquals(onLeader, onFollower);
    HttpResponse<Buffer> entry = onFollower("/v1/entries/" + e.entryId().hex(), query);
    assertEquals(200, entry.statusCode(), entry.bodyAsString());
    assertEquals(http.get("/v1/entries/" + e.entryId().hex(), query).bodyAsJsonObject(), entry.bodyAsJsonObject());
  }

  @Test
  void retractOnLeader_removesTheMatchOnFollower_andTheUpdatesFeedsAgree() {
    Signal md5 = Signal.parse("md5", "00112233445566778899aabbccddeeff");
    Ledger l = leader.ledger().orElseThrow();
    Appended e = l.submit(submit(md5));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + md5.value()).size() == 1,
        () -> "follower at change " + follower.position());
    l.retract(e.entryId(), ReasonCode.FALSE_POSITIVE, Optional.empty());
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + md5.value()).isEmpty(),
        () -> "follower at change " + follower.position());
    Await.until(WAIT, () -> http.get("/v1/updates", query).bodyAsJsonObject()
            .equals(onFollower("/v1/updates", query).bodyAsJsonObject()),
        () -> "leader " + http.get("/v1/updates", query).bodyAsString() + " follower "
            + onFollower("/v1/updates", query).bodyAsString());
    JsonArray events = onFollower("/v1/updates", query).bodyAsJsonObject().getJsonArray("events");
    assertTrue(events.size() >= 2, events.encode());
  }

  @Test
  void apiKeys_createdAndRevokedOnLeader_workAndStopOnFollower() {
    JsonObject created = http.post("/v1/admin/api-keys", admin, new JsonObject().put("role", "query"))
        .bodyAsJsonObject();
    String key = created.getString("key");
    Await.until(WAIT, () -> onFollower("/v1/match?type=md5&value=" + "ab".repeat(16), key).statusCode() == 200,
        () -> "status " + onFollower("/v1/match?type=md5&value=" + "ab".repeat(16), key).statusCode());
    assertEquals(204, http.send(io.vertx.core.http.HttpMethod.DELETE, "/v1/admin/api-keys/" + created.getString("id"),
        admin, null, null).statusCode());
    Await.until(WAIT, () -> onFollower("/v1/match?type=md5&value=" + "ab".repeat(16), key).statusCode() == 401,
        () -> "status " + onFollower("/v1/match?type=md5&value=" + "ab".repeat(16), key).statusCode());
  }

  @Test
  void followerRestarted_catchesUpWithWhatTheLeaderWroteMeanwhile() {
    Ledger l = leader.ledger().orElseThrow();
    l.submit(submit(Signal.parse("md5", "11".repeat(16))));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + "11".repeat(16)).size() == 1,
        () -> "follower at change " + follower.position());
    follower.stop();
    l.submit(submit(Signal.parse("md5", "22".repeat(16))));
    follower = Follower.start(followerConfig(followerDir), Clock.systemUTC());
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "22".repeat(16)).size(),
        "a follower that answers has copied what the leader had when it started");
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "11".repeat(16)).size());
  }

  @Test
  void leaderUnreachableForAWhile_followerServesItsCopyAndCatchesUpByItself() {
    Ledger l = leader.ledger().orElseThrow();
    l.submit(submit(Signal.parse("md5", "66".repeat(16))));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + "66".repeat(16)).size() == 1,
        () -> "follower at change " + follower.position());
    int peerPort = leader.peerPort();
    leader.stop();
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "66".repeat(16)).size(),
        "a follower cut off from its leader serves the copy it holds");
    leader = Node.start(leader.config().toBuilder().peerPort(peerPort).build());
    leader.awaitReady(WAIT);
    leader.ledger().orElseThrow().submit(submit(Signal.parse("md5", "77".repeat(16))));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + "77".repeat(16)).size() == 1,
        () -> "follower at change " + follower.position());
  }

  @Test
  void leaderChangeLogStartedAgain_followerCopiesTheStoreAgainOnRestart() {
    leader.ledger().orElseThrow().submit(submit(Signal.parse("md5", "33".repeat(16))));
    follower.stop();
    follower = null;
    List<TlsFingerprint> pins = leader.config().followers();
    leader.stop();
    startLeader(List.of()).stop();
    leader = startLeader(pins);
    leader.ledger().orElseThrow().submit(submit(Signal.parse("md5", "44".repeat(16))));
    follower = Follower.start(followerConfig(followerDir), Clock.systemUTC());
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "33".repeat(16)).size());
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "44".repeat(16)).size());
  }

  @Test
  void readyz_leaderGoneLongerThanMaxLag_answers503WithTheReason_then200OnceCaughtUp() {
    restartFollowerWithMaxLag(Duration.ofSeconds(1));
    assertEquals(200, onFollower("/readyz", null).statusCode());
    int peerPort = leader.peerPort();
    leader.stop();
    Await.until(WAIT, () -> onFollower("/readyz", null).statusCode() == 503,
        () -> "readyz " + onFollower("/readyz", null).bodyAsString());
    JsonObject problem = onFollower("/readyz", null).bodyAsJsonObject();
    assertEquals("urn:hashfed:problem:follower-behind", problem.getString("type"));
    assertTrue(problem.getString("detail").contains("the leader does not answer"), problem.encode());
    assertEquals(200, onFollower("/v1/match?type=md5&value=" + "ab".repeat(16), query).statusCode(),
        "a follower that is not ready still answers from the copy it holds");
    leader = Node.start(leader.config().toBuilder().peerPort(peerPort).build());
    leader.awaitReady(WAIT);
    leader.ledger().orElseThrow().submit(submit(Signal.parse("md5", "88".repeat(16))));
    Await.until(WAIT, () -> onFollower("/readyz", null).statusCode() == 200,
        () -> "readyz " + onFollower("/readyz", null).bodyAsString());
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "88".repeat(16)).size());
  }

  @Test
  void readyz_followingStoppedByALogStartedAgain_answers503UntilRestarted() {
    NodeConfig same = leader.config().toBuilder().peerPort(leader.peerPort()).build();
    leader.stop();
    Node without = Node.start(same.toBuilder().followers(List.of()).build());
    without.awaitReady(WAIT);
    without.stop();
    leader = Node.start(same);
    leader.awaitReady(WAIT);
    Await.until(WAIT, () -> onFollower("/readyz", null).statusCode() == 503,
        () -> "readyz " + onFollower("/readyz", null).bodyAsString());
    String detail = onFollower("/readyz", null).bodyAsJsonObject().getString("detail");
    assertTrue(detail.contains("following stopped"), detail);
    assertTrue(follower.notReady().isPresent());
    follower.stop();
    follower = Follower.start(followerConfig(followerDir), Clock.systemUTC());
    assertEquals(200, onFollower("/readyz", null).statusCode());
  }

  @Test
  void changeLog_isPrunedOfWhatEveryFollowerHolds() {
    Ledger l = leader.ledger().orElseThrow();
    for (int i = 0; i < 3; i++) {
      l.submit(submit(Signal.parse("md5", String.format("%032x", 0xabc0 + i))));
    }
    long last = leaderMetric("hashfed_change_log_last");
    Await.until(WAIT, () -> follower.position().seq() == last, () -> "follower at change " + follower.position());
    Await.until(WAIT, () -> leaderMetric("hashfed_change_log_first") == last,
        () -> "the log keeps changes " + leaderMetric("hashfed_change_log_first") + " to " + last);
  }

  @Test
  void followerDownLongerThanTheRetention_copiesTheStoreAgain_andHoldsWhatTheLeaderHolds() {
    Ledger l = leader.ledger().orElseThrow();
    l.submit(submit(Signal.parse("md5", "a1".repeat(16))));
    Await.until(WAIT, () -> followerMatches("/v1/match?type=md5&value=" + "a1".repeat(16)).size() == 1,
        () -> "follower at change " + follower.position());
    long held = follower.position().seq();
    follower.stop();
    Appended missed = l.submit(submit(Signal.parse("md5", "a2".repeat(16))));
    l.retract(l.submit(submit(Signal.parse("md5", "a3".repeat(16)))).entryId(), ReasonCode.FALSE_POSITIVE,
        Optional.empty());
    clock.advance(NodeConfig.DEFAULT_CHANGE_RETENTION.plusHours(1));
    l.submit(submit(Signal.parse("md5", "a4".repeat(16))));
    Await.until(WAIT, () -> leaderMetric("hashfed_change_log_first") > held + 1,
        () -> "the log keeps changes from " + leaderMetric("hashfed_change_log_first") + "; the follower held " + held);

    follower = Follower.start(followerConfig(followerDir), Clock.systemUTC());
    assertTrue(follower.ledger().catalog().contains(missed.entryId()));
    assertEquals(l.entriesByMember(), follower.ledger().entriesByMember());
    assertEquals(1, followerMatches("/v1/match?type=md5&value=" + "a4".repeat(16)).size());
    assertTrue(followerMatches("/v1/match?type=md5&value=" + "a3".repeat(16)).isEmpty(), "the retraction came too");
    assertEquals(http.get("/v1/updates", query).bodyAsJsonObject(), onFollower("/v1/updates", query).bodyAsJsonObject());
    assertTrue(follower.notReady().isEmpty(), () -> follower.notReady().orElseThrow());
  }

  @Test
  void unpinnedCertificate_isRefusedByTheLeader() {
    NodeStartException e = assertThrows(NodeStartException.class,
        () -> Follower.start(followerConfig(strangerDir), Clock.systemUTC()));
    assertTrue(e.getMessage().contains("cannot copy the store of the leader"), e.getMessage());
  }

  @Test
  void writesAndAdminRoutes_areRedirectedToTheLeader() throws Exception {
    HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    java.net.http.HttpResponse<String> submit = plain.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + follower.port() + "/v1/submissions?x=1"))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());
    assertEquals(307, submit.statusCode());
    assertEquals("http://127.0.0.1:" + leader.port() + "/v1/submissions?x=1",
        submit.headers().firstValue("Location").orElseThrow());
    java.net.http.HttpResponse<String> keys = plain.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + follower.port() + "/v1/admin/api-keys")).GET().build(), BodyHandlers.ofString());
    assertEquals(307, keys.statusCode());
    assertEquals(200, onFollower("/readyz", null).statusCode());
  }

  @Test
  void follower_holdsNoMemberKeyAndNeverSigns() {
    assertFalse(Files.exists(follower.config().memberKeyFile()), "a follower writes no member key");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> follower.ledger().submit(submit(Signal.parse("md5", "55".repeat(16)))));
    assertTrue(e.getMessage().contains("signs nothing"), e.getMessage());
  }
}
