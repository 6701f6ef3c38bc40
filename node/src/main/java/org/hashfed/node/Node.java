package org.hashfed.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.hashfed.node.api.ApiServer;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.auth.NewApiKey;
import org.hashfed.node.auth.Role;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.follow.ChangeRoutes;
import org.hashfed.node.follow.CopiedMeta;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.events.EventRecorder;
import org.hashfed.node.events.ExpirySweeper;
import org.hashfed.node.events.RetroHunter;
import org.hashfed.node.events.SignalExport;
import org.hashfed.node.watch.PendingChecks;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.node.webhooks.Webhooks;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.log.NodeLog;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.roster.RosterLoader;
import org.hashfed.node.store.Store;
import org.hashfed.node.sync.SyncEngine;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.crypto.SecretFiles;

/**
 * A running node: store, API keys, indexes and the HTTP API.
 *
 * <p>{@link #start} opens the store, creates the first admin key on first start, starts HTTP and
 * then rebuilds the in-memory indexes in the background; {@code /readyz} answers 200 only once
 * that is done. {@link #stop} closes everything in reverse order.
 */
public final class Node implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Node.class.getName());
  /** What an admin key file the node wrote earlier holds: one API key on one line. */
  private static final Pattern STALE_KEY = Pattern.compile(Pattern.quote(ApiKeys.PREFIX) + "[A-Za-z0-9_-]{1,200}\\R?");
  private static final int STALE_KEY_MAX_BYTES = 256;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EVENT_PRUNE_PERIOD = Duration.ofMinutes(10);
  private static final Duration EXPIRY_SWEEP_PERIOD = Duration.ofMinutes(1);
  private static final Duration WATCH_EXPIRY_PERIOD = Duration.ofMinutes(10);
  private static final Duration STORE_RESUME_PERIOD = Duration.ofSeconds(2);
  /** System property: milliseconds an event-loop task may run before Vert.x reports its thread blocked. */
  public static final String EVENT_LOOP_WARN_PROPERTY = "hashfed.event_loop_warn_ms";

  private final NodeConfig config;
  private final Store store;
  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final ApiServer api;
  private final NewApiKey firstAdminKey;
  private final AtomicReference<Ledger> ledger;
  private final NodeLog log;
  private final AtomicReference<NodeLog> readyLog;
  private Future<Ledger> rebuilt;
  private TrustService trust;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final SnapshotWriter snapshots = new SnapshotWriter();
  private final SyncEngine sync;
  private EventLog events;
  private Webhooks webhooks;
  private ExpirySweeper expiries;
  private RetroHunter retroHunter;

  private Node(NodeConfig config, Store store, Vertx vertx, WorkerExecutor worker, ApiServer api,
      NewApiKey firstAdminKey, AtomicReference<Ledger> ledger, NodeLog log, AtomicReference<NodeLog> readyLog,
      SyncEngine sync) {
    this.config = config;
    this.log = log;
    this.readyLog = readyLog;
    this.sync = sync;
    this.ledger = ledger;
    this.store = store;
    this.vertx = vertx;
    this.worker = worker;
    this.api = api;
    this.firstAdminKey = firstAdminKey;
  }

  /**
   * Starts a node and returns once HTTP is listening (readiness follows when the rebuild is done).
   *
   * @throws NodeStartException when the store, a key file or the port cannot be opened
   */
  public static Node start(NodeConfig config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts a node whose decisions in time (key and entry expiry, retention, backoff, timestamps of
   * entries and events) all read {@code clock}, so tests can move time instead of waiting for it.
   *
   * @throws NodeStartException when the store, a key file or the port cannot be opened
   */
  public static Node start(NodeConfig config, Clock clock) {
    if (config.follow().isPresent()) {
      throw new NodeStartException("the configuration has a follow: section: it is a read follower's, started with"
          + " Follower.start, not a member node's", null);
    }
    MemberIdentity identity = MemberIdentity.loadOrCreate(config.member(), config.memberKeyFile());
    TlsIdentity tls = TlsIdentity.loadOrCreate(config.dataDir(), config.member());
    Store store = Store.open(config.dataDir().resolve("store"));
    Vertx vertx = null;
    try {
      // before anything writes, so that the change log misses no commit
      if (config.followers().isEmpty()) {
        store.dropChangeLog();
      } else {
        store.keepChangeLog(new CopiedMeta());
      }
      RosterBook roster = RosterLoader.load(config, store, identity, tls.fingerprint(), clock);
      ApiKeys keys = ApiKeys.load(store, clock);
      NewApiKey firstAdmin = keys.size() == 0 ? bootstrapAdminKey(config, keys) : null;
      Metrics metrics = new Metrics();
      vertx = Vertx.vertx(vertxOptions(config));
      if (!vertx.isNativeTransportEnabled()) {
        Throwable why = vertx.unavailableNativeTransportCause();
        LOG.info(() -> "network transport: Java NIO (the native epoll transport is unavailable: " + why + ")");
      }
      WorkerExecutor worker = vertx.createSharedWorkerExecutor("hashfed-store", config.workerThreads());
      resumeWritesWhenSpaceReturns(vertx, worker, store, metrics);
      AtomicReference<Ledger> ledger = new AtomicReference<>();
      registerGauges(metrics, ledger);
      NodeLog log = NodeLog.open(config, store, clock, roster, metrics);
      AtomicReference<NodeLog> readyLog = new AtomicReference<>();
      TrustService trust = TrustService.open(store, identity.member(), config.trust(), clock, metrics);
      EventLog events = EventLog.open(store, vertx, clock, config.eventRetention());
      AtomicReference<Catalog> catalog = new AtomicReference<>();
      AtomicReference<Watchlist> watch = new AtomicReference<>();
      metrics.gauge("hashfed_watch_items", "Items recorded with POST /v1/watch and still in the window.",
          () -> watch.get() == null ? 0 : watch.get().size());
      metrics.gauge("hashfed_watch_video_frames", "Frame hashes of watched videos held (watch.max_video_frames).",
          () -> watch.get() == null ? 0 : watch.get().videoFrames());
      PendingChecks retroChecks = PendingChecks.open(store);
      EventRecorder recorder = new EventRecorder(trust, catalog::get, watch::get, retroChecks, clock);
      trust.onChange(recorder);
      ExpirySweeper expiries = new ExpirySweeper(store, catalog::get, trust::view, clock);
      Webhooks webhooks = Webhooks.start(vertx, worker, store, events, config.webhooks(), clock);
      SyncEngine sync = SyncEngine.create(vertx, worker, config, store, roster, tls, identity.member(), ledger::get,
          metrics, clock);
      sync.addPeerRoutes(log.peerRoutes(worker, SyncEngine::caller));
      if (!config.followers().isEmpty()) {
        metrics.gauge("hashfed_change_log_first", "The oldest change the change log for read followers keeps.",
            store::firstChangeSeq);
        metrics.gauge("hashfed_change_log_last", "The newest change of the change log for read followers.",
            store::lastChangeSeq);
        sync.addFollowerRoutes(config.followers(),
            new ChangeRoutes(vertx, worker, store, java.util.Set.copyOf(config.followers()), config.changeRetention(),
                clock)::mount);
      }
      sync.onEvidence(e -> worker.executeBlocking(() -> {
        log.logEvidence(e);
        return null;
      }, false).onFailure(ex -> LOG.log(Level.SEVERE, "logging equivocation evidence failed", ex)));
      ApiServer api = await(ApiServer.start(vertx, config,
          new ApiServer.Services(keys, metrics, ledger::get, store::writeFailure, worker, clock, trust, readyLog::get,
          sync, events,
          new SignalExport(store, ledger::get, trust, events, clock), webhooks, watch::get)));
      await(sync.start());
      Node node = new Node(config, store, vertx, worker, api, firstAdmin, ledger, log, readyLog, sync);
      node.trust = trust;
      node.events = events;
      node.webhooks = webhooks;
      node.expiries = expiries;
      // waits for the catalog and the watch list, then runs what a previous run left pending first
      node.retroHunter = RetroHunter.start(store, retroChecks, ledger::get, watch::get, events, clock);
      LOG.info(() -> "node " + config.member() + " listening on http://" + config.host() + ":" + api.port()
          + "; rebuilding indexes");
      // A replay of millions of entries takes minutes: on its own thread, not a pooled worker that
      // Vert.x would report blocked. Trust rebuilds from the ledger's replay (LedgerListener.replayed).
      node.rebuilt = Replayer.run("hashfed-replay", () -> {
        log.provenance().backfill();
        watch.set(Watchlist.open(store, clock, config.watchWindow(), config.watchMaxItems(),
            config.watchMaxVideoFrames()));
        Ledger opened = Ledger.open(store, identity, config.minPdqQuality(), clock,
            List.of(trust, log.provenance(), sync, recorder), sync.ownFeed());
        catalog.set(opened.catalog());
        trust.ledgerOpened(opened.writeLock());
        log.logRosters(opened.writeLock());
        sync.evidence().values().forEach(log::logEvidence);
        return opened;
      })
          .onSuccess(l -> {
            readyLog.set(log);
            log.startSigning(node.vertx, worker);
            ledger.set(l);
            log.startWitnessing(node.vertx, worker, config.witnessPeriod(), config.sync().timeout(), identity.member(),
                sync::client);
            log.startSubmitting(node.vertx, worker, config.witnessPeriod(), config.sync().timeout(),
                config.witnesses(), sync::client);
            node.vertx.setPeriodic(EVENT_PRUNE_PERIOD.toMillis(), id -> worker.executeBlocking(events::prune, false)
                .onFailure(e -> LOG.log(Level.WARNING, "pruning the event log failed", e)));
            worker.executeBlocking(expiries::sweep, false);
            node.snapshots.start(node.vertx, l, config.snapshotInterval());
            node.vertx.setPeriodic(WATCH_EXPIRY_PERIOD.toMillis(), id -> worker.executeBlocking(watch.get()::expire, false)
                .onFailure(e -> LOG.log(Level.WARNING, "expiring watched items failed", e)));
            node.vertx.setPeriodic(EXPIRY_SWEEP_PERIOD.toMillis(), id -> worker.executeBlocking(expiries::sweep, false)
                .onFailure(e -> LOG.log(Level.WARNING, "writing the events of expired signals failed", e)));
            LOG.info(() -> "node " + config.member() + " ready");
          })
          .onFailure(e -> LOG.log(Level.SEVERE, "rebuilding the indexes failed; the node stays not ready", e));
      return node;
    } catch (RuntimeException e) {
      if (vertx != null) {
        awaitQuietly(vertx.close());
      }
      store.close();
      throw e;
    }
  }

  /**
   * The Vert.x options of a node: its worker pool and, when the system property
   * {@value #EVENT_LOOP_WARN_PROPERTY} is set, how long an event-loop task may run before Vert.x
   * reports the thread blocked, with its stack (2 s by default; the test suite sets it low and
   * fails a test whose event loop is then seen waiting or in I/O).
   */
  static VertxOptions vertxOptions(NodeConfig config) {
    VertxOptions options = new VertxOptions().setWorkerPoolSize(config.workerThreads()).setPreferNativeTransport(true);
    String raw = System.getProperty(EVENT_LOOP_WARN_PROPERTY);
    if (raw == null) {
      return options;
    }
    long ms;
    try {
      ms = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      ms = -1;
    }
    if (ms < 10 || ms > 60_000) {
      throw new NodeStartException("invalid system property " + EVENT_LOOP_WARN_PROPERTY + "=\"" + raw
          + "\": expected milliseconds from 10 to 60000", null);
    }
    // every report carries the thread's stack, by which the tests' guard tells waiting from starving
    return options.setMaxEventLoopExecuteTime(ms).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(ms).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(Math.max(10, ms / 4)).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
  }

  // RocksDB keeps a write error for good: while writes fail for want of space, the store is asked
  // every few seconds to resume them, so that they come back with the space and not only with a
  // write that happens to be attempted.
  private static void resumeWritesWhenSpaceReturns(Vertx vertx, WorkerExecutor worker, Store store, Metrics metrics) {
    metrics.gauge("hashfed_store_writes_failing", "1 while writes fail because the store's disk is full.",
        () -> store.writeFailure().isPresent() ? 1 : 0);
    vertx.setPeriodic(STORE_RESUME_PERIOD.toMillis(), id -> {
      if (store.writeFailure().isPresent()) {
        worker.executeBlocking(store::resumeWrites, false)
            .onFailure(e -> LOG.log(Level.WARNING, "resuming writes after a full disk failed", e));
      }
    });
  }

  private static void registerGauges(Metrics metrics, AtomicReference<Ledger> ledger) {
    metrics.gauge("hashfed_ready", "1 once the node has rebuilt its indexes.", () -> ledger.get() == null ? 0 : 1);
    metrics.gauge("hashfed_index_signals", "Matchable signals in the in-memory indexes, by type.", "type", () -> {
      Map<String, Integer> out = new TreeMap<>();
      Ledger l = ledger.get();
      if (l != null) {
        l.catalog().sizeByType().forEach((t, n) -> out.put(t.wireName(), n));
      }
      return out;
    });
    metrics.gauge("hashfed_entries", "Entries stored, by member (the member's feed head).", "member", () -> {
      Ledger l = ledger.get();
      return l == null ? Map.of() : new TreeMap<>(l.entriesByMember());
    });
  }

  private static NewApiKey bootstrapAdminKey(NodeConfig config, ApiKeys keys) {
    NewApiKey k = keys.generate(Role.ADMIN);
    Path file = config.adminKeyFile();
    byte[] content = (k.secret() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (holdsStaleApiKey(file)) {
        // The key store is empty, so the API key in the file is one no node accepts any more (left
        // when the store was deleted or by an interrupted first start): replacing it loses nothing.
        SecretFiles.replace(file, content);
      } else {
        SecretFiles.create(file, content);
      }
    } catch (FileAlreadyExistsException e) {
      throw new NodeStartException("the admin key file " + file + " already exists and does not hold an API key:"
          + " this node writes its first admin key there; move the file or set keys.admin_key to another path", e);
    } catch (IOException e) {
      throw new NodeStartException("cannot write the admin key file " + file + ": " + e.getMessage(), e);
    }
    keys.register(k, "first admin key");
    LOG.info(() -> "first start: created admin API key id=" + k.id() + " in " + file);
    return k;
  }

  private static boolean holdsStaleApiKey(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > STALE_KEY_MAX_BYTES) {
      return false;
    }
    return STALE_KEY.matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).matches();
  }

  /** The port the API listens on. */
  public int port() {
    return api.port();
  }

  /** The port the peer server (mutual TLS) listens on. */
  public int peerPort() {
    return sync.peerPort();
  }

  /** Federation: peers, evidence, roster. */
  public SyncEngine sync() {
    return sync;
  }

  /** The configuration the node runs with. */
  public NodeConfig config() {
    return config;
  }

  /** Whether the indexes are rebuilt and the node answers {@code /readyz} with 200. */
  public boolean isReady() {
    return ledger.get() != null;
  }

  /**
   * Waits until the indexes are rebuilt.
   *
   * @throws NodeStartException when the rebuild failed or did not finish in time
   */
  public void awaitReady(Duration timeout) {
    try {
      rebuilt.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new NodeStartException("rebuilding the indexes failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new NodeStartException("indexes not rebuilt within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartException("interrupted while waiting for readiness", e);
    }
  }

  /** The ledger of entries, once ready. */
  public Optional<Ledger> ledger() {
    return Optional.ofNullable(ledger.get());
  }

  /** The provenance log, once ready. */
  public Optional<NodeLog> log() {
    return Optional.ofNullable(readyLog.get());
  }

  /** This node's trust policy and match judgements. */
  public TrustService trust() {
    return trust;
  }

  /** The event log behind the updates feed. */
  public EventLog events() {
    return events;
  }

  /** Writes the events of expired signals (every minute; tests call it directly). */
  public ExpirySweeper expiries() {
    return expiries;
  }

  /** Runs the retro-hunt checks that changes queue, after they commit (tests pause it to leave checks pending). */
  public RetroHunter retroHunter() {
    return retroHunter;
  }

  /** The worker pool of store, matching and hashing work; tests in this package fill it to hold requests in flight. */
  WorkerExecutor worker() {
    return worker;
  }

  /** The admin key created on this start, when this was the first start; shown once. */
  public Optional<NewApiKey> firstAdminKey() {
    return Optional.ofNullable(firstAdminKey);
  }

  /** Stops HTTP, waits for in-flight work, closes the store; idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    awaitQuietly(sync.stop());
    awaitQuietly(api.close());
    awaitQuietly(webhooks.close());
    awaitQuietly(rebuilt);
    retroHunter.close();
    log.stopSigning();
    awaitQuietly(worker.close());
    // every write has finished: the final snapshot covers all of them
    snapshots.stop(vertx);
    awaitQuietly(vertx.close());
    store.close();
    LOG.info(() -> "node " + config.member() + " stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new NodeStartException("node failed to start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new NodeStartException("node did not start within " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartException("interrupted while starting", e);
    }
  }

  private static void awaitQuietly(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warning(() -> "while stopping: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
