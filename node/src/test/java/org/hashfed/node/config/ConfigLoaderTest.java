package org.hashfed.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void load_withoutFileOrEnvironment_givesEmbeddedDefaults() {
    NodeConfig c = ConfigLoader.withEnvironment(Map.of()).load(null).build();
    assertEquals("127.0.0.1", c.host());
    assertEquals(8700, c.port());
    assertEquals(Path.of("hashfed-data"), c.dataDir());
    assertEquals(Path.of("hashfed-data", "admin.key"), c.adminKeyFile());
    assertEquals(31, c.defaultMaxDistance());
    assertEquals(1024 * 1024, c.maxBodyBytes());
    assertEquals(1000, c.maxSignals());
    assertEquals(50, c.minPdqQuality());
  }

  @Test
  void load_yamlFile_setsEveryOption() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, String.join("\n",
        "member: acme",
        "data: /srv/hashfed",
        "roster: /etc/hashfed/roster.json",
        "http:",
        "  host: 0.0.0.0",
        "  port: 9000",
        "keys:",
        "  member_key: /etc/hashfed/acme.key",
        "  admin_key: admin-secret.key",
        "limits:",
        "  max_body_bytes: 2048",
        "  max_signals: 10",
        "  default_max_distance: 20",
        "  min_pdq_quality: 70",
        "  worker_threads: 4",
        ""));
    NodeConfig c = ConfigLoader.withEnvironment(Map.of()).load(f).build();
    assertEquals("acme", c.member());
    assertEquals(Path.of("/srv/hashfed"), c.dataDir());
    assertEquals(Path.of("/etc/hashfed/roster.json"), c.rosterFile());
    assertEquals("0.0.0.0", c.host());
    assertEquals(9000, c.port());
    assertEquals(Path.of("/etc/hashfed/acme.key"), c.memberKeyFile());
    assertEquals(Path.of("/srv/hashfed/admin-secret.key"), c.adminKeyFile());
    assertEquals(2048, c.maxBodyBytes());
    assertEquals(10, c.maxSignals());
    assertEquals(20, c.defaultMaxDistance());
    assertEquals(70, c.minPdqQuality());
    assertEquals(4, c.workerThreads());
  }

  @Test
  void load_shippedExample_equalsEmbeddedDefaults() {
    Path example = Path.of(System.getProperty("hashfed.repo.dir", ".."), "examples", "node.yaml");
    NodeConfig c = ConfigLoader.withEnvironment(Map.of()).load(example).build();
    assertEquals(NodeConfig.defaults().toString(), c.toString());
  }

  @Test
  void load_eventsAndWebhooks_fromFileAndEnvironment_andRefusesOutOfRange() throws Exception {
    Path f = dir.resolve("events.yaml");
    Files.writeString(f, String.join("\n",
        "events:",
        "  retention_days: 7",
        "webhooks:",
        "  timeout_ms: 2000",
        "  backoff_initial_ms: 100",
        "  backoff_max_ms: 5000",
        "  give_up_after_ms: 60000",
        "  max_endpoints: 3",
        ""));
    NodeConfig c = ConfigLoader.withEnvironment(Map.of("HASHFED_EVENTS_RETENTION_DAYS", "9")).load(f).build();
    assertEquals(java.time.Duration.ofDays(9), c.eventRetention(), "the environment wins over the file");
    assertEquals(new org.hashfed.node.webhooks.WebhookOptions(java.time.Duration.ofMillis(2000),
        java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(5000), java.time.Duration.ofMillis(60000), 3),
        c.webhooks());
    Files.writeString(f, "webhooks:\n  max_endpoints: 0\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
    assertTrue(e.getMessage().contains("webhooks.max_endpoints 0"), e.getMessage());
    Files.writeString(f, "events:\n  retention_days: 0\n");
    e = assertThrows(ConfigException.class,
        () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
    assertTrue(e.getMessage().contains("events.retention_days 0"), e.getMessage());
  }

  @Test
  void load_jsonFile_isReadAsJson() throws Exception {
    Path f = dir.resolve("node.json");
    Files.writeString(f, "{\"member\":\"beta\",\"http\":{\"port\":8801}}");
    NodeConfig c = ConfigLoader.withEnvironment(Map.of()).load(f).build();
    assertEquals("beta", c.member());
    assertEquals(8801, c.port());
  }

  @Test
  void load_environment_overridesFile() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "http:\n  port: 9000\ndata: /from/file\n");
    NodeConfig c = ConfigLoader.withEnvironment(
            Map.of("HASHFED_PORT", "9100", "HASHFED_DATA", "/from/env", "HASHFED_MEMBER", "gamma"))
        .load(f)
        .build();
    assertEquals(9100, c.port());
    assertEquals(Path.of("/from/env"), c.dataDir());
    assertEquals("gamma", c.member());
  }

  @Test
  void load_imageSection_setsTheOptions_andRefusesOutOfRangeValuesNamingThem() throws Exception {
    Path f = dir.resolve("image.yaml");
    Files.writeString(f, "image:\n  max_pixels: 12000000\n  max_jpeg_scans: 40\n  decode_timeout_ms: 2500\n"
        + "  decode_threads: 3\n  queue: 0\n");
    ImageOptions o = ConfigLoader.withEnvironment(Map.of()).load(f).build().image();
    assertEquals(12_000_000, o.limits().maxPixels());
    assertEquals(40, o.limits().maxJpegScans());
    assertEquals(java.time.Duration.ofMillis(2500), o.limits().maxDecodeTime());
    assertEquals(3, o.decodeThreads());
    assertEquals(0, o.queue());
    assertEquals(ImageOptions.defaults().toString(), NodeConfig.defaults().image().toString());
    Files.writeString(f, "image:\n  max_pixels: 100\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertEquals("invalid image.max_pixels 100: expected 4096..1073741824", e.getMessage());
    Files.writeString(f, "image:\n  max_jpeg_scans: 0\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertEquals("invalid image.max_jpeg_scans 0: expected 1..10000", e.getMessage());
    Files.writeString(f, "image:\n  decode_timeout_ms: \"soon\"\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertEquals("invalid image.decode_timeout_ms \"soon\": expected an integer", e.getMessage());
    Files.writeString(f, "image:\n  threads: 2\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("image.threads"), e.getMessage());
  }

  @Test
  void load_followersAndFollow_setTheOptions_andRefuseBadValuesNamingThem() throws Exception {
    String fp = "ab".repeat(32);
    String colons = String.join(":", java.util.Collections.nCopies(32, "CD"));
    Path f = dir.resolve("follow.yaml");
    Files.writeString(f, "followers:\n  - " + fp + "\n  - \"" + colons + "\"\n"
        + "follow:\n  leader_peer_url: https://node.example:8701\n  leader_fingerprint: " + fp + "\n"
        + "  leader_api_url: http://node.example:8700/\n");
    NodeConfig c = ConfigLoader.withEnvironment(Map.of()).load(f).build();
    assertEquals(List.of(fp, "cd".repeat(32)), c.followers().stream().map(x -> x.hex()).toList());
    FollowOptions o = c.follow().orElseThrow();
    assertEquals("https://node.example:8701", o.leaderPeerUrl().toString());
    assertEquals(fp, o.leaderFingerprint().hex());
    assertEquals("http://node.example:8700", o.leaderApiUrl().toString());
    assertTrue(NodeConfig.defaults().followers().isEmpty());
    assertTrue(NodeConfig.defaults().follow().isEmpty());

    Files.writeString(f, "followers:\n  - REPLACE-ME\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().startsWith("invalid followers[0]: invalid TLS fingerprint"), e.getMessage());
    Files.writeString(f, "followers: " + fp + "\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().startsWith("invalid followers \"" + fp + "\": expected a list"), e.getMessage());
    Files.writeString(f, "follow:\n  leader_peer_url: http://node.example:8701\n  leader_fingerprint: " + fp
        + "\n  leader_api_url: http://node.example:8700\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().startsWith("invalid follow.leader_peer_url"), e.getMessage());
    Files.writeString(f, "follow:\n  leader_peer_url: https://node.example:8701\n  leader_fingerprint: " + fp
        + "\n  leader_api_url: ftp://node.example\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("ftp://node.example"), e.getMessage());
    Files.writeString(f, "follow:\n  leader_peer_url: https://node.example:8701\n  leader_api_url: http://n:1\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("follow.leader_fingerprint"), e.getMessage());
  }

  @Test
  void load_videoSection_setsTheOptions_andRefusesOutOfRangeValuesNamingThem() throws Exception {
    Path f = dir.resolve("video.yaml");
    Files.writeString(f, "video:\n  max_seconds: 600\n  max_frame_pixels: 921600\n  decode_timeout_ms: 5000\n"
        + "  seconds_per_hash: 0.5\n  decode_threads: 2\n  queue: 0\n");
    VideoOptions v = ConfigLoader.withEnvironment(Map.of()).load(f).build().video();
    assertEquals(java.time.Duration.ofSeconds(600), v.limits(1000).maxDuration());
    assertEquals(921600, v.limits(1000).maxFramePixels());
    assertEquals(1000, v.limits(1000).maxFileBytes());
    assertEquals(0.5, v.secondsPerHash());
    assertEquals(2, v.decodeThreads());
    assertEquals(0, v.queue());
    Files.writeString(f, "video:\n  decode_threads: 0\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertEquals("invalid video.decode_threads 0: expected 1..64", e.getMessage());
    Files.writeString(f, "video:\n  fps: 2\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("video.fps"), e.getMessage());
    Files.writeString(f, "peer:\n  max_body_bytes: 65536\n");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().startsWith("invalid peer.max_body_bytes 65536: expected at least 1114112"),
        e.getMessage());
  }

  @Test
  void load_unknownOption_throwsNamingIt() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "limits:\n  max_signal: 5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains("limits.max_signal"), e.getMessage());
  }

  @Test
  void build_outOfRangeDistance_throwsNamingOptionAndRange() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "limits:\n  default_max_distance: 64\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f).build());
    assertEquals("invalid limits.default_max_distance 64: expected 0..63", e.getMessage());
  }

  @Test
  void maxFileBytes_fromFileAndEnvironment_withRangeCheck() throws Exception {
    Path f = dir.resolve("files.yaml");
    Files.writeString(f, "limits:\n  max_file_bytes: 4096\n");
    assertEquals(4096, ConfigLoader.withEnvironment(Map.of()).load(f).build().maxFileBytes());
    assertEquals(8192, ConfigLoader.withEnvironment(Map.of("HASHFED_MAX_FILE_BYTES", "8192")).load(f).build()
        .maxFileBytes());
    assertEquals(32L << 20, ConfigLoader.withEnvironment(Map.of()).load(null).build().maxFileBytes());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.withEnvironment(Map.of("HASHFED_MAX_FILE_BYTES", "100")).load(null).build());
    assertEquals("invalid limits.max_file_bytes 100: expected 1024..268435456", e.getMessage());
  }

  @Test
  void load_nonNumericPortInEnvironment_throws() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.withEnvironment(Map.of("HASHFED_PORT", "http")).load(null));
    assertTrue(e.getMessage().contains("HASHFED_PORT=\"http\""), e.getMessage());
  }

  @Test
  void load_brokenYaml_throwsNamingFile() throws Exception {
    Path f = dir.resolve("node.yaml");
    Files.writeString(f, "http: [port: \n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void load_valueOfTheWrongType_isRefusedNamingOptionAndValue() throws Exception {
    assertEquals("invalid http.port \"9000\": expected an integer", refusal("http:\n  port: \"9000\"\n"));
    assertEquals("invalid limits.max_signals 1.5: expected an integer", refusal("limits:\n  max_signals: 1.5\n"));
    assertEquals("invalid peer.port 3000000000: expected an integer", refusal("peer:\n  port: 3000000000\n"));
    assertEquals("invalid image.max_pixels 1.0: expected an integer", refusal("image:\n  max_pixels: 1.0\n"));
    assertEquals("invalid member true: expected a string", refusal("member: true\n"));
    assertEquals("invalid http: expected a mapping of options, got ARRAY", refusal("http: [9000]\n"));
    assertEquals("invalid trust.demotion.share \"half\": expected a number in (0, 1]",
        refusal("trust:\n  demotion:\n    share: half\n"));
    assertTrue(refusal("- member: acme\n").startsWith("invalid the top level of "));
    // YAML reads an unquoted id of digits as a number; the option still gets its text
    assertEquals("42", load("member: 42\n").member());
  }

  @Test
  void load_optionWithoutValue_isRefusedRatherThanLeftAtTheDefault() throws Exception {
    assertEquals("invalid http.port: the option has no value (remove it to keep the default)",
        refusal("http:\n  port:\n"));
    assertEquals("invalid webhooks: the option has no value (remove it to keep the default)", refusal("webhooks:\n"));
  }

  private NodeConfig load(String yaml) throws Exception {
    Path f = dir.resolve("typed.yaml");
    Files.writeString(f, yaml);
    return ConfigLoader.withEnvironment(Map.of()).load(f).build();
  }

  private String refusal(String yaml) {
    return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
  }

  @Test
  void load_keyGivenTwice_isRefusedNamingIt() throws Exception {
    Path yaml = dir.resolve("node.yaml");
    Files.writeString(yaml, "http:\n  port: 9000\n  host: 0.0.0.0\n  port: 9001\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(yaml));
    assertTrue(e.getMessage().contains(yaml.toString()) && e.getMessage().contains("'port'"), e.getMessage());

    Path json = dir.resolve("node.json");
    Files.writeString(json, "{\"member\": \"acme\", \"member\": \"beta\"}");
    e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(json));
    assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("'member'"), e.getMessage());
  }

  @Test
  void load_missingFile_throwsNamingFile() {
    Path f = dir.resolve("absent.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(f));
    assertEquals("config file " + f + " does not exist", e.getMessage());
  }
}
