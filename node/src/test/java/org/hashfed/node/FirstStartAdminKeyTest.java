package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start writes the admin key owner-only, replacing only a stale API key, never another file. */
class FirstStartAdminKeyTest {

  @TempDir
  Path dir;

  @Test
  void firstStart_whereTheAdminKeyFileHoldsSomethingElse_refusesNamingTheFileAndKeepsIt() throws Exception {
    Path adminKey = dir.resolve("admin.key");
    Files.writeString(adminKey, "-----BEGIN HASHFED ED25519 PRIVATE KEY-----\n");
    NodeConfig config = NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build();
    NodeStartException e = assertThrows(NodeStartException.class, () -> Node.start(config));
    assertTrue(e.getMessage().contains(adminKey.toString()) && e.getMessage().contains("does not hold an API key"),
        e.getMessage());
    assertEquals("-----BEGIN HASHFED ED25519 PRIVATE KEY-----\n", Files.readString(adminKey));

    Files.delete(adminKey);
    Node node = Node.start(config);
    try {
      assertEquals(node.firstAdminKey().orElseThrow().secret(), Files.readString(adminKey).strip());
    } finally {
      node.stop();
    }
  }

  @Test
  void firstStart_overAStaleAdminKey_replacesItOwnerOnly() throws Exception {
    Path adminKey = dir.resolve("admin.key");
    String stale = "hfk_" + "s".repeat(43);
    Files.writeString(adminKey, stale + "\n");
    Files.setPosixFilePermissions(adminKey, PosixFilePermissions.fromString("rw-r--r--"));
    Node node = Node.start(NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build());
    try {
      String written = Files.readString(adminKey).strip();
      assertNotEquals(stale, written);
      assertEquals(node.firstAdminKey().orElseThrow().secret(), written);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminKey)));
    } finally {
      node.stop();
    }
  }
}
