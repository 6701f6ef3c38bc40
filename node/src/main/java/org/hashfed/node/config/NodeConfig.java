package org.hashfed.node.config;

import java.nio.file.Path;
import java.util.Objects;
import org.hashfed.node.trust.TrustSettings;
import org.hashfed.node.webhooks.WebhookOptions;
import org.hashfed.protocol.entry.MemberId;

/**
 * Everything a node needs to start, already validated: identity, files, network and limits.
 *
 * <p>Relative file paths are resolved against the data directory, so a config file can name
 * {@code member.key} and mean the key next to the database.
 */
public final class NodeConfig {

  /** Default data directory, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("hashfed-data");
  /** Default listen address: loopback only, so a fresh node is never exposed by accident. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default HTTP port of the platform API. */
  public static final int DEFAULT_PORT = 8700;
  /** Default member id of a development node. */
  public static final String DEFAULT_MEMBER = "dev";
  /** Largest request body accepted, in bytes (1 MiB). */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Largest file accepted by {@code POST /v1/match/file}, in bytes (32 MiB). */
  public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;
  /** Upper bound of {@code limits.max_file_bytes}: raw bodies are held in memory while hashed. */
  public static final long MAX_FILE_BYTES_LIMIT = 256L * 1024 * 1024;
  /** Most signals in one batch match request. */
  public static final int DEFAULT_MAX_SIGNALS = 1000;
  /** PDQ Hamming distance used when a request does not give one. */
  public static final int DEFAULT_MAX_DISTANCE = 31;
  /** PDQ quality below which a submission is refused. */
  public static final int DEFAULT_MIN_PDQ_QUALITY = 50;
  /** Threads running RocksDB and hashing work. */
  public static final int DEFAULT_WORKER_THREADS = 8;
  /** Default port of the peer (mutual TLS) server. */
  public static final int DEFAULT_PEER_PORT = 8701;
  /** Most C2SP witnesses a node submits its checkpoints to: each one costs a request per period. */
  public static final int MAX_WITNESSES = 32;
  /** Default period of the witnessing rounds over the peers' logs. */
  public static final java.time.Duration DEFAULT_WITNESS_PERIOD = java.time.Duration.ofSeconds(30);
  /** Default retention of the event log. */
  public static final java.time.Duration DEFAULT_EVENT_RETENTION = java.time.Duration.ofDays(30);
  /** How long the change log keeps a change some follower may still lack, by default. */
  public static final java.time.Duration DEFAULT_CHANGE_RETENTION = java.time.Duration.ofHours(24);
  /** Default time an item recorded with {@code POST /v1/watch} is watched after its upload. */
  public static final java.time.Duration DEFAULT_WATCH_WINDOW = java.time.Duration.ofDays(7);
  /** Default period of the background start-up snapshot: ten minutes of entries replay in seconds at any write rate seen so far. */
  public static final java.time.Duration DEFAULT_SNAPSHOT_INTERVAL = java.time.Duration.ofMinutes(10);
  /** Default most watched items. */
  public static final long DEFAULT_WATCH_MAX_ITEMS = 10_000_000L;
  /** Default {@code watch.max_video_frames}. */
  public static final long DEFAULT_WATCH_MAX_VIDEO_FRAMES = 2_000_000L;

  private final String member;
  private final Path dataDir;
  private final String host;
  private final int port;
  private final Path memberKeyFile;
  private final Path adminKeyFile;
  private final Path rosterFile;
  private final long maxBodyBytes;
  private final long maxFileBytes;
  private final int maxSignals;
  private final int defaultMaxDistance;
  private final int minPdqQuality;
  private final int workerThreads;
  private final String peerHost;
  private final int peerPort;
  private final SyncOptions sync;
  private final VideoOptions video;
  private final ImageOptions image;
  private final TrustSettings trust;
  private final java.time.Duration witnessPeriod;
  private final java.util.List<WitnessTarget> witnesses;
  private final java.time.Duration eventRetention;
  private final java.time.Duration watchWindow;
  private final java.time.Duration snapshotInterval;
  private final long watchMaxItems;
  private final long watchMaxVideoFrames;
  private final WebhookOptions webhooks;
  private final MatchLimits match;
  private final Path tlsCert;
  private final Path tlsKey;
  private final ApiTls apiTls;
  private final java.util.List<org.hashfed.protocol.roster.TlsFingerprint> followers;
  private final java.time.Duration changeRetention;
  private final FollowOptions follow;

  private NodeConfig(Builder b) {
    this.member = b.member;
    this.dataDir = b.dataDir;
    this.host = b.host;
    this.port = b.port;
    this.memberKeyFile = b.memberKeyFile;
    this.adminKeyFile = b.adminKeyFile;
    this.rosterFile = b.rosterFile;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxFileBytes = b.maxFileBytes;
    this.maxSignals = b.maxSignals;
    this.defaultMaxDistance = b.defaultMaxDistance;
    this.minPdqQuality = b.minPdqQuality;
    this.workerThreads = b.workerThreads;
    this.peerHost = b.peerHost;
    this.peerPort = b.peerPort;
    this.sync = b.sync;
    this.video = b.video;
    this.image = b.image;
    this.trust = b.trust;
    this.witnessPeriod = b.witnessPeriod;
    this.witnesses = b.witnesses;
    this.eventRetention = b.eventRetention;
    this.watchWindow = b.watchWindow;
    this.snapshotInterval = b.snapshotInterval;
    this.watchMaxItems = b.watchMaxItems;
    this.watchMaxVideoFrames = b.watchMaxVideoFrames;
    this.webhooks = b.webhooks;
    this.match = b.match;
    this.tlsCert = b.tlsCert;
    this.tlsKey = b.tlsKey;
    this.apiTls = b.apiTls;
    this.followers = b.followers;
    this.changeRetention = b.changeRetention;
    this.follow = b.follow;
  }

  /** The embedded defaults: a development node in {@code ./hashfed-data} on 127.0.0.1:8700. */
  public static NodeConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the embedded defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration; relative file paths stay relative to whatever data dir is set. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.member = member;
    b.dataDir = dataDir;
    b.host = host;
    b.port = port;
    b.memberKeyFile = memberKeyFile;
    b.adminKeyFile = adminKeyFile;
    b.rosterFile = rosterFile;
    b.maxBodyBytes = maxBodyBytes;
    b.maxFileBytes = maxFileBytes;
    b.maxSignals = maxSignals;
    b.defaultMaxDistance = defaultMaxDistance;
    b.minPdqQuality = minPdqQuality;
    b.workerThreads = workerThreads;
    b.peerHost = peerHost;
    b.peerPort = peerPort;
    b.sync = sync;
    b.video = video;
    b.image = image;
    b.trust = trust;
    b.witnessPeriod = witnessPeriod;
    b.witnesses = witnesses;
    b.eventRetention = eventRetention;
    b.watchWindow = watchWindow;
    b.snapshotInterval = snapshotInterval;
    b.watchMaxItems = watchMaxItems;
    b.watchMaxVideoFrames = watchMaxVideoFrames;
    b.webhooks = webhooks;
    b.match = match;
    b.tlsCert = tlsCert;
    b.tlsKey = tlsKey;
    b.followers = followers;
    b.changeRetention = changeRetention;
    b.follow = follow;
    return b;
  }

  /** This node's member id in the consortium roster. */
  public String member() {
    return member;
  }

  /** Directory holding the RocksDB store and, by default, the key files. */
  public Path dataDir() {
    return dataDir;
  }

  /** Address the HTTP API listens on. */
  public String host() {
    return host;
  }

  /** Port the HTTP API listens on; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The member's Ed25519 private key file (created with mode 0600 on first start). */
  public Path memberKeyFile() {
    return dataDir.resolve(memberKeyFile);
  }

  /** Where the first admin API key is written on first start (mode 0600). */
  public Path adminKeyFile() {
    return dataDir.resolve(adminKeyFile);
  }

  /** The consortium roster file (a single-member development roster is created on first start). */
  public Path rosterFile() {
    return dataDir.resolve(rosterFile);
  }

  /** Largest HTTP request body accepted, in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Largest file accepted by {@code POST /v1/match/file}, in bytes. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** Most signals in one batch match request. */
  public int maxSignals() {
    return maxSignals;
  }

  /** PDQ distance used when a match request gives none. */
  public int defaultMaxDistance() {
    return defaultMaxDistance;
  }

  /** PDQ submissions with a lower quality are refused. */
  public int minPdqQuality() {
    return minPdqQuality;
  }

  /** Size of the worker pool for RocksDB and hashing. */
  public int workerThreads() {
    return workerThreads;
  }

  /** Address the peer server listens on. */
  public String peerHost() {
    return peerHost;
  }

  /** Port of the peer server (mutual TLS); 0 picks a free one. */
  public int peerPort() {
    return peerPort;
  }

  /** How uploaded videos are hashed. */
  public VideoOptions video() {
    return video;
  }

  /** How uploaded images are decoded. */
  public ImageOptions image() {
    return image;
  }

  /** Options of peer sync. */
  public SyncOptions sync() {
    return sync;
  }

  /** The peer certificates of this node's read followers ({@code followers}); empty when it has none. */
  public java.util.List<org.hashfed.protocol.roster.TlsFingerprint> followers() {
    return followers;
  }

  /** How long the change log keeps a change that not every follower has acknowledged ({@code change_retention_hours}). */
  public java.time.Duration changeRetention() {
    return changeRetention;
  }

  /** Present when this process is a read follower of another node ({@code follow:}). */
  public java.util.Optional<FollowOptions> follow() {
    return java.util.Optional.ofNullable(follow);
  }

  /** How often the node witnesses its peers' logs ({@code log.witness_period_ms}). */
  public java.time.Duration witnessPeriod() {
    return witnessPeriod;
  }

  /** The C2SP tlog-witnesses this node submits its checkpoints to ({@code log.witnesses}). */
  public java.util.List<WitnessTarget> witnesses() {
    return witnesses;
  }

  /** How webhooks are delivered. */
  public WebhookOptions webhooks() {
    return webhooks;
  }

  /** How long the event log keeps events for the updates feed and webhooks. */
  public java.time.Duration eventRetention() {
    return eventRetention;
  }

  /** Period of the background start-up snapshot, zero for none but at a clean stop ({@code snapshot.interval_s}). */
  public java.time.Duration snapshotInterval() {
    return snapshotInterval;
  }

  /** How long a watched item is matched after its upload ({@code watch.window_days}). */
  public java.time.Duration watchWindow() {
    return watchWindow;
  }

  /** Most items the watch list holds ({@code watch.max_items}). */
  public long watchMaxItems() {
    return watchMaxItems;
  }

  /** Most frame hashes of watched videos the watch list holds ({@code watch.max_video_frames}). */
  public long watchMaxVideoFrames() {
    return watchMaxVideoFrames;
  }

  /** TLS for the platform API, when {@code http.tls_cert} and {@code http.tls_key} are set; plain HTTP otherwise. */
  public java.util.Optional<ApiTls> apiTls() {
    return java.util.Optional.ofNullable(apiTls);
  }

  /** The work and bytes one match request may take ({@code match.*}). */
  public MatchLimits match() {
    return match;
  }

  /** Trust policy defaults and automatic demotion (spec/trust.md). */
  public TrustSettings trust() {
    return trust;
  }

  @Override
  public String toString() {
    return "NodeConfig{member=" + member + ", dataDir=" + dataDir + ", host=" + host + ", port=" + port
        + ", memberKeyFile=" + memberKeyFile() + ", adminKeyFile=" + adminKeyFile() + ", rosterFile=" + rosterFile()
        + ", maxBodyBytes=" + maxBodyBytes + ", maxFileBytes=" + maxFileBytes + ", maxSignals=" + maxSignals
        + ", defaultMaxDistance=" + defaultMaxDistance + ", minPdqQuality=" + minPdqQuality + ", workerThreads="
        + workerThreads + ", trust=" + trust + ", peerHost=" + peerHost + ", peerPort=" + peerPort + ", sync=" + sync
        + ", video=" + video + ", image=" + image + ", eventRetention=" + eventRetention + ", watchWindow=" + watchWindow
        + ", snapshotInterval=" + snapshotInterval
        + ", watchMaxItems=" + watchMaxItems + ", watchMaxVideoFrames=" + watchMaxVideoFrames + ", webhooks=" + webhooks + ", match=" + match + ", apiTls=" + apiTls + "}";
  }

  /** Collects options; {@link #build()} validates them all. */
  public static final class Builder {
    private String member = DEFAULT_MEMBER;
    private Path dataDir = DEFAULT_DATA_DIR;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path memberKeyFile = Path.of("member.key");
    private Path adminKeyFile = Path.of("admin.key");
    private Path rosterFile = Path.of("roster.json");
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxSignals = DEFAULT_MAX_SIGNALS;
    private int defaultMaxDistance = DEFAULT_MAX_DISTANCE;
    private int minPdqQuality = DEFAULT_MIN_PDQ_QUALITY;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private String peerHost = DEFAULT_HOST;
    private int peerPort = DEFAULT_PEER_PORT;
    private SyncOptions sync = SyncOptions.defaults();
    private VideoOptions video = VideoOptions.defaults();
    private ImageOptions image = ImageOptions.defaults();
    private TrustSettings trust = TrustSettings.defaults();
    private java.time.Duration witnessPeriod = DEFAULT_WITNESS_PERIOD;
    private java.util.List<WitnessTarget> witnesses = java.util.List.of();
    private java.util.List<org.hashfed.protocol.roster.TlsFingerprint> followers = java.util.List.of();
    private java.time.Duration changeRetention = DEFAULT_CHANGE_RETENTION;
    private FollowOptions follow;
    private java.time.Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private java.time.Duration watchWindow = DEFAULT_WATCH_WINDOW;
    private java.time.Duration snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
    private long watchMaxItems = DEFAULT_WATCH_MAX_ITEMS;
    private long watchMaxVideoFrames = DEFAULT_WATCH_MAX_VIDEO_FRAMES;
    private WebhookOptions webhooks = WebhookOptions.defaults();
    private MatchLimits match = MatchLimits.defaults();
    private Path tlsCert;
    private Path tlsKey;
    private ApiTls apiTls;

    private Builder() {}

    /**
     * Serves the platform API over TLS with the PEM certificate chain {@code cert} and its PEM
     * private key {@code key}, each relative to the data dir unless absolute; null for both serves
     * plain HTTP.
     */
    public Builder apiTls(Path cert, Path key) {
      this.tlsCert = cert;
      this.tlsKey = key;
      return this;
    }

    /** Sets {@code http.tls_cert} alone (the file or environment sets the two apart). */
    Builder tlsCert(Path v) {
      this.tlsCert = v;
      return this;
    }

    /** Sets {@code http.tls_key} alone. */
    Builder tlsKey(Path v) {
      this.tlsKey = v;
      return this;
    }

    MatchLimits matchLimits() {
      return match;
    }

    /** Sets the {@code match} limits. */
    public Builder match(MatchLimits v) {
      this.match = Objects.requireNonNull(v, "match");
      return this;
    }

    /** Sets the member id. */
    public Builder member(String v) {
      this.member = v;
      return this;
    }

    /** Sets the data directory. */
    public Builder dataDir(Path v) {
      this.dataDir = v;
      return this;
    }

    /** Sets the listen address. */
    public Builder host(String v) {
      this.host = v;
      return this;
    }

    /** Sets the listen port (0 for any free port). */
    public Builder port(int v) {
      this.port = v;
      return this;
    }

    /** Sets the member key file, relative to the data dir unless absolute. */
    public Builder memberKeyFile(Path v) {
      this.memberKeyFile = v;
      return this;
    }

    /** Sets the admin key file, relative to the data dir unless absolute. */
    public Builder adminKeyFile(Path v) {
      this.adminKeyFile = v;
      return this;
    }

    /** Sets the roster file, relative to the data dir unless absolute. */
    public Builder rosterFile(Path v) {
      this.rosterFile = v;
      return this;
    }

    /** Sets the request body limit in bytes. */
    public Builder maxBodyBytes(long v) {
      this.maxBodyBytes = v;
      return this;
    }

    /** Sets the file size limit of {@code POST /v1/match/file} in bytes. */
    public Builder maxFileBytes(long v) {
      this.maxFileBytes = v;
      return this;
    }

    /** Sets the most signals per batch request. */
    public Builder maxSignals(int v) {
      this.maxSignals = v;
      return this;
    }

    /** Sets the default PDQ match distance. */
    public Builder defaultMaxDistance(int v) {
      this.defaultMaxDistance = v;
      return this;
    }

    /** Sets the lowest accepted PDQ quality. */
    public Builder minPdqQuality(int v) {
      this.minPdqQuality = v;
      return this;
    }

    /** Sets the worker pool size. */
    public Builder workerThreads(int v) {
      this.workerThreads = v;
      return this;
    }

    /** Sets the peer server's listen address. */
    public Builder peerHost(String v) {
      this.peerHost = v;
      return this;
    }

    /** Sets the peer server's port (0 for any free port). */
    public Builder peerPort(int v) {
      this.peerPort = v;
      return this;
    }

    /** Sets how uploaded videos are hashed. */
    public Builder video(VideoOptions v) {
      this.video = Objects.requireNonNull(v, "video");
      return this;
    }

    /** Sets how uploaded images are decoded. */
    public Builder image(ImageOptions v) {
      this.image = Objects.requireNonNull(v, "image");
      return this;
    }

    /** Sets the sync options. */
    public Builder sync(SyncOptions v) {
      this.sync = Objects.requireNonNull(v, "sync");
      return this;
    }

    /** Sets the {@code webhooks} options. */
    public Builder webhooks(WebhookOptions v) {
      this.webhooks = Objects.requireNonNull(v, "webhooks");
      return this;
    }

    /** Sets {@code snapshot.interval_s}. */
    public Builder snapshotInterval(java.time.Duration v) {
      this.snapshotInterval = Objects.requireNonNull(v, "snapshotInterval");
      return this;
    }

    /** Sets {@code watch.window_days}. */
    public Builder watchWindow(java.time.Duration v) {
      this.watchWindow = Objects.requireNonNull(v, "watchWindow");
      return this;
    }

    /** Sets {@code watch.max_items}. */
    public Builder watchMaxItems(long v) {
      this.watchMaxItems = v;
      return this;
    }

    /** Sets {@code watch.max_video_frames}. */
    public Builder watchMaxVideoFrames(long v) {
      this.watchMaxVideoFrames = v;
      return this;
    }

    /** Sets {@code events.retention_days}. */
    public Builder eventRetention(java.time.Duration v) {
      this.eventRetention = Objects.requireNonNull(v, "eventRetention");
      return this;
    }

    /** Sets how long the change log keeps a change not every follower has acknowledged ({@code change_retention_hours}). */
    public Builder changeRetention(java.time.Duration v) {
      this.changeRetention = Objects.requireNonNull(v, "changeRetention");
      return this;
    }

    /** Sets the peer certificates of this node's read followers ({@code followers}). */
    public Builder followers(java.util.List<org.hashfed.protocol.roster.TlsFingerprint> v) {
      this.followers = java.util.List.copyOf(v);
      return this;
    }

    /** Makes this process a read follower of another node ({@code follow:}). */
    public Builder follow(FollowOptions v) {
      this.follow = Objects.requireNonNull(v, "follow");
      return this;
    }

    /** Sets the period of the witnessing rounds ({@code log.witness_period_ms}). */
    public Builder witnessPeriod(java.time.Duration v) {
      this.witnessPeriod = Objects.requireNonNull(v, "witnessPeriod");
      return this;
    }

    /**
     * Sets the C2SP tlog-witnesses to submit checkpoints to ({@code log.witnesses}).
     *
     * @throws ConfigException when there are more than {@link #MAX_WITNESSES} or two share a key name
     */
    public Builder witnesses(java.util.List<WitnessTarget> v) {
      if (v.size() > MAX_WITNESSES) {
        throw new ConfigException("invalid log.witnesses: " + v.size() + " witnesses (expected: at most "
            + MAX_WITNESSES + ")");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (WitnessTarget w : v) {
        if (!names.add(w.key().name())) {
          throw new ConfigException("invalid log.witnesses: witness key name " + w.key().name()
              + " appears twice (expected: one entry per witness)");
        }
      }
      this.witnesses = java.util.List.copyOf(v);
      return this;
    }

    /** Sets the trust settings. */
    public Builder trust(TrustSettings v) {
      this.trust = Objects.requireNonNull(v, "trust");
      return this;
    }

    /**
     * Validates every option and returns the configuration.
     *
     * @throws ConfigException naming the first invalid option, its value and the expected form
     */
    public NodeConfig build() {
      try {
        MemberId.parse(member);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("invalid option member: " + e.getMessage(), e);
      }
      dataDir = Objects.requireNonNull(dataDir, "dataDir").normalize();
      Objects.requireNonNull(memberKeyFile, "memberKeyFile");
      Objects.requireNonNull(adminKeyFile, "adminKeyFile");
      Objects.requireNonNull(rosterFile, "rosterFile");
      if (host == null || host.isBlank()) {
        throw new ConfigException("invalid http.host \"" + host + "\": expected an IP address or host name");
      }
      check("http.port", port, 0, 65535);
      if ((tlsCert == null) != (tlsKey == null)) {
        throw new ConfigException("invalid http.tls_cert " + tlsCert + " and http.tls_key " + tlsKey
            + ": expected both (a PEM certificate chain and its PEM private key) or neither");
      }
      apiTls = tlsCert == null ? null : new ApiTls(dataDir.resolve(tlsCert), dataDir.resolve(tlsKey));
      if (maxBodyBytes < 1024 || maxBodyBytes > 64L * 1024 * 1024) {
        throw new ConfigException(
            "invalid limits.max_body_bytes " + maxBodyBytes + ": expected 1024..67108864");
      }
      if (maxFileBytes < 1024 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
        throw new ConfigException(
            "invalid limits.max_file_bytes " + maxFileBytes + ": expected 1024.." + MAX_FILE_BYTES_LIMIT);
      }
      check("limits.max_signals", maxSignals, 1, 100_000);
      check("limits.default_max_distance", defaultMaxDistance, 0, 63);
      check("limits.min_pdq_quality", minPdqQuality, 0, 100);
      check("limits.worker_threads", workerThreads, 1, 256);
      if (peerHost == null || peerHost.isBlank()) {
        throw new ConfigException("invalid peer.host \"" + peerHost + "\": expected an IP address or host name");
      }
      check("peer.port", peerPort, 0, 65535);
      if (eventRetention.toDays() < 1 || eventRetention.toDays() > 3650) {
        throw new ConfigException("invalid events.retention_days " + eventRetention.toDays()
            + ": expected 1 to 3650 days");
      }
      if (changeRetention.toHours() < 1 || changeRetention.toHours() > 8760) {
        throw new ConfigException("invalid change_retention_hours " + changeRetention.toHours()
            + ": expected 1 to 8760 hours");
      }
      long snapshotSeconds = snapshotInterval.getSeconds();
      if (snapshotInterval.isNegative() || snapshotInterval.getNano() != 0
          || (snapshotSeconds != 0 && (snapshotSeconds < 10 || snapshotSeconds > 86_400))) {
        throw new ConfigException("invalid snapshot.interval_s " + snapshotInterval.toMillis() / 1000.0
            + ": expected 0 (only at a clean stop) or 10 to 86400 seconds");
      }
      if (watchWindow.toDays() < 1 || watchWindow.toDays() > 365) {
        throw new ConfigException("invalid watch.window_days " + watchWindow.toDays() + ": expected 1 to 365 days");
      }
      if (watchMaxItems < 1 || watchMaxItems > 1_000_000_000L) {
        throw new ConfigException("invalid watch.max_items " + watchMaxItems + ": expected 1 to 1000000000");
      }
      if (watchMaxVideoFrames < 1 || watchMaxVideoFrames > 1_000_000_000L) {
        throw new ConfigException("invalid watch.max_video_frames " + watchMaxVideoFrames + ": expected 1 to 1000000000");
      }
      if (witnessPeriod.toMillis() < 100 || witnessPeriod.toHours() > 24) {
        throw new ConfigException("invalid log.witness_period_ms " + witnessPeriod.toMillis()
            + ": expected 100..86400000 (0.1 s to a day)");
      }
      return new NodeConfig(this);
    }

    private static void check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new ConfigException("invalid " + name + " " + value + ": expected " + min + ".." + max);
      }
    }
  }
}
