package org.hashfed.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustConfigTest {

  @TempDir Path dir;

  @Test
  void trustSection_andEnvironment_areRead_envWins() throws Exception {
    Path file = dir.resolve("node.yaml");
    Files.writeString(file, String.join("\n",
        "trust:",
        "  default_level: observe",
        "  demotion:",
        "    window_days: 7",
        "    share: 0.5",
        "    min_disputers: 3",
        "    min_submissions: 10",
        "    disputer_level: standard",
        ""));
    TrustSettings t = ConfigLoader.withEnvironment(Map.of("HASHFED_TRUST_DEMOTION_MIN_DISPUTERS", "4"))
        .load(file).build().trust();
    assertEquals(TrustLevel.OBSERVE, t.defaultLevel());
    assertEquals(Duration.ofDays(7), t.window());
    assertEquals(0.5, t.share());
    assertEquals(4, t.minDisputers());
    assertEquals(10, t.minSubmissions());
    assertEquals(TrustLevel.STANDARD, t.disputerLevel());
  }

  @Test
  void defaults_whenAbsent() {
    TrustSettings t = ConfigLoader.withEnvironment(Map.of()).load(null).build().trust();
    assertEquals(TrustSettings.DEFAULT_LEVEL, t.defaultLevel());
    assertEquals(TrustSettings.DEFAULT_SHARE, t.share());
  }

  @Test
  void invalidValues_nameTheOption() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "trust:\n  demotion:\n    share: 1.5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(file));
    assertTrue(e.getMessage().contains("trust.demotion.share 1.5"), e.getMessage());
    Files.writeString(file, "trust:\n  default_level: high\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(file));
    assertTrue(e.getMessage().contains("trust.default_level") && e.getMessage().contains("\"high\""), e.getMessage());
    Files.writeString(file, "trust:\n  demotion:\n    windw_days: 3\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(file));
    assertTrue(e.getMessage().contains("trust.demotion.windw_days"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(
        Map.of("HASHFED_TRUST_DEMOTION_DISPUTER_LEVEL", "blocked")).load(null));
    assertTrue(e.getMessage().contains("disputer_level"), e.getMessage());
  }
}
