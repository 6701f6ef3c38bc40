package org.hashfed.node.sync;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.entries.OwnFeedGate;
import org.hashfed.node.entries.LedgerListener;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.peer.PeerServer;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.SignedRoster;
import org.hashfed.protocol.roster.TlsFingerprint;

/**
 * Federation in the node: the peer server, push on every accepted entry, periodic anti-entropy,
 * equivocation evidence and roster gossip (spec/sync.md). Register it as a {@link LedgerListener}.
 */
public final class SyncEngine implements LedgerListener {

  private static final Logger LOG = Logger.getLogger(SyncEngine.class.getName());
  /** How often a node whose own feed is not yet confirmed retries a head exchange. */
  private static final long OWN_FEED_RETRY_MS = 500;
  /** How often peers' reachability is checked for peer.unreachable and peer.recovered events. */
  private static final long WATCH_PERIOD_MS = 1000;

  /** One peer as the admin API shows it. */
  public record PeerView(String member, boolean active, boolean blocked, int score, int failures, long retryAtMillis,
      long entriesReceived, long entriesSent, long rejects, long lag, long lastContactMillis) {}

  /** Counts for metrics and benchmarks. */
  public record Stats(long received, long duplicates, int pending, int evidence) {}

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor worker;
  private final NodeConfig config;
  private final TlsIdentity tls;
  private final RosterBook book;
  private final MemberId self;
  private final Peers peers;
  private final EvidenceBook evidence;
  private final Intake intake;
  private final Pusher pusher;
  private final AntiEntropy antiEntropy;
  private final PeerRoutes routes;
  private final LinkKeeper links;
  private final List<Consumer<SignedEntry>> acceptedListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<io.vertx.ext.web.Router>> routeExtensions = new CopyOnWriteArrayList<>();
  private final List<Consumer<io.vertx.ext.web.Router>> followerRoutes = new CopyOnWriteArrayList<>();
  private final java.util.Set<TlsFingerprint> followerPins = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Counter evidenceRelayed;
  private final OwnFeedGate ownFeed;
  private volatile PeerServer server;
  private long timer = -1;
  private long ownFeedTimer = -1;
  private long watchTimer = -1;
  private final PeerWatch watch;

  private SyncEngine(Vertx vertx, WorkerExecutor worker, NodeConfig config, Store store, RosterBook book,
      TlsIdentity tls, MemberId self, Supplier<Ledger> ledger, Metrics metrics, Clock clock) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.worker = worker;
    this.config = config;
    this.tls = tls;
    this.book = book;
    this.self = self;
    SyncOptions options = config.sync();
    this.ownFeed = book.current().roster().activeMembers().stream().anyMatch(m -> !m.id().equals(self))
        ? OwnFeedGate.closed() : OwnFeedGate.opened();
    this.peers = new Peers(vertx, tls, book, self, options, clock);
    this.evidence = EvidenceBook.load(store, book, clock);
    this.pusher = new Pusher(context, peers, self, options);
    this.intake = new Intake(ledger, store, book, evidence,
        new Pending(options.pendingPerMember(), options.pendingTotal()), worker, pusher::accepted);
    this.antiEntropy = new AntiEntropy(context, worker, peers, intake, evidence, book, ledger, self, options,
        this::relayEvidence, this::receiveRosterVersions, ownFeed);
    this.routes = new PeerRoutes(vertx, context, worker, options, store, book, peers, intake, evidence, antiEntropy,
        ledger, self, this);
    this.links = new LinkKeeper(vertx, context, peers);
    this.evidenceRelayed = metrics.counter("hashfed_sync_evidence_relayed_total",
        "Equivocation evidence documents sent to peers.");
    this.watch = new PeerWatch(store, worker, this::peers, clock);
    registerMetrics(metrics);
    book.onAdopt(this::adopted);
  }

  /**
   * An engine for this node; blocking (loads stored evidence). Call {@link #start} to open the peer
   * port. {@code clock} times peer backoff and dates evidence and peer events.
   */
  public static SyncEngine create(Vertx vertx, WorkerExecutor worker, NodeConfig config, Store store,
      RosterBook book, TlsIdentity tls, MemberId self, Supplier<Ledger> ledger, Metrics metrics, Clock clock) {
    return new SyncEngine(vertx, worker, config, store, book, tls, self, ledger, metrics, clock);
  }

  /**
   * The gate holding this member's new entries until a peer confirms this node holds its whole
   * feed; give it to the ledger.
   */
  public OwnFeedGate ownFeed() {
    return ownFeed;
  }

  /** Opens the peer port and starts the anti-entropy timer. */
  public Future<SyncEngine> start() {
    return PeerServer.start(vertx, config.peerHost(), config.peerPort(), tls,
            fp -> peers.pinsActive(fp) || followerPins.contains(fp), routes.build(routeExtensions, followerRoutes),
            this::peerConnected)
        .map(s -> {
          server = s;
          timer = vertx.setPeriodic(config.sync().antiEntropy().toMillis(),
              id -> context.runOnContext(v -> antiEntropy.round()));
          links.start();
          watchTimer = vertx.setPeriodic(WATCH_PERIOD_MS, id -> context.runOnContext(v -> watch.tick()));
          context.runOnContext(v -> antiEntropy.round());
          if (!ownFeed.isOpen()) {
            // Submissions wait for the first good head exchange: do not leave them waiting a whole
            // anti-entropy period because the peers were not up yet when this node started.
            long retry = Math.min(OWN_FEED_RETRY_MS, config.sync().antiEntropy().toMillis());
            ownFeedTimer = vertx.setPeriodic(retry, id -> {
              if (ownFeed.isOpen()) {
                vertx.cancelTimer(id);
              } else {
                context.runOnContext(v -> antiEntropy.round());
              }
            });
          }
          LOG.info(() -> "peer port listening on https://" + config.peerHost() + ":" + s.port() + " (mutual TLS), "
              + peers.activeIds().size() + " peers, " + config.sync());
          return this;
        });
  }

  /**
   * A peer opened a connection to this node: it has just started, or its links to this node had
   * closed, so this node's links to it are likely closed as well; open them before a push needs them.
   */
  private void peerConnected(TlsFingerprint fp) {
    book.current().roster().memberByFingerprint(fp.hex()).ifPresent(m -> links.open(m.id()));
  }

  /** The connections peers opened to this node's peer port (none before {@link #start}). */
  public Optional<PeerServer.Connections> inboundConnections() {
    return Optional.ofNullable(server).map(PeerServer::connections);
  }

  /** The port the peer server listens on. */
  public int peerPort() {
    return server == null ? -1 : server.port();
  }

  /** Stops the timer, the peer server and the clients. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (ownFeedTimer >= 0) {
      vertx.cancelTimer(ownFeedTimer);
    }
    if (watchTimer >= 0) {
      vertx.cancelTimer(watchTimer);
    }
    links.stop();
    peers.close();
    return server == null ? Future.succeededFuture() : server.close();
  }

  @Override
  public void afterCommit(SignedEntry entry) {
    // Only this node's own entries are pushed from here, once durable: pushing one before it is
    // stored could, after a crash, let this node sign a different entry with the same seq. Entries
    // from peers are relayed by the intake as soon as they are validated.
    if (entry.entry().member().equals(self)) {
      pusher.accepted(entry, null);
    }
    for (Consumer<SignedEntry> l : acceptedListeners) {
      l.accept(entry);
    }
  }

  /** Calls {@code listener} on the storing thread after each entry is stored and matchable (benchmarks, tests). */
  public void onAccepted(Consumer<SignedEntry> listener) {
    acceptedListeners.add(listener);
  }

  /** The roster book. */
  public RosterBook roster() {
    return book;
  }

  /** Every known peer, sorted by member id. */
  public List<PeerView> peers() {
    List<PeerView> out = new ArrayList<>();
    for (PeerState s : peers.all()) {
      out.add(new PeerView(s.member().value(), book.current().roster().isActive(s.member()), s.isBlocked(), s.score(), s.failures(),
          s.retryAtMillis(), s.receivedCount(), s.sentCount(), s.rejectCount(), s.lagEntries(), s.lastContact()));
    }
    out.sort((a, b) -> a.member().compareTo(b.member()));
    return out;
  }

  /** Every equivocation this node holds evidence of, by {@code member/seq}. */
  public Map<String, EquivocationEvidence> evidence() {
    return evidence.all();
  }

  /** Members whose new entries are held after an equivocation. */
  public List<MemberId> heldMembers() {
    return evidence.heldMembers().stream().sorted().toList();
  }

  /** Accepts a held member's new entries again (the evidence stays); blocking. Returns false if it was not held. */
  public boolean release(MemberId member) {
    return evidence.release(member);
  }

  /** Counts for metrics and benchmarks. */
  public Stats stats() {
    return new Stats(intake.receivedCount(), intake.duplicateCount(), intake.pendingSize(), evidence.size());
  }

  /**
   * Adopts a roster version an operator gives (the next one, with quorum) and gossips it; blocking.
   *
   * @throws RosterVerificationException when it does not verify against the current version
   */
  public RosterBook.Adoption adoptRoster(Envelope candidate) throws RosterVerificationException {
    return book.adopt(candidate);
  }

  /** Adopts roster versions a peer sent ({@code {"versions":[...]}}), in order; blocking. Returns the current version. */
  long adoptVersions(Buffer body) throws RosterVerificationException, EnvelopeFormatException {
    for (byte[] json : PeerMessages.decodeEnvelopes(body, "versions", "roster message")) {
      book.adopt(Envelope.parse(json));
    }
    return book.current().roster().version();
  }

  private Future<Long> receiveRosterVersions(Buffer body) {
    return worker.executeBlocking(() -> adoptVersions(body), false)
        .onFailure(e -> LOG.warning(() -> "roster versions from a peer refused: " + e.getMessage()));
  }

  private void adopted(SignedRoster version) {
    peers.refresh();
    links.round();
    Buffer body = PeerMessages.encodeVersions(List.of(version.envelope().toJson()));
    // Members active before this version learn it too, so that a suspended node knows why peers refuse it.
    java.util.Set<MemberId> recipients = new java.util.TreeSet<>(peers.activeIds());
    List<SignedRoster> all = book.all();
    if (all.size() >= 2) {
      all.get(all.size() - 2).roster().activeMembers().forEach(r -> recipients.add(r.id()));
    }
    recipients.remove(self);
    context.runOnContext(v -> {
      for (MemberId m : recipients) {
        peers.get(m).filter(s -> s.client() != null).ifPresent(s -> s.client().post("/peer/v1/roster", body)
            .onFailure(e -> LOG.fine(() -> "roster push to " + m + " failed: " + e.getMessage())));
      }
    });
  }

  /** Sends new evidence to every active peer: equivocations are rare and every node must learn of them. */
  void relayEvidence(List<EquivocationEvidence> found) {
    if (found.isEmpty()) {
      return;
    }
    context.runOnContext(v -> {
      for (EquivocationEvidence e : found) {
        Buffer body = Buffer.buffer(e.toJson());
        for (MemberId m : peers.activeIds()) {
          peers.get(m).filter(s -> s.client() != null).ifPresent(s -> s.client().post("/peer/v1/evidence", body)
              .onSuccess(b -> evidenceRelayed.inc())
              .onFailure(ex -> LOG.fine(() -> "evidence relay to " + m + " failed: " + ex.getMessage())));
        }
      }
    });
  }

  private void registerMetrics(Metrics metrics) {
    metrics.functionCounter("hashfed_peer_entries_received_total", "Entries received from each peer (pushed or fetched)"
        + " since start.", "peer",
        () -> perPeer(s -> s.receivedCount()));
    metrics.functionCounter("hashfed_peer_entries_sent_total", "Entries pushed to each peer since start.", "peer",
        () -> perPeer(s -> s.sentCount()));
    metrics.functionCounter("hashfed_peer_rejects_total", "Invalid items received from each peer since start.", "peer",
        () -> perPeer(s -> s.rejectCount()));
    metrics.gauge("hashfed_peer_lag_entries", "Entries each peer lacked at the last head exchange.", "peer",
        () -> perPeer(s -> s.lagEntries()));
    metrics.gauge("hashfed_peer_last_contact_timestamp_seconds", "Unix time of the last successful contact with each peer.",
        "peer", () -> perPeer(s -> s.lastContact() / 1000));
    metrics.gauge("hashfed_peer_score", "Local score of each peer (drops for invalid data and failures).", "peer",
        () -> perPeer(s -> (long) s.score()));
    metrics.gauge("hashfed_peer_connections_open", "Connections peers hold open to this node's peer port.",
        () -> server == null ? 0 : server.connections().open());
    metrics.functionCounter("hashfed_peer_connections_accepted_total", "Connections peers opened to this node's peer port since"
        + " start, each one a mutual-TLS handshake.", () -> server == null ? 0 : server.connections().accepted());
    metrics.gauge("hashfed_sync_pending_entries", "Out-of-order entries waiting for their gap to fill.", intake::pendingSize);
    metrics.functionCounter("hashfed_sync_duplicates_total", "Entries received that this node already held, since start.",
        () -> intake.duplicateCount());
    metrics.gauge("hashfed_equivocations", "Equivocations this node holds evidence of.", evidence::size);
    metrics.gauge("hashfed_held_members", "Members whose new entries are held after an equivocation.",
        () -> evidence.heldMembers().size());
  }

  private Map<String, Long> perPeer(java.util.function.ToLongFunction<PeerState> f) {
    Map<String, Long> out = new TreeMap<>();
    for (PeerState s : peers.all()) {
      out.put(s.member().value(), f.applyAsLong(s));
    }
    return out;
  }

  /**
   * Blocks or unblocks a peer: while blocked, nothing is pushed to it or fetched from it, and its
   * requests get 403 (maintenance, a misbehaving peer, partition drills).
   *
   * @throws IllegalArgumentException when the member is not a peer of this node
   */
  public void block(MemberId member, boolean blocked) {
    peers.get(member).orElseThrow(() -> new IllegalArgumentException("member " + member
        + " is not a peer of this node: expected another member of the roster")).blocked(blocked);
  }

  /** Whether this node holds the member's new entries after an equivocation. */
  public boolean isHeld(MemberId member) {
    return evidence.isHeld(member);
  }

  /** The evidence under {@code member/seq}, if held. */
  public Optional<EquivocationEvidence> evidence(String key) {
    return evidence.get(key);
  }

  /**
   * Adds peer routes that authenticate read followers themselves: they run before the roster
   * check, and the certificates {@code pins} pass the TLS handshake though the roster lists none of
   * them. Call before {@link #start}.
   */
  public void addFollowerRoutes(java.util.Collection<TlsFingerprint> pins, Consumer<io.vertx.ext.web.Router> routes) {
    followerPins.addAll(pins);
    followerRoutes.add(routes);
  }

  /**
   * Adds routes to the peer port (before {@link #start}); they run after peer authentication, so
   * only active, unblocked roster members reach them, and {@link #caller} names the member.
   */
  public void addPeerRoutes(Consumer<io.vertx.ext.web.Router> routes) {
    routeExtensions.add(routes);
  }

  /** The member an authenticated request on the peer port comes from. */
  public static MemberId caller(io.vertx.ext.web.RoutingContext ctx) {
    return PeerRoutes.caller(ctx);
  }

  /** The client for an active peer this node may call now (not blocked by its operator), if any. */
  public Optional<org.hashfed.node.peer.PeerClient> client(MemberId member) {
    return peers.get(member).filter(s -> !s.isBlocked() && s.client() != null
        && book.current().roster().isActive(member)).map(PeerState::client);
  }

  /** Calls {@code listener} with each new equivocation evidence once stored, on the recording thread (keep it short). */
  public void onEvidence(Consumer<EquivocationEvidence> listener) {
    evidence.onRecord(listener);
  }
}
