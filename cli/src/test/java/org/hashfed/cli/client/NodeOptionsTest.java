package org.hashfed.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hashfed.cli.base.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command's node and key come from: flags, then environment, then profile. */
class NodeOptionsTest {

  @TempDir Path dir;

  @BeforeEach
  void profiles() throws Exception {
    System.setProperty(ConfigLocation.DIR_PROPERTY, dir.toString());
    Profiles p = Profiles.load(dir.resolve("config.json"));
    p.put("work", new Profiles.Profile("http://127.0.0.1:8700", "hfk_profile"), false);
    p.put("staging", new Profiles.Profile("http://127.0.0.1:8800", "hfk_staging"), false);
    p.save();
  }

  @AfterEach
  void clear() {
    System.clearProperty(ConfigLocation.DIR_PROPERTY);
  }

  private static NodeOptions options(String node, String key, String profile) {
    NodeOptions o = new NodeOptions();
    o.node = node;
    o.apiKey = key;
    o.profile = profile;
    return o;
  }

  @Test
  void resolve_withNothingGiven_usesTheDefaultProfile() throws Exception {
    Connection c = options(null, null, null).resolve(Map.of());
    assertEquals("http://127.0.0.1:8700", c.base().toString());
    assertEquals("hfk_profile", c.apiKey());
    assertEquals("profile \"work\"", c.source());
  }

  @Test
  void resolve_environmentBeatsProfile_andFlagsBeatEnvironment() throws Exception {
    Map<String, String> env = Map.of("HASHFED_NODE", "http://127.0.0.1:9000", "HASHFED_API_KEY", "hfk_env");
    Connection fromEnv = options(null, null, null).resolve(env);
    assertEquals("http://127.0.0.1:9000", fromEnv.base().toString());
    assertEquals("hfk_env", fromEnv.apiKey());
    Connection fromFlags = options("http://127.0.0.1:9100/", "hfk_flag", null).resolve(env);
    assertEquals("http://127.0.0.1:9100", fromFlags.base().toString());
    assertEquals("hfk_flag", fromFlags.apiKey());
  }

  @Test
  void resolve_nodeFlagAlone_keepsTheProfilesKey() throws Exception {
    Connection c = options("http://127.0.0.1:9100", null, "staging").resolve(Map.of());
    assertEquals("http://127.0.0.1:9100", c.base().toString());
    assertEquals("hfk_staging", c.apiKey());
  }

  @Test
  void resolve_profileFromEnvironment() throws Exception {
    assertEquals("hfk_staging", options(null, null, null).resolve(Map.of("HASHFED_PROFILE", "staging")).apiKey());
  }

  @Test
  void resolve_unknownProfile_isUsageErrorSayingHowToCreateIt() {
    CommandError e = assertThrows(CommandError.class, () -> options(null, null, "prod").resolve(Map.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("hashfed login") && e.getMessage().contains("--profile prod"), e.getMessage());
  }

  @Test
  void resolve_withoutAnyProfile_isUsageError() throws Exception {
    Files.delete(dir.resolve("config.json"));
    CommandError e = assertThrows(CommandError.class, () -> options(null, null, null).resolve(Map.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("hashfed login --node URL"), e.getMessage());
  }

  @Test
  void resolve_withoutProfile_fallsBackToTheCommandsDefaults() throws Exception {
    Files.delete(dir.resolve("config.json"));
    Connection c = options(null, null, null).resolve(Map.of("HASHFED_API_KEY", "hfk_env"), NodeDefaults.localAdmin());
    assertEquals(NodeDefaults.LOCAL_NODE, c.base().toString());
    assertEquals("hfk_env", c.apiKey());
    assertEquals("the default node URL", c.source());

    Path keyFile = Files.writeString(dir.resolve("admin.key"), "hfk_default\n");
    Connection fromFile = options("http://127.0.0.1:9100", null, null).resolve(Map.of(), NodeDefaults.keyFile(keyFile));
    assertEquals("http://127.0.0.1:9100", fromFile.base().toString());
    assertEquals("hfk_default", fromFile.apiKey());
  }

  @Test
  void resolve_withAProfile_ignoresTheCommandsDefaults() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("admin.key"), "hfk_default\n");
    Connection c = options(null, null, null).resolve(Map.of(), NodeDefaults.keyFile(keyFile));
    assertEquals("http://127.0.0.1:8700", c.base().toString());
    assertEquals("hfk_profile", c.apiKey());
  }

  @Test
  void resolve_missingDefaultKeyFile_isUsageErrorNamingIt() throws Exception {
    Files.delete(dir.resolve("config.json"));
    Path missing = dir.resolve("no-such.key");
    CommandError e = assertThrows(CommandError.class,
        () -> options("http://127.0.0.1:9100", null, null).resolve(Map.of(), NodeDefaults.keyFile(missing)));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("the default key file " + missing + " does not exist"), e.getMessage());
  }

  @Test
  void resolve_keyFileVariable_beatsTheKeyVariable_butNotTheFlags() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("audit.key"), "hfk_audit\n");
    NodeDefaults defaults = NodeDefaults.none().withKeyFileVariable("HASHFED_AUDIT_KEY_FILE");
    Map<String, String> env = Map.of("HASHFED_API_KEY", "hfk_env", "HASHFED_AUDIT_KEY_FILE", keyFile.toString());
    assertEquals("hfk_audit", options("http://127.0.0.1:9100", null, null).resolve(env, defaults).apiKey());
    assertEquals("hfk_flag", options("http://127.0.0.1:9100", "hfk_flag", null).resolve(env, defaults).apiKey());
    assertEquals("hfk_env", options("http://127.0.0.1:9100", null, null).resolve(env).apiKey());
  }

  @Test
  void withKeyFile_takesTheKeyFromTheAliasFile_andRefusesASecondKey() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("audit.key"), "hfk_audit\n");
    NodeOptions aliased = options("http://127.0.0.1:9100", null, null).withKeyFile("--audit-key-file", keyFile);
    assertEquals("hfk_audit", aliased.resolve(Map.of("HASHFED_API_KEY", "hfk_env")).apiKey());
    CommandError e = assertThrows(CommandError.class,
        () -> options(null, "hfk_flag", null).withKeyFile("--audit-key-file", keyFile));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("--audit-key-file") && e.getMessage().contains("--api-key"), e.getMessage());
  }

  @Test
  void connection_withBadUrl_namesItAndTheExpectedForm() {
    CommandError e = assertThrows(CommandError.class, () -> Connection.create("ftp://x", "hfk_a", "--node"));
    assertTrue(e.getMessage().contains("invalid node URL \"ftp://x\": expected a URL like"), e.getMessage());
  }

  @Test
  void connection_toString_neverShowsTheKey() throws Exception {
    Connection c = Connection.create("http://127.0.0.1:8700", "hfk_secret", "--node");
    assertFalse(c.toString().contains("hfk_secret"));
    assertFalse(new Profiles.Profile("http://x", "hfk_secret").toString().contains("hfk_secret"));
  }

  @Test
  void configFile_followsXdgConfigHome_whenNoOverride() {
    System.clearProperty(ConfigLocation.DIR_PROPERTY);
    assertEquals(Path.of("/xdg/hashfed/config.json"), ConfigLocation.configFile(Map.of("XDG_CONFIG_HOME", "/xdg")));
    assertEquals(Path.of(System.getProperty("user.home"), ".config/hashfed/config.json"),
        ConfigLocation.configFile(Map.of("XDG_CONFIG_HOME", "relative")));
  }
}
