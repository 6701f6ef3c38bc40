package org.hashfed.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code log.witnesses}: C2SP witnesses by URL or by member, each with a cosignature key. */
class WitnessConfigTest {

  private static final String KEY = "witness.hashfed.example/beta+8e41dc75+BKCapfR6Z1mAL/lV+NwtKhSlyZ0jvpf4ZBJ/+Tg0VaTw";
  private static final String LOG_KEY = "hashfed.example/hashfed/log/acme+ae43aeef+AdBKsjJ0K7SrOhNovUYV5ObQIkq3GgFrr4UgozLJd4c3";

  @TempDir Path dir;

  private NodeConfig load(String yaml) throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.withEnvironment(Map.of()).load(f).build();
  }

  private String refusal(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
  }

  @Test
  void witnesses_byUrlAndByMember_areLoaded() throws Exception {
    assertTrue(NodeConfig.builder().dataDir(dir).build().witnesses().isEmpty());
    NodeConfig c = load("log:\n  witnesses:\n    - url: https://witness.example/w1/\n      key: " + KEY
        + "\n    - member: gamma\n      key: witness.hashfed.example/gamma+d4a195fa+BKCapfR6Z1mAL/lV+NwtKhSlyZ0jvpf4ZBJ/+Tg0VaTw\n");
    assertEquals(2, c.witnesses().size());
    assertEquals("https://witness.example/w1", c.witnesses().get(0).url().orElseThrow().toString(),
        "the trailing slash of the submission prefix is dropped");
    assertEquals("witness.hashfed.example/beta", c.witnesses().get(0).key().name());
    assertEquals("gamma", c.witnesses().get(1).member().orElseThrow().value());
  }

  @Test
  void witnesses_thatAreMalformed_areRefusedNamingTheValue() {
    assertTrue(refusal("log:\n  witnesses:\n    - url: ftp://w.example\n      key: " + KEY + "\n")
        .contains("invalid witness url \"ftp://w.example\""));
    assertTrue(refusal("log:\n  witnesses:\n    - url: https://w.example\n      key: " + LOG_KEY + "\n")
        .contains("invalid witness key"), "a log key (type 0x01) is no cosignature key");
    assertTrue(refusal("log:\n  witnesses:\n    - url: https://w.example\n      member: beta\n      key: " + KEY + "\n")
        .contains("exactly one of url and member"));
    assertTrue(refusal("log:\n  witnesses:\n    - url: https://w.example\n").contains("expected a key"));
    assertTrue(refusal("log:\n  witnesses:\n    - url: https://a.example\n      key: " + KEY
        + "\n    - url: https://b.example\n      key: " + KEY + "\n").contains("appears twice"));
    assertTrue(refusal("log:\n  witnesses:\n    - uri: https://w.example\n      key: " + KEY + "\n")
        .contains("unknown option \"log.witnesses[0].uri\""));
    assertTrue(refusal("log:\n  witnesses: https://w.example\n").contains("expected a list"));
  }
}
