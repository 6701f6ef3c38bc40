package org.hashfed.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code watch} section: defaults, file, environment, ranges. */
class WatchConfigTest {

  @TempDir Path dir;

  @Test
  void defaults_areSevenDaysAndTenMillionItems() {
    NodeConfig c = NodeConfig.builder().dataDir(dir).build();
    assertEquals(Duration.ofDays(7), c.watchWindow());
    assertEquals(10_000_000L, c.watchMaxItems());
  }

  @Test
  void load_fromFileAndEnvironment_andRefusesOutOfRange() throws Exception {
    Path f = dir.resolve("watch.yaml");
    Files.writeString(f, "watch:\n  window_days: 3\n  max_items: 500\n");
    NodeConfig c = ConfigLoader.withEnvironment(Map.of("HASHFED_WATCH_MAX_ITEMS", "600")).load(f).build();
    assertEquals(Duration.ofDays(3), c.watchWindow());
    assertEquals(600, c.watchMaxItems(), "the environment wins over the file");
    Files.writeString(f, "watch:\n  window_days: 0\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
    assertTrue(e.getMessage().contains("watch.window_days 0"), e.getMessage());
    Files.writeString(f, "watch:\n  max_items: 0\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
    assertTrue(e.getMessage().contains("watch.max_items 0"), e.getMessage());
    Files.writeString(f, "watch:\n  window: 3\n");
    assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
  }
}
