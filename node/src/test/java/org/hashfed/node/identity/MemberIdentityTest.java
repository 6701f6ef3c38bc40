package org.hashfed.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberIdentityTest {

  @TempDir Path dir;

  @Test
  void firstStart_createsOwnerOnlyKey_thenReloadsSameKey() throws Exception {
    NodeConfig config = NodeConfig.builder().dataDir(dir).member("acme").build();
    MemberIdentity first = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("member.key"))));
    MemberIdentity again = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    assertEquals(first.publicKey(), again.publicKey());
  }

  @Test
  void groupReadableKey_refusesToStart() throws Exception {
    MemberIdentity.loadOrCreate("acme", dir.resolve("member.key"));
    Files.setPosixFilePermissions(dir.resolve("member.key"), PosixFilePermissions.fromString("rw-r-----"));
    NodeStartException e = assertThrows(NodeStartException.class,
        () -> MemberIdentity.loadOrCreate("acme", dir.resolve("member.key")));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }
}
