package org.hashfed.node.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.hashfed.node.peer.PeerAnswer;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the leader's copy route answers a pinned follower that asks for a page it cannot have. */
class CopyRouteTest {

  @TempDir Path leaderDir;
  @TempDir Path followerDir;
  private PinnedLeader leader;
  private PeerClient client;

  @BeforeEach
  void start() {
    leader = PinnedLeader.start(leaderDir, followerDir);
    client = leader.client();
  }

  @AfterEach
  void stop() {
    leader.close();
  }

  private PeerAnswer get(String query) {
    return client.answer(HttpMethod.GET, ChangeRoutes.COPY_PATH + "?" + query, null, Map.of()).await();
  }

  @Test
  void badParameters_are400_namingTheParameterAndValue() {
    int families = Store.copyFamilies();
    Map<String, String> cases = Map.of(
        "family=0&after_key=", "missing query parameter copy",
        "copy=-1&family=0", "invalid copy -1",
        "copy=x1&family=0", "invalid copy \"x1\"",
        "copy=0&family=" + families, "invalid family " + families + " (expected: 0 to " + (families - 1) + ")",
        "copy=0&family=-3", "invalid family -3",
        "copy=0&family=99999999999999999999", "invalid family \"99999999999999999999\"",
        "copy=0&family=0&after_key=zz", "invalid after_key");
    cases.forEach((query, detail) -> {
      PeerAnswer a = get(query);
      assertEquals(400, a.status(), query + ": " + a.body());
      String said = new JsonObject(a.body()).getString("detail");
      assertTrue(said.contains(detail), query + ": expected \"" + detail + "\" in " + said);
    });
  }

  @Test
  void aCopyThatIsNotOpen_is409_andAValidFirstPageStillAnswers() {
    PeerAnswer closed = get("copy=424242&family=1");
    assertEquals(409, closed.status(), closed.body().toString());
    assertTrue(closed.body().toString().contains("copy 424242 is not open"), closed.body().toString());

    PeerAnswer first = get("copy=0&family=0");
    assertEquals(200, first.status(), first.body().toString());
    assertEquals("application/octet-stream", first.contentType());
  }
}
