package org.hashfed.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCreateCommandTest {

  @TempDir static Path dir;
  static Node node;

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }


  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String url() {
    return "http://127.0.0.1:" + node.port();
  }

  @Test
  void create_printsOnlyTheNewKeyOnStdout() {
    CliRun r = run("keys", "create", "--role", "query", "--node", url(), "--admin-key-file",
        dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertTrue(r.out().matches("hfk_[A-Za-z0-9_-]{43}\\R"), r.out());
    assertTrue(r.err().contains("query key"), r.err());
  }

  @Test
  void create_withQueryKeyAsAdmin_failsWithNodesReason() throws Exception {
    String query = run("keys", "create", "--role", "query", "--node", url(), "--admin-key-file",
        dir.resolve("admin.key").toString()).out().trim();
    Path queryFile = dir.resolve("query.key");
    Files.writeString(queryFile, query);
    CliRun r = run("keys", "create", "--role", "admin", "--node", url(), "--admin-key-file", queryFile.toString());
    assertEquals(ExitCodes.SERVER, r.status());
    assertTrue(r.err().contains("403") && r.err().contains("role query"), r.err());
  }

  @Test
  void create_withUnknownRole_isUsageError() {
    CliRun r = run("keys", "create", "--role", "root", "--node", url(), "--admin-key-file",
        dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("invalid --role \"root\""), r.err());
  }

  @Test
  void create_withMissingKeyFile_isUsageErrorNamingFile() {
    Path missing = dir.resolve("absent.key");
    CliRun r = run("keys", "create", "--role", "query", "--node", url(), "--admin-key-file", missing.toString());
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains(missing.toString()), r.err());
  }

  @Test
  void create_withUnreachableNode_isServerError() {
    CliRun r = run("keys", "create", "--role", "query", "--node", "http://127.0.0.1:1", "--admin-key-file",
        dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.SERVER, r.status());
  }
}
