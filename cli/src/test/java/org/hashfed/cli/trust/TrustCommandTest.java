package org.hashfed.cli.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.cli.client.ConfigLocation;
import org.hashfed.cli.client.Profiles;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustCommandTest {

  @TempDir static Path dir;
  static Node node;

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.builder().dataDir(dir).member("alpha").port(0).peerPort(0).build());
    node.awaitReady(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    node.stop();
  }


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static CliRun trust(String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "trust";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--node";
    all[args.length + 2] = "http://127.0.0.1:" + node.port();
    all[args.length + 3] = "--api-key-file";
    all[args.length + 4] = dir.resolve("admin.key").toString();
    return run(all);
  }

  @Test
  void set_pin_explain_list_unpin() throws Exception {
    CliRun set = trust("set", "acme", "trusted", "--label", "ideology:*=observe", "--reason", "founding member");
    assertEquals(ExitCodes.OK, set.status(), set.err());
    assertTrue(set.out().contains("acme") && set.out().contains("trusted") && set.out().contains("ideology:*=observe"),
        set.out());

    assertEquals(ExitCodes.OK, trust("pin", "acme").status());
    CliRun explain = trust("explain", "acme");
    assertEquals(ExitCodes.OK, explain.status(), explain.err());
    assertTrue(explain.out().contains("level trusted set by an operator"), explain.out());
    assertTrue(explain.out().contains("founding member"), explain.out());
    assertTrue(explain.out().contains("pinned: automatic demotion is off"), explain.out());

    CliRun json = trust("explain", "acme", "--json");
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertEquals("trusted", answer.path("level").asText());
    assertEquals("observe", answer.path("overrides").path("ideology:*").asText());
    assertEquals(2, answer.path("events").size());

    CliRun list = trust("list");
    assertEquals(ExitCodes.OK, list.status(), list.err());
    assertTrue(list.out().contains("alpha") && list.out().contains("own member"), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("acme") && l.contains("pinned")), list.out());

    assertEquals(ExitCodes.OK, trust("unpin", "acme").status());
  }

  @Test
  void restore_withoutDemotion_exitsOneWithTheNodesReason() {
    CliRun r = trust("restore", "beta");
    assertEquals(ExitCodes.NOT_FOUND, r.status());
    assertTrue(r.err().contains("409") && r.err().contains("no automatic demotion"), r.err());
  }

  @Test
  void changingTheOwnMember_isRefusedWithUsageStatus() {
    CliRun r = trust("set", "alpha", "observe");
    assertEquals(ExitCodes.USAGE, r.status(), r.err());
    assertTrue(r.err().contains("409 trust-refused") && r.err().contains("own member"), r.err());
  }

  @Test
  void profile_savedByLogin_isUsedLikeForEveryCommand() throws Exception {
    Path config = dir.resolve("config");
    System.setProperty(ConfigLocation.DIR_PROPERTY, config.toString());
    try {
      Profiles profiles = Profiles.load(config.resolve("config.json"));
      String key = Files.readString(dir.resolve("admin.key")).strip();
      profiles.put("ops", new Profiles.Profile("http://127.0.0.1:" + node.port(), key), true);
      profiles.save();
      CliRun list = run("trust", "list", "--json");
      assertEquals(ExitCodes.OK, list.status(), list.err());
      assertTrue(list.out().contains("\"alpha\""), list.out());
    } finally {
      System.clearProperty(ConfigLocation.DIR_PROPERTY);
    }
  }

  @Test
  void badLevelOrMember_isUsageError() {
    CliRun r = trust("set", "acme", "high");
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("level \"high\""), r.err());
    assertEquals(ExitCodes.USAGE, trust("set", "acme", "trusted", "--label", "ideology").status());
    assertEquals(ExitCodes.USAGE, trust("explain", "Not_Member").status());
  }

  @Test
  void nonAdminKey_isServerError_unreachableNode_too() throws Exception {
    String query = run("keys", "create", "--role", "query", "--node", "http://127.0.0.1:" + node.port(),
        "--admin-key-file", dir.resolve("admin.key").toString()).out().trim();
    Path queryFile = dir.resolve("query.key");
    Files.writeString(queryFile, query);
    CliRun r = run("trust", "list", "--node", "http://127.0.0.1:" + node.port(), "--api-key-file", queryFile.toString());
    assertEquals(ExitCodes.SERVER, r.status());
    assertTrue(r.err().contains("403"), r.err());
    CliRun down = run("trust", "list", "--node", "http://127.0.0.1:1", "--api-key-file",
        dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.SERVER, down.status());
  }
}
