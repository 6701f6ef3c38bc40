package org.hashfed.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.node.webhooks.WebhookOptions;
import org.hashfed.protocol.dsse.Envelope;

/**
 * Builds a {@link NodeConfig} from the embedded defaults, an optional YAML or JSON file and
 * {@code HASHFED_*} environment variables, in that order of precedence (later wins).
 *
 * <p>Every option is documented in {@code spec/config.md}. Unknown keys are errors, so a typo in a
 * limit never silently leaves the default in place.
 */
public final class ConfigLoader {

  private static final Set<String> TOP =
      Set.of("member", "data", "http", "keys", "roster", "limits", "trust", "peer", "sync", "log", "video", "image", "events",
          "watch", "webhooks", "match", "followers", "follow");
  private static final Set<String> LOG = Set.of("witness_period_ms", "witnesses");
  private static final Set<String> WITNESS = Set.of("url", "member", "key");
  private static final Set<String> EVENTS = Set.of("retention_days");
  private static final Set<String> WATCH = Set.of("window_days", "max_items", "max_video_frames");
  private static final Set<String> WEBHOOKS =
      Set.of("timeout_ms", "backoff_initial_ms", "backoff_max_ms", "give_up_after_ms", "max_endpoints");
  private static final Set<String> HTTP = Set.of("host", "port", "tls_cert", "tls_key");
  private static final Set<String> KEYS = Set.of("member_key", "admin_key");
  private static final Set<String> LIMITS =
      Set.of("max_body_bytes", "max_file_bytes", "max_signals", "default_max_distance", "min_pdq_quality", "worker_threads");

  /** Smallest peer body a config file may set: the largest envelope and 64 KiB around it. */
  static final long MIN_PEER_BODY_BYTES = Envelope.MAX_ENVELOPE_BYTES + 64 * 1024;
  private static final Set<String> PEER = Set.of("host", "port", "max_body_bytes", "timeout_ms", "rate_limit");
  private static final Set<String> SYNC =
      Set.of("fanout", "anti_entropy_ms", "batch", "push", "pending_per_member", "pending_total");
  private static final Set<String> TRUST = Set.of("default_level", "demotion");
  private static final Set<String> DEMOTION =
      Set.of("window_days", "share", "min_disputers", "min_submissions", "disputer_level");

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
      applyFile(b, file);
      applyTrustFile(trust, file);
    }
    applyEnvironment(b);
    applyTrustEnvironment(trust);
    try {
      return b.trust(trust.build());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static void applyFile(NodeConfig.Builder b, Path file) {
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
      return;
    }
    requireObject(root, "the top level of " + file, TOP, "");
    if (root.has("member")) {
      b.member(text(root, "member", ""));
    }
    if (root.has("data")) {
      b.dataDir(Path.of(text(root, "data", "")));
    }
    if (root.has("roster")) {
      b.rosterFile(Path.of(text(root, "roster", "")));
    }
    JsonNode http = root.get("http");
    if (http != null) {
      requireObject(http, "http", HTTP, "http.");
      if (http.has("host")) {
        b.host(text(http, "host", "http."));
      }
      if (http.has("port")) {
        b.port(integer(http, "port", "http."));
      }
      if (http.has("tls_cert")) {
        b.tlsCert(Path.of(text(http, "tls_cert", "http.")));
      }
      if (http.has("tls_key")) {
        b.tlsKey(Path.of(text(http, "tls_key", "http.")));
      }
    }
    JsonNode keys = root.get("keys");
    if (keys != null) {
      requireObject(keys, "keys", KEYS, "keys.");
      if (keys.has("member_key")) {
        b.memberKeyFile(Path.of(text(keys, "member_key", "keys.")));
      }
      if (keys.has("admin_key")) {
        b.adminKeyFile(Path.of(text(keys, "admin_key", "keys.")));
      }
    }
    JsonNode limits = root.get("limits");
    if (limits != null) {
      requireObject(limits, "limits", LIMITS, "limits.");
      if (limits.has("max_body_bytes")) {
        b.maxBodyBytes(integer(limits, "max_body_bytes", "limits."));
      }
      if (limits.has("max_file_bytes")) {
        b.maxFileBytes(integer(limits, "max_file_bytes", "limits."));
      }
      if (limits.has("max_signals")) {
        b.maxSignals(integer(limits, "max_signals", "limits."));
      }
      if (limits.has("default_max_distance")) {
        b.defaultMaxDistance(integer(limits, "default_max_distance", "limits."));
      }
      if (limits.has("min_pdq_quality")) {
        b.minPdqQuality(integer(limits, "min_pdq_quality", "limits."));
      }
      if (limits.has("worker_threads")) {
        b.workerThreads(integer(limits, "worker_threads", "limits."));
      }
    }
    applyPeerAndSync(b, root.get("peer"), root.get("sync"));
    VideoSection.apply(b, root.get("video"));
    b.match(MatchSection.fromFile(MatchLimits.defaults(), root.get("match")));
    ImageSection.apply(b, root.get("image"));
    JsonNode log = root.get("log");
    if (log != null) {
      requireObject(log, "log", LOG, "log.");
      if (log.has("witness_period_ms")) {
        b.witnessPeriod(java.time.Duration.ofMillis(integer(log, "witness_period_ms", "log.")));
      }
      if (log.has("witnesses")) {
        b.witnesses(witnesses(log.get("witnesses")));
      }
    }
    JsonNode events = root.get("events");
    if (events != null) {
      requireObject(events, "events", EVENTS, "events.");
      if (events.has("retention_days")) {
        b.eventRetention(java.time.Duration.ofDays(integer(events, "retention_days", "events.")));
      }
    }
    JsonNode watch = root.get("watch");
    if (watch != null) {
      requireObject(watch, "watch", WATCH, "watch.");
      if (watch.has("window_days")) {
        b.watchWindow(java.time.Duration.ofDays(integer(watch, "window_days", "watch.")));
      }
      if (watch.has("max_items")) {
        b.watchMaxItems(integer(watch, "max_items", "watch."));
      }
      if (watch.has("max_video_frames")) {
        b.watchMaxVideoFrames(integer(watch, "max_video_frames", "watch."));
      }
    }
    FollowSection.apply(b, root.get("followers"), root.get("follow"));
    JsonNode webhooks = root.get("webhooks");
    if (webhooks != null) {
      requireObject(webhooks, "webhooks", WEBHOOKS, "webhooks.");
      b.webhooks(webhookOptions(webhooks));
    }
  }

  private static java.util.List<WitnessTarget> witnesses(JsonNode list) {
    if (!list.isArray()) {
      throw new ConfigException("invalid log.witnesses: expected a list of {url|member, key}, got " + list.getNodeType());
    }
    java.util.List<WitnessTarget> out = new java.util.ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode w = list.get(i);
      String prefix = "log.witnesses[" + i + "].";
      requireObject(w, "log.witnesses[" + i + "]", WITNESS, prefix);
      if (!w.has("key") || w.has("url") == w.has("member")) {
        throw new ConfigException("invalid log.witnesses[" + i + "]: expected a key and exactly one of url and member");
      }
      try {
        out.add(w.has("url") ? WitnessTarget.atUrl(text(w, "url", prefix), text(w, "key", prefix))
            : WitnessTarget.ofMember(text(w, "member", prefix), text(w, "key", prefix)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid log.witnesses[" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static WebhookOptions webhookOptions(JsonNode w) {
    WebhookOptions d = WebhookOptions.defaults();
    try {
      return new WebhookOptions(
          w.has("timeout_ms") ? millis(w, "timeout_ms") : d.timeout(),
          w.has("backoff_initial_ms") ? millis(w, "backoff_initial_ms") : d.initialBackoff(),
          w.has("backoff_max_ms") ? millis(w, "backoff_max_ms") : d.maxBackoff(),
          w.has("give_up_after_ms") ? millis(w, "give_up_after_ms") : d.giveUpAfter(),
          w.has("max_endpoints") ? integer(w, "max_endpoints", "webhooks.") : d.maxEndpoints());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  private static java.time.Duration millis(JsonNode w, String key) {
    return java.time.Duration.ofMillis(integer(w, key, "webhooks."));
  }

  private static void applyPeerAndSync(NodeConfig.Builder b, JsonNode peer, JsonNode sync) {
    SyncOptions o = SyncOptions.defaults();
    if (peer != null) {
      requireObject(peer, "peer", PEER, "peer.");
      if (peer.has("host")) {
        b.peerHost(text(peer, "host", "peer."));
      }
      if (peer.has("port")) {
        b.peerPort(integer(peer, "port", "peer."));
      }
      if (peer.has("max_body_bytes")) {
        long maxBody = integer(peer, "max_body_bytes", "peer.");
        // one push or feed response must carry the largest entry, a vpdq submit of up to 1 MiB
        if (maxBody < MIN_PEER_BODY_BYTES) {
          throw new ConfigException("invalid peer.max_body_bytes " + maxBody + ": expected at least "
              + MIN_PEER_BODY_BYTES + " (the largest envelope, " + Envelope.MAX_ENVELOPE_BYTES
              + " bytes, with room for the request around it)");
        }
        o = o.withMaxBodyBytes(maxBody);
      }
      if (peer.has("timeout_ms")) {
        o = o.withTimeout(java.time.Duration.ofMillis(integer(peer, "timeout_ms", "peer.")));
      }
      if (peer.has("rate_limit")) {
        o = o.withRateLimit(integer(peer, "rate_limit", "peer."));
      }
    }
    if (sync != null) {
      requireObject(sync, "sync", SYNC, "sync.");
      if (sync.has("fanout")) {
        o = o.withFanout(integer(sync, "fanout", "sync."));
      }
      if (sync.has("anti_entropy_ms")) {
        o = o.withAntiEntropy(java.time.Duration.ofMillis(integer(sync, "anti_entropy_ms", "sync.")));
      }
      if (sync.has("batch")) {
        o = o.withBatch(integer(sync, "batch", "sync."));
      }
      if (sync.has("push")) {
        o = o.withPush(SyncOptions.PushMode.parse(text(sync, "push", "sync.")));
      }
      if (sync.has("pending_per_member") || sync.has("pending_total")) {
        o = o.withPending(sync.has("pending_per_member") ? integer(sync, "pending_per_member", "sync.")
            : o.pendingPerMember(), sync.has("pending_total") ? integer(sync, "pending_total", "sync.") : o.pendingTotal());
      }
    }
    b.sync(o);
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

  private static void applyTrustFile(TrustSettings.Builder t, Path file) {
    JsonNode trust;
    try {
      JsonNode root = mapperFor(file).readTree(Files.readAllBytes(file));
      trust = root == null ? null : root.get("trust");
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (trust == null) {
      return;
    }
    requireObject(trust, "trust", TRUST, "trust.");
    if (trust.has("default_level")) {
      t.defaultLevel(level(text(trust, "default_level", "trust."), "trust.default_level"));
    }
    JsonNode d = trust.get("demotion");
    if (d == null) {
      return;
    }
    requireObject(d, "trust.demotion", DEMOTION, "trust.demotion.");
    if (d.has("window_days")) {
      t.windowDays(integer(d, "window_days", "trust.demotion."));
    }
    if (d.has("share")) {
      JsonNode n = d.get("share");
      if (!n.isNumber()) {
        throw new ConfigException("invalid trust.demotion.share " + n + ": expected a number in (0, 1]");
      }
      t.share(n.doubleValue());
    }
    if (d.has("min_disputers")) {
      t.minDisputers(integer(d, "min_disputers", "trust.demotion."));
    }
    if (d.has("min_submissions")) {
      t.minSubmissions(integer(d, "min_submissions", "trust.demotion."));
    }
    if (d.has("disputer_level")) {
      t.disputerLevel(level(text(d, "disputer_level", "trust.demotion."), "trust.demotion.disputer_level"));
    }
  }

  private void applyTrustEnvironment(TrustSettings.Builder t) {
    String v;
    if ((v = env.get("HASHFED_TRUST_DEFAULT_LEVEL")) != null) {
      t.defaultLevel(level(v, "HASHFED_TRUST_DEFAULT_LEVEL"));
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
      t.disputerLevel(level(v, "HASHFED_TRUST_DEMOTION_DISPUTER_LEVEL"));
    }
  }

  private static TrustLevel level(String value, String option) {
    try {
      return TrustLevel.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid " + option + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
  }

  static void requireObject(JsonNode node, String what, Set<String> allowed, String prefix) {
    if (!node.isObject()) {
      throw new ConfigException("invalid " + what + ": expected a mapping of options, got " + node.getNodeType());
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw new ConfigException("unknown option \"" + prefix + name + "\": expected one of "
            + allowed.stream().sorted().map(n -> prefix + n).toList());
      }
    }
  }

  static String text(JsonNode parent, String name, String prefix) {
    JsonNode n = parent.get(name);
    if (!n.isTextual() && !n.isNumber()) {
      throw new ConfigException("invalid " + prefix + name + " " + n + ": expected a string");
    }
    return n.asText();
  }

  static int integer(JsonNode parent, String name, String prefix) {
    JsonNode n = parent.get(name);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new ConfigException("invalid " + prefix + name + " " + n + ": expected an integer");
    }
    return n.intValue();
  }

  private static int envInt(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("invalid environment variable " + name + "=\"" + value + "\": expected an integer", e);
    }
  }
}
