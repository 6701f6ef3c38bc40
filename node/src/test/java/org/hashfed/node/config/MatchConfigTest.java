package org.hashfed.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code match} section: defaults, file, environment, ranges. */
class MatchConfigTest {

  @TempDir Path dir;

  @Test
  void defaults_are100PerSignal_10000PerResponse_twoHeavyBatchesOf100PerKey() {
    MatchLimits m = NodeConfig.builder().dataDir(dir).build().match();
    assertEquals(100, m.maxPerSignal());
    assertEquals(10_000, m.maxPerResponse());
    assertEquals(100, m.heavySignals());
    assertEquals(2, m.heavyPerKey());
  }

  @Test
  void load_fromFileAndEnvironment_andRefusesOutOfRange() throws Exception {
    Path f = dir.resolve("match.yaml");
    Files.writeString(f, "match:\n  max_per_signal: 20\n  max_per_response: 500\n  heavy_signals: 50\n  heavy_per_key: 4\n");
    MatchLimits m = ConfigLoader.withEnvironment(Map.of("HASHFED_MATCH_HEAVY_PER_KEY", "1")).load(f).build().match();
    assertEquals(20, m.maxPerSignal());
    assertEquals(500, m.maxPerResponse());
    assertEquals(50, m.heavySignals());
    assertEquals(1, m.heavyPerKey(), "the environment wins over the file");
    Files.writeString(f, "match:\n  max_per_signal: 0\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("match.max_per_signal 0"), e.getMessage());
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.withEnvironment(Map.of("HASHFED_MATCH_MAX_PER_RESPONSE", "lots")).load(null));
    assertTrue(e.getMessage().contains("HASHFED_MATCH_MAX_PER_RESPONSE=\"lots\""), e.getMessage());
    Files.writeString(f, "match:\n  per_signal: 3\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("unknown option \"match.per_signal\""), e.getMessage());
  }
}
