package org.hashfed.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start writes the admin key to a new owner-only file and never over an existing one. */
class FirstStartAdminKeyTest {

  @TempDir
  Path dir;

  @Test
  void firstStart_withAdminKeyFileAlreadyThere_refusesNamingTheFileAndKeepsIt() throws Exception {
    Path adminKey = dir.resolve("admin.key");
    Files.writeString(adminKey, "someone else's key\n");
    NodeConfig config = NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build();
    NodeStartException e = assertThrows(NodeStartException.class, () -> Node.start(config));
    assertTrue(e.getMessage().contains(adminKey.toString()) && e.getMessage().contains("move or delete"),
        e.getMessage());
    assertEquals("someone else's key\n", Files.readString(adminKey));

    Files.delete(adminKey);
    Node node = Node.start(config);
    try {
      assertEquals(node.firstAdminKey().orElseThrow().secret(), Files.readString(adminKey).strip());
    } finally {
      node.stop();
    }
  }
}
