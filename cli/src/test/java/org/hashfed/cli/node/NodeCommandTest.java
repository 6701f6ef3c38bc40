package org.hashfed.cli.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.NewApiKey;
import org.hashfed.node.auth.Role;
import org.hashfed.node.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCommandTest {

  @TempDir Path dir;

  @Test
  void firstStartNotice_namesIdAndFile_neverTheKey() {
    try (Store store = Store.open(dir.resolve("store"))) {
      NewApiKey key = ApiKeys.load(store, Clock.systemUTC()).generate(Role.ADMIN);
      Path file = dir.resolve("admin.key");
      String notice = NodeCommand.firstStartNotice(key, file);
      assertTrue(notice.contains(key.id()) && notice.contains(file.toString()), notice);
      assertFalse(notice.contains(key.secret().substring(ApiKeys.PREFIX.length())), notice);
    }
  }
}
