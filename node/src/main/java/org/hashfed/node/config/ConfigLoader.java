package org.hashfed.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.hashfed.node.trust.TrustSettings;

/**
 * Builds a {@link NodeConfig} from the embedded defaults, an optional YAML or JSON file and
 * {@code HASHFED_*} environment variables, in that order of precedence (later wins).
 *
 * <p>Every option is documented in {@code spec/config.md}. The file is bound to {@link ConfigFile}
 * by {@link ConfigBinding}; unknown keys are errors, so a typo in a limit never silently leaves the
 * default in place.
 */
public final class ConfigLoader {

  // A key given twice is refused rather than the last one silently winning: an operator who
  // sets a limit in two places must learn which one is meant.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Map<String, String> env;

  private ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** A loader reading the process environment. */
  public static ConfigLoader fromEnvironment() {
    return new ConfigLoader(System.getenv());
  }

  /** A loader reading the given variables instead of the process environment. */
  public static ConfigLoader withEnvironment(Map<String, String> env) {
    return new ConfigLoader(env);
  }

  /**
   * Loads the configuration: defaults, then {@code file} when not null, then the environment.
   *
   * @throws ConfigException when the file cannot be read or parsed, or an option is invalid
   */
  public NodeConfig.Builder load(Path file) {
    NodeConfig.Builder b = NodeConfig.builder();
    TrustSettings.Builder trust = TrustSettings.builder();
    if (file != null) {
      ConfigFile options = readFile(file);
      if (options != null) {
        options.applyTo(b, trust);
      }
    }
    applyEnvironment(b);
    applyTrustEnvironment(trust);
    try {
      return b.trust(trust.build());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The file's options, or null when the file is empty. */
  private static ConfigFile readFile(Path file) {
    JsonNode root;
    try {
      root = mapperFor(file).readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist", e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("config file " + file + " is not valid YAML or JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return null;
    }
    return ConfigBinding.bind(root, file.toString());
  }

  private void applyEnvironment(NodeConfig.Builder b) {
    String v;
    if ((v = env.get("HASHFED_MEMBER")) != null) {
      b.member(v);
    }
    if ((v = env.get("HASHFED_DATA")) != null) {
      b.dataDir(Path.of(v));
    }
    if ((v = env.get("HASHFED_HOST")) != null) {
      b.host(v);
    }
    if ((v = env.get("HASHFED_PORT")) != null) {
      b.port(envInt("HASHFED_PORT", v));
    }
    if ((v = env.get("HASHFED_TLS_CERT")) != null) {
      b.tlsCert(Path.of(v));
    }
    if ((v = env.get("HASHFED_TLS_KEY")) != null) {
      b.tlsKey(Path.of(v));
    }
    if ((v = env.get("HASHFED_MEMBER_KEY")) != null) {
      b.memberKeyFile(Path.of(v));
    }
    if ((v = env.get("HASHFED_ADMIN_KEY")) != null) {
      b.adminKeyFile(Path.of(v));
    }
    if ((v = env.get("HASHFED_ROSTER")) != null) {
      b.rosterFile(Path.of(v));
    }
    if ((v = env.get("HASHFED_MAX_BODY_BYTES")) != null) {
      b.maxBodyBytes(envInt("HASHFED_MAX_BODY_BYTES", v));
    }
    if ((v = env.get("HASHFED_MAX_FILE_BYTES")) != null) {
      b.maxFileBytes(envInt("HASHFED_MAX_FILE_BYTES", v));
    }
    if ((v = env.get("HASHFED_MAX_SIGNALS")) != null) {
      b.maxSignals(envInt("HASHFED_MAX_SIGNALS", v));
    }
    if ((v = env.get("HASHFED_DEFAULT_MAX_DISTANCE")) != null) {
      b.defaultMaxDistance(envInt("HASHFED_DEFAULT_MAX_DISTANCE", v));
    }
    if ((v = env.get("HASHFED_MIN_PDQ_QUALITY")) != null) {
      b.minPdqQuality(envInt("HASHFED_MIN_PDQ_QUALITY", v));
    }
    if ((v = env.get("HASHFED_WORKER_THREADS")) != null) {
      b.workerThreads(envInt("HASHFED_WORKER_THREADS", v));
    }
    if ((v = env.get("HASHFED_PEER_HOST")) != null) {
      b.peerHost(v);
    }
    if ((v = env.get("HASHFED_PEER_PORT")) != null) {
      b.peerPort(envInt("HASHFED_PEER_PORT", v));
    }
    if ((v = env.get("HASHFED_LOG_WITNESS_PERIOD_MS")) != null) {
      b.witnessPeriod(java.time.Duration.ofMillis(envInt("HASHFED_LOG_WITNESS_PERIOD_MS", v)));
    }
    if ((v = env.get("HASHFED_EVENTS_RETENTION_DAYS")) != null) {
      b.eventRetention(java.time.Duration.ofDays(envInt("HASHFED_EVENTS_RETENTION_DAYS", v)));
    }
    if ((v = env.get("HASHFED_SNAPSHOT_INTERVAL_S")) != null) {
      b.snapshotInterval(java.time.Duration.ofSeconds(envInt("HASHFED_SNAPSHOT_INTERVAL_S", v)));
    }
    if ((v = env.get("HASHFED_WATCH_WINDOW_DAYS")) != null) {
      b.watchWindow(java.time.Duration.ofDays(envInt("HASHFED_WATCH_WINDOW_DAYS", v)));
    }
    if ((v = env.get("HASHFED_WATCH_MAX_ITEMS")) != null) {
      b.watchMaxItems(envInt("HASHFED_WATCH_MAX_ITEMS", v));
    }
    if ((v = env.get("HASHFED_WATCH_MAX_VIDEO_FRAMES")) != null) {
      b.watchMaxVideoFrames(envInt("HASHFED_WATCH_MAX_VIDEO_FRAMES", v));
    }
    b.match(MatchSection.fromEnvironment(b.matchLimits(), env));
  }

  private void applyTrustEnvironment(TrustSettings.Builder t) {
    String v;
    if ((v = env.get("HASHFED_TRUST_DEFAULT_LEVEL")) != null) {
      t.defaultLevel(ConfigFile.level(v, "HASHFED_TRUST_DEFAULT_LEVEL"));
    }
    if ((v = env.get("HASHFED_TRUST_DEMOTION_WINDOW_DAYS")) != null) {
      t.windowDays(envInt("HASHFED_TRUST_DEMOTION_WINDOW_DAYS", v));
    }
    if ((v = env.get("HASHFED_TRUST_DEMOTION_SHARE")) != null) {
      try {
        t.share(Double.parseDouble(v.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException("invalid environment variable HASHFED_TRUST_DEMOTION_SHARE=\"" + v
            + "\": expected a number in (0, 1]", e);
      }
    }
    if ((v = env.get("HASHFED_TRUST_DEMOTION_MIN_DISPUTERS")) != null) {
      t.minDisputers(envInt("HASHFED_TRUST_DEMOTION_MIN_DISPUTERS", v));
    }
    if ((v = env.get("HASHFED_TRUST_DEMOTION_MIN_SUBMISSIONS")) != null) {
      t.minSubmissions(envInt("HASHFED_TRUST_DEMOTION_MIN_SUBMISSIONS", v));
    }
    if ((v = env.get("HASHFED_TRUST_DEMOTION_DISPUTER_LEVEL")) != null) {
      t.disputerLevel(ConfigFile.level(v, "HASHFED_TRUST_DEMOTION_DISPUTER_LEVEL"));
    }
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".json") ? JSON : YAML;
  }

  private static int envInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("invalid environment variable " + name + "=\"" + value + "\": expected an integer", e);
    }
  }
}
