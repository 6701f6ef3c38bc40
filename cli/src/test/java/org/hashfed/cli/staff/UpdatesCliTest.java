package org.hashfed.cli.staff;

import static org.hashfed.cli.staff.StaffFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed updates} against a real node. */
class UpdatesCliTest {

  private static final String LABEL = "behavior:glorification";

  @TempDir static Path dir;
  static Node node;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(System.getenv("HASHFED_NODE") == null && System.getenv("HASHFED_API_KEY") == null
        && System.getenv("HASHFED_PROFILE") == null, "HASHFED_* environment variables would override the test's profile");
    Path data = Files.createDirectories(dir.resolve("node"));
    StaffFixture.useConfigDir(dir.resolve("config"));
    node = StaffFixture.startNode(data, "acme");
    Path key = StaffFixture.keyFile(node, data, "submit", dir.resolve("submit.key"));
    CliRun login = run("login", "--node", StaffFixture.url(node), "--api-key-file", key.toString());
    assertEquals(ExitCodes.OK, login.status(), login.toString());
  }

  @AfterAll
  static void stop() {
    StaffFixture.clearConfigDir();
    if (node != null) {
      node.stop();
    }
  }

  @Test
  void updates_printsEvents_asTextAndJsonLines_andFollowWaitsForTheNextOne() throws Exception {
    assertEquals(ExitCodes.OK, run("submit", "--label", LABEL, "--signal", "md5:" + "1a".repeat(16)).status());
    CliRun text = run("updates");
    assertEquals(ExitCodes.OK, text.status(), text.toString());
    assertTrue(text.out().contains("signal.added") && text.out().contains("md5:" + "1a".repeat(16))
        && text.out().contains("trusted"), text.out());
    assertTrue(text.err().startsWith("next cursor: "), text.err());
    String cursor = text.err().substring("next cursor: ".length()).trim();

    CompletableFuture<CliRun> follow = CompletableFuture.supplyAsync(
        () -> run("updates", "--follow", "--json", "--count", "1", "--after", cursor));
    assertEquals(ExitCodes.OK, run("submit", "--label", LABEL, "--signal", "md5:" + "2b".repeat(16)).status());
    CliRun next = follow.get(30, TimeUnit.SECONDS);
    assertEquals(ExitCodes.OK, next.status(), next.toString());
    String[] lines = next.out().strip().split("\n");
    assertEquals(1, lines.length, next.out());
    JsonNode event = StaffFixture.JSON.readTree(lines[0]);
    assertEquals("signal.added", event.path("type").asText());
    assertEquals("2b".repeat(16), event.path("data").path("signal").path("value").asText());
  }

  @Test
  void updates_withABadCursor_isAUsageError_namingIt() {
    CliRun r = run("updates", "--after", "nope!");
    assertEquals(ExitCodes.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("invalid-cursor"), r.err());
  }
}
