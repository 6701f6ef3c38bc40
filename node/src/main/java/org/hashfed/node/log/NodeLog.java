package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.base.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.config.WitnessTarget;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.peer.PeerClient;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519NoteVerifier;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.NoteVerifier;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.SignedRoster;

/**
 * The node's provenance log assembled: the log itself, its checkpoint signer (member key, origin
 * {@code <consortium>/hashfed/log/<member>}), the witness of peers' logs (its own key in
 * {@code witness.key} next to the store, since a witness key must not be a log key), the
 * witnessing rounds over the peer port, and the roster history: every version the roster book
 * adopted, each also a leaf of the log.
 */
public final class NodeLog {

  private static final Logger LOG = Logger.getLogger(NodeLog.class.getName());
  /** Payload type of the envelope in which a node logs equivocation evidence. */
  public static final String EVIDENCE_PAYLOAD_TYPE = "application/vnd.hashfed.evidence.v1+json";
  /** A checkpoint is signed at least this often when the log grew. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  /** A checkpoint is also signed as soon as this many leaves arrived since the last one. */
  public static final long CHECKPOINT_BURST = 1000;

  private final Store store;
  private final ProvenanceLog provenance;
  private final CheckpointSigner checkpoints;
  private final WitnessService witness;
  private final RosterBook roster;
  private final String consortium;
  private final Metrics metrics;
  private final Ed25519PrivateKey memberKey;
  private final AtomicBoolean signingQueued = new AtomicBoolean();
  private volatile Object ledgerLock;
  private WitnessRounds rounds;
  private WitnessSubmissions submissions;
  private org.hashfed.node.metrics.Counter addCheckpoints;
  private Vertx vertx;
  private long timer = -1;

  private NodeLog(Store store, ProvenanceLog provenance, CheckpointSigner checkpoints, WitnessService witness,
      RosterBook roster, String consortium, Metrics metrics, Ed25519PrivateKey memberKey) {
    this.store = store;
    this.provenance = provenance;
    this.checkpoints = checkpoints;
    this.witness = witness;
    this.roster = roster;
    this.consortium = consortium;
    this.metrics = metrics;
    this.memberKey = memberKey;
  }

  /**
   * Opens the log in {@code store} with the member key of {@code config} and the roster versions
   * of {@code roster}, creating the witness key on first start; blocking.
   *
   * @throws NodeStartException when a key file cannot be read or written
   */
  public static NodeLog open(NodeConfig config, Store store, Clock clock, RosterBook roster, Metrics metrics) {
    String consortium = roster.all().get(0).roster().consortium();
    String origin = Checkpoint.hashfedOrigin(consortium, config.member());
    Ed25519PrivateKey memberKey = readKey(config.memberKeyFile(), false);
    Ed25519PrivateKey witnessKey = readKey(config.dataDir().resolve("witness.key"), true);
    ProvenanceLog provenance = ProvenanceLog.open(store);
    CheckpointSigner checkpoints = CheckpointSigner.open(provenance, store,
        Ed25519NoteSigner.create(origin, Ed25519RawSigner.of(memberKey)));
    CosignatureSigner cosigner = CosignatureSigner.create(witnessName(consortium, config.member()),
        Ed25519RawSigner.of(witnessKey), clock);
    NodeLog[] self = new NodeLog[1];
    WitnessService witness = WitnessService.create(store, cosigner, o -> self[0].logKey(o), clock);
    self[0] = new NodeLog(store, provenance, checkpoints, witness, roster, consortium, metrics, memberKey);
    roster.onAdopt(v -> self[0].rosterAdopted());
    self[0].registerMetrics();
    return self[0];
  }

  private static Ed25519PrivateKey readKey(Path file, boolean createIfMissing) {
    try {
      if (createIfMissing && !Files.exists(file)) {
        KeyFiles.writePrivateKey(file, Ed25519PrivateKey.generate(new SecureRandom()));
        LOG.info(() -> "first start: created witness key " + file);
      }
      return KeyFiles.readPrivateKey(file);
    } catch (IOException e) {
      throw new NodeStartException("cannot read key file " + file + " for the provenance log: " + e.getMessage(), e);
    }
  }

  /**
   * Signs a checkpoint every {@link #CHECKPOINT_INTERVAL} and after every {@link #CHECKPOINT_BURST}
   * leaves, on {@code worker}.
   */
  public void startSigning(Vertx vertx, WorkerExecutor worker) {
    this.vertx = vertx;
    provenance.onGrowth(size -> {
      if (size - checkpoints.latestSize() >= CHECKPOINT_BURST && signingQueued.compareAndSet(false, true)) {
        sign(worker);
      }
    });
    timer = vertx.setPeriodic(0, CHECKPOINT_INTERVAL.toMillis(), id -> {
      if (signingQueued.compareAndSet(false, true)) {
        sign(worker);
      }
    });
  }

  private void sign(WorkerExecutor worker) {
    worker.executeBlocking(checkpoints::signLatest, false)
        .onComplete(r -> signingQueued.set(false))
        .onFailure(e -> LOG.log(Level.SEVERE, "signing a checkpoint failed", e));
  }

  /** Stops the signing timer and the witnessing rounds, ending the requests they have in flight. */
  public void stopSigning() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (rounds != null) {
      rounds.stop();
    }
    if (submissions != null) {
      submissions.stop();
    }
  }

  /**
   * Witnesses every active peer of the current roster every {@code period}, reaching each through
   * {@code clients} (the peer port's clients, whose requests time out after {@code timeout}; empty
   * for a peer not callable now); the store work runs on {@code worker}.
   */
  public void startWitnessing(Vertx vertx, WorkerExecutor worker, Duration period, Duration timeout, MemberId self,
      Function<MemberId, Optional<PeerClient>> clients) {
    rounds = new WitnessRounds(vertx, worker, witness, () -> roster.current().roster().activeMembers().stream()
        .map(MemberRecord::id).filter(m -> !m.equals(self)).toList(), clients,
        metrics.counter("hashfed_log_witness_rounds_total", "Peer logs witnessed, by outcome.", "outcome"), timeout);
    rounds.start(period);
  }

  /**
   * Submits the latest checkpoint to the C2SP tlog-witnesses in {@code witnesses} every
   * {@code period}, each request bounded by {@code timeout}; a witness that is a roster member is
   * reached through {@code clients} (the peer port's clients); the store work runs on {@code worker}.
   */
  public void startSubmitting(Vertx vertx, WorkerExecutor worker, Duration period, Duration timeout,
      List<WitnessTarget> witnesses, Function<MemberId, Optional<PeerClient>> clients) {
    submissions = new WitnessSubmissions(vertx, worker, checkpoints, provenance,
        witnesses.stream().map(w -> WitnessSubmissions.target(w, vertx, timeout, clients)).toList(),
        metrics.counter("hashfed_log_witness_submissions_total",
            "Checkpoint submissions to C2SP witnesses (log.witnesses), by outcome.", "outcome"), timeout);
    submissions.start(period);
  }

  /**
   * Submits the latest checkpoint to the configured witnesses now; completes with an outcome per
   * witness, empty before {@link #startSubmitting}.
   */
  public Future<List<WitnessOutcome>> submitToWitnessesNow() {
    return submissions == null ? Future.succeededFuture(List.of()) : submissions.round();
  }

  /** Runs one witnessing round now; completes with an outcome per peer, empty before {@link #startWitnessing}. */
  public Future<List<WitnessOutcome>> witnessPeersNow() {
    return rounds == null ? Future.succeededFuture(List.of()) : rounds.round();
  }

  /**
   * The log's routes for the peer port; {@code caller} names the authenticated member of a request.
   * Blocking work runs on {@code worker}.
   */
  public Consumer<io.vertx.ext.web.Router> peerRoutes(WorkerExecutor worker,
      Function<io.vertx.ext.web.RoutingContext, MemberId> caller) {
    return new LogPeerRoutes(this, worker, caller)::mount;
  }

  /** The witness key name of {@code member} in this consortium: {@code witness.<consortium>/<member>}. */
  public String witnessName(MemberId member) {
    return witnessName(consortium, member.value());
  }

  private static String witnessName(String consortium, String member) {
    return "witness." + consortium + "/" + member;
  }

  /** Whether {@code publicKey} is a member key (a log key) in any roster version. */
  boolean isLogKey(byte[] publicKey) {
    for (SignedRoster v : roster.all()) {
      for (MemberRecord m : v.roster().members()) {
        if (java.util.Arrays.equals(m.key().bytes(), publicKey)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Appends every adopted roster version not yet in the log as a leaf, and from now on each newly
   * adopted one, serialised with the ledger's writes by {@code ledgerLock} (the monitor every
   * ledger write holds, {@code Ledger.writeLock()}). Blocking; call once the ledger is open.
   */
  public void logRosters(Object ledgerLock) {
    this.ledgerLock = ledgerLock;
    appendNewRosters();
  }

  private void rosterAdopted() {
    if (ledgerLock != null) {
      appendNewRosters();
    }
  }

  private void appendNewRosters() {
    synchronized (ledgerLock) {
      List<byte[]> envelopes = new ArrayList<>();
      StoreWrite marks = StoreWrite.create();
      long next = provenance.size();
      for (SignedRoster v : roster.all()) {
        byte[] key = LogKeys.roster(v.roster().version());
        if (store.log(key).isEmpty()) {
          envelopes.add(v.envelope().toJson());
          marks.putLog(key, LogKeys.number(next + envelopes.size() - 1));
        }
      }
      if (!envelopes.isEmpty()) {
        long first = provenance.appendDocuments(envelopes, marks);
        LOG.info(() -> "provenance log: roster version(s) logged from leaf " + first + " (" + envelopes.size() + ")");
      }
    }
  }

  /**
   * Appends equivocation evidence as a leaf, once: a DSSE envelope of type {@link #EVIDENCE_PAYLOAD_TYPE}
   * whose payload is the evidence document (spec/sync.md section 3.4), signed with the member key
   * of the node that logged it. Does nothing before {@link #logRosters} (the caller logs what was
   * recorded meanwhile then). Blocking; serialised with the ledger's writes.
   */
  public void logEvidence(EquivocationEvidence evidence) {
    Object lock = ledgerLock;
    if (lock == null) {
      return;
    }
    byte[] key = LogKeys.equivocation(evidence.member().value(), evidence.seq());
    byte[] envelope;
    try {
      envelope = Envelope.sign(EVIDENCE_PAYLOAD_TYPE, evidence.toJson(), memberKey).toJson();
    } catch (IllegalArgumentException e) {
      LOG.warning(() -> "evidence " + evidence.member() + "/" + evidence.seq() + " is not logged: " + e.getMessage());
      return;
    }
    synchronized (lock) {
      if (store.log(key).isEmpty()) {
        long index = provenance.size();
        provenance.appendDocuments(List.of(envelope), StoreWrite.create().putLog(key, LogKeys.number(index)));
        LOG.info(() -> "provenance log: equivocation evidence " + evidence.member() + "/" + evidence.seq()
            + " logged at leaf " + index);
      }
    }
  }

  /** The leaf index holding the equivocation evidence of {@code member} at {@code seq}, if logged. */
  public Optional<Long> evidenceLeaf(MemberId member, long seq) {
    return store.log(LogKeys.equivocation(member.value(), seq)).map(LogKeys::number);
  }

  /** The leaf index holding roster {@code version}, if logged. */
  public Optional<Long> rosterLeaf(long version) {
    return store.log(LogKeys.roster(version)).map(LogKeys::number);
  }

  /** Counts an {@code add-checkpoint} answer of this node's witness by its HTTP status. */
  void countAddCheckpoint(int status) {
    addCheckpoints.inc(Integer.toString(status));
  }

  private void registerMetrics() {
    addCheckpoints = metrics.counter("hashfed_log_witness_add_checkpoint_total",
        "C2SP add-checkpoint requests this node's witness answered, by HTTP status.", "status");
    metrics.gauge("hashfed_log_leaves", "Leaves in the provenance log.", () -> provenance.size());
    metrics.gauge("hashfed_log_checkpoint_cosignatures", "Witness cosignatures on the latest signed checkpoint.",
        () -> checkpoints.latest().map(c -> c.note().signatures().size() - 1).orElse(0));
    metrics.functionCounter("hashfed_log_split_views_total", "Split views (inconsistent checkpoints) recorded as a"
        + " witness, kept in the store.",
        witness::splitViewCount);
  }

  /** The log of entries and documents. */
  public ProvenanceLog provenance() {
    return provenance;
  }

  /** The checkpoint signer. */
  public CheckpointSigner checkpoints() {
    return checkpoints;
  }

  /** This node as a witness of its peers' logs. */
  public WitnessService witness() {
    return witness;
  }

  /** The roster versions to give auditors, version 1 first: every version the roster book adopted. */
  public List<Envelope> rosterHistory() {
    return roster.all().stream().map(SignedRoster::envelope).toList();
  }

  /**
   * Every logged entry about a signal: its submissions, in id order, each followed by the entries
   * that refer to it (retractions, opinions); blocking.
   */
  public List<LoggedDocument> aboutSignal(Signal signal) {
    return aboutSignal(signal.type(), signal.value());
  }

  /**
   * As {@link #aboutSignal(Signal)} by type and value alone: a vpdq signal is looked up by its value,
   * the digest of its frames, without them.
   */
  public List<LoggedDocument> aboutSignal(SignalType type, String value) {
    List<LoggedDocument> out = new ArrayList<>();
    for (byte[] submission : store.signalEntries(type.wireName(), value)) {
      add(out, submission);
      for (byte[] ref : store.refsTo(submission)) {
        add(out, ref);
      }
    }
    return out;
  }

  private void add(List<LoggedDocument> out, byte[] id) {
    provenance.indexOf(EntryId.parse(HexFormat.of().formatHex(id)))
        .filter(i -> i < provenance.size())
        .ifPresent(i -> out.add(new LoggedDocument(i, provenance.leaf(i))));
  }

  /** The note verifier of the log with {@code origin}: its member's roster key, if a member of this consortium. */
  public Optional<NoteVerifier> logKey(String origin) {
    String prefix = consortium + "/hashfed/log/";
    if (!origin.startsWith(prefix)) {
      return Optional.empty();
    }
    MemberId member;
    try {
      member = MemberId.parse(origin.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return roster.current().roster().memberKey(member).map(k -> Ed25519NoteVerifier.create(origin, k.bytes()));
  }
}
