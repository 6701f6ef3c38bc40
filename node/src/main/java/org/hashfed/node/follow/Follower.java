package org.hashfed.node.follow;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.api.ApiServer;
import org.hashfed.node.auth.ApiKeys;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.ReplayRecord;
import org.hashfed.node.events.EventLog;
import org.hashfed.node.events.SignalExport;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;
import org.hashfed.node.trust.TrustService;
import org.hashfed.protocol.entry.MemberId;

/**
 * A read follower: a process that holds no member key, copies one node's store through its
 * change log on the peer port (mutual TLS, the follower's certificate listed in the leader's
 * {@code followers:}), and serves the platform API's reads from that copy as its leader would:
 * the same entries, statuses, trust decisions, events (with the same cursors) and API keys.
 * Writes and admin routes are redirected to the leader (307).
 *
 * <p>{@link #start} copies what the leader has before it listens, so a follower that answers
 * serves a recent copy; a follower the leader cannot be reached from at start serves the copy it
 * has, if any, and catches up once the leader answers.
 */
public final class Follower implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Follower.class.getName());
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EVENT_PRUNE_PERIOD = Duration.ofMinutes(10);

  private final NodeConfig config;
  private final Store store;
  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Replicator replicator;
  private final ApiServer api;
  private final Ledger ledger;
  private final TlsIdentity tls;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private Follower(NodeConfig config, Store store, Vertx vertx, WorkerExecutor worker, Replicator replicator,
      ApiServer api, Ledger ledger, TlsIdentity tls) {
    this.config = config;
    this.store = store;
    this.vertx = vertx;
    this.worker = worker;
    this.replicator = replicator;
    this.api = api;
    this.ledger = ledger;
    this.tls = tls;
  }

  /**
   * Starts a follower of the node {@code config.follow()} names and returns once it has copied
   * the leader's store and its API listens.
   *
   * @throws NodeStartException when the configuration has no {@code follow:} section, the store
   *     or the port cannot be opened, or a first copy is impossible because the leader refuses or
   *     cannot be reached
   */
  public static Follower start(NodeConfig config, Clock clock) {
    FollowOptions follow = config.follow().orElseThrow(() -> new NodeStartException(
        "a follower needs a follow: section (leader_peer_url, leader_fingerprint, leader_api_url)", null));
    TlsIdentity tls = TlsIdentity.loadOrCreate(config.dataDir(), config.member());
    LOG.info(() -> "follower certificate " + tls.fingerprint() + ": list it under followers: in the config of the"
        + " leader " + follow.leaderPeerUrl());
    Path dir = config.dataDir().resolve("store");
    // as the node's: Netty's epoll transport on Linux, Java NIO elsewhere
    Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(config.workerThreads())
        .setPreferNativeTransport(true));
    Store store = null;
    try {
      WorkerExecutor worker = vertx.createSharedWorkerExecutor("hashfed-store", config.workerThreads());
      PeerClient client = PeerClient.create(vertx, tls, follow.leaderPeerUrl(), follow.leaderFingerprint(),
          fp -> true, Replicator.CLIENT_TIMEOUT, Replicator.MAX_ANSWER_BYTES);
      store = Store.open(dir);
      if (store.followPosition().isEmpty()) {
        // nothing, or a copy that did not finish: what it holds may lack later deletes, so start afresh
        store.close();
        deleteTree(dir);
        store = Store.open(dir);
      }
      Replicator replicator = new Replicator(vertx, worker, client, store, CopiedEntries.open(store), clock);
      try {
        join(replicator.catchUp());
      } catch (Replicator.CopyAgainException e) {
        LOG.warning(() -> "the leader's change log is not the one this copy follows (" + e.getMessage()
            + "): deleting the copy and copying the store again");
        store.close();
        deleteTree(dir);
        store = Store.open(dir);
        replicator = new Replicator(vertx, worker, client, store, CopiedEntries.open(store), clock);
        try {
          join(replicator.catchUp());
        } catch (RuntimeException again) {
          throw copyFailed(follow, again);
        }
      } catch (RuntimeException e) {
        if (store.followPosition().isEmpty()) {
          throw copyFailed(follow, e);
        }
        long held = store.followPosition().get().seq();
        String why = e instanceof CopiedEntries.RefusedException ? "serves what its members never signed"
            : "does not answer";
        LOG.warning(() -> "the leader " + follow.leaderPeerUrl() + " " + why + " (" + e.getMessage()
            + "): serving the copy held, change " + held + ", until it does not");
      }
      return open(config, clock, store, vertx, worker, replicator, tls);
    } catch (RuntimeException e) {
      await(vertx.close());
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  // Nothing of a refused copy is held: the follower cannot serve, so it does not start.
  private static NodeStartException copyFailed(FollowOptions follow, RuntimeException e) {
    return new NodeStartException("cannot copy the store of the leader " + follow.leaderPeerUrl() + ": "
        + e.getMessage(), e);
  }

  private static Follower open(NodeConfig config, Clock clock, Store store, Vertx vertx, WorkerExecutor worker,
      Replicator replicator, TlsIdentity tls) {
    MemberId member = MemberId.parse(config.member());
    Metrics metrics = new Metrics();
    ApiKeys keys = ApiKeys.load(store, clock);
    TrustService trust = TrustService.open(store, member, config.trust(), clock, metrics);
    EventLog events = EventLog.open(store, vertx, clock, config.eventRetention());
    Ledger ledger = Ledger.openCopy(store, member, clock, List.of(trust));
    metrics.gauge("hashfed_ready", "1 once the node has rebuilt its indexes.", () -> 1);
    metrics.gauge("hashfed_follow_position", "The last change of the leader's change log this follower applied.",
        () -> replicator.position().seq());
    metrics.gauge("hashfed_follow_behind", "Changes the leader had that this follower did not, at its last answer.",
        replicator::behind);
    metrics.gauge("hashfed_follow_stopped", "1 when following stopped because the leader's change log was started"
        + " again or memory could not take a change (restart the follower).", () -> replicator.broken() == null ? 0 : 1);
    replicator.follow(change -> refresh(change, ledger, keys, trust));
    ApiServer api = await(ApiServer.start(vertx, config,
        new ApiServer.Services(keys, metrics, () -> ledger, store::writeFailure, worker, clock, trust, () -> null,
            null, events, new SignalExport(store, () -> ledger, trust, events, clock), null, () -> null),
        new ReadinessGate(() -> replicator.notReady(config.follow().orElseThrow().maxLag()),
            new WriteRedirect(config.follow().orElseThrow().leaderApiUrl()))));
    vertx.setPeriodic(EVENT_PRUNE_PERIOD.toMillis(), id -> worker.executeBlocking(events::prune, false)
        .onFailure(e -> LOG.log(Level.WARNING, "pruning the event log failed", e)));
    LOG.info(() -> "follower of " + config.follow().orElseThrow() + " listening on http://" + config.host() + ":"
        + api.port() + " at change " + replicator.position().seq());
    return new Follower(config, store, vertx, worker, replicator, api, ledger, tls);
  }

  // What a change alters in memory: the catalog and feed heads (from the replay records it
  // brings), the API keys, the trust policy. The rest is read from the store on each request.
  private static void refresh(Change change, Ledger ledger, ApiKeys keys, TrustService trust) {
    List<ReplayRecord> records = new ArrayList<>();
    boolean keysChanged = false;
    boolean trustChanged = false;
    for (Change.Op op : change.ops()) {
      if (op.family().equals("replay") && op.value().isPresent()) {
        records.add(Ledger.decodeCopied(op.feedMember(), op.feedSeq(), op.value().get()));
      } else if (op.family().equals("meta")) {
        keysChanged |= CopiedMeta.isApiKey(op.metaKey());
        trustChanged |= CopiedMeta.isTrust(op.metaKey());
      }
    }
    if (!records.isEmpty()) {
      ledger.applyCopied(records);
    }
    if (keysChanged) {
      keys.reload();
    }
    if (trustChanged) {
      trust.reload();
    }
  }

  /** The port the platform API listens on. */
  public int port() {
    return api.port();
  }

  /** This follower's ledger: the leader's entries as copied. */
  public Ledger ledger() {
    return ledger;
  }

  /** The last change of the leader's change log applied here. */
  public Change.Position position() {
    return replicator.position();
  }

  /** Why this follower answers {@code /readyz} with 503, if it does. */
  public java.util.Optional<String> notReady() {
    return replicator.notReady(config.follow().orElseThrow().maxLag());
  }

  /** The certificate this follower presents to its leader, to list under the leader's {@code followers:}. */
  public TlsIdentity tls() {
    return tls;
  }

  /** The configuration the follower runs with. */
  public NodeConfig config() {
    return config;
  }

  /** Stops following and serving, closes the store; idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    replicator.stop();
    await(api.close());
    await(worker.close());
    await(vertx.close());
    store.close();
    LOG.info(() -> "follower of " + config.member() + " stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old copy " + dir + ": " + e.getMessage(), e);
    }
  }

  // The first copy of a large store takes as long as it takes: no deadline.
  private static <T> T join(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartException("interrupted while copying the leader's store", e);
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new NodeStartException("follower failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new NodeStartException("follower did not start or stop within " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartException("interrupted while starting", e);
    }
  }
}
