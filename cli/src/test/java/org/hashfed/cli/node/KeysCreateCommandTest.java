package org.hashfed.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hashfed keys create|list|revoke} against a running node. */
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
  void create_withTtlDays_printsTheExpiry_andListShowsIt() {
    CliRun created = run("keys", "create", "--role", "query", "--label", "temp", "--ttl-days", "7", "--node", url(),
        "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.OK, created.status(), created.err());
    assertTrue(created.err().contains("expiring at "), created.err());
    String id = created.err().replaceAll("(?s).*key ([0-9a-f]{12}).*", "$1");
    CliRun list = run("keys", "list", "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.OK, list.status(), list.err());
    String line = list.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow(() -> new AssertionError(
        list.out()));
    assertTrue(line.contains("query") && line.contains("temp") && line.matches(".*  20[0-9-]+T.*Z  20[0-9-]+T.*"),
        line);
    assertFalse(list.out().contains(created.out().trim()), list.out());
  }

  @Test
  void create_withBothExpiryOptions_isUsageError() {
    CliRun r = run("keys", "create", "--role", "query", "--ttl-days", "7", "--expires-at", "2030-01-01T00:00:00Z",
        "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.USAGE, r.status());
  }

  @Test
  void list_json_isTheNodesAnswer() {
    CliRun r = run("keys", "list", "--json", "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertTrue(r.json().path("keys").isArray() && r.json().path("keys").size() >= 1, r.out());
  }

  @Test
  void revoke_makesTheKeyUnusable_thenUnknownIdIsNotFound() throws Exception {
    CliRun created = run("keys", "create", "--role", "admin", "--node", url(), "--admin-key-file",
        dir.resolve("admin.key").toString());
    String id = created.err().replaceAll("(?s).*key ([0-9a-f]{12}).*", "$1");
    Path keyFile = dir.resolve("revoked.key");
    Files.writeString(keyFile, created.out().trim());
    assertEquals(ExitCodes.OK, run("keys", "list", "--node", url(), "--admin-key-file", keyFile.toString()).status());
    CliRun r = run("keys", "revoke", id, "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.OK, r.status(), r.err());
    assertTrue(r.out().contains(id), r.out());
    CliRun refused = run("keys", "list", "--node", url(), "--admin-key-file", keyFile.toString());
    assertEquals(ExitCodes.SERVER, refused.status());
    assertTrue(refused.err().contains("401"), refused.err());
    CliRun again = run("keys", "revoke", id, "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.NOT_FOUND, again.status());
    assertTrue(again.err().contains("unknown-api-key"), again.err());
  }

  @Test
  void revoke_withMalformedId_isUsageError() {
    CliRun r = run("keys", "revoke", "XYZ", "--node", url(), "--admin-key-file", dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("invalid ID \"XYZ\""), r.err());
  }

  @Test
  void create_withUnreachableNode_isServerError() {
    CliRun r = run("keys", "create", "--role", "query", "--node", "http://127.0.0.1:1", "--admin-key-file",
        dir.resolve("admin.key").toString());
    assertEquals(ExitCodes.SERVER, r.status());
  }
}
