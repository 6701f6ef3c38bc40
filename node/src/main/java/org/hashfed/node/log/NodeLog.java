package org.hashfed.node.log;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.NodeStartException;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519NoteVerifier;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.NoteVerifier;

/**
 * The node's provenance log assembled: the log itself, its checkpoint signer (member key, origin
 * {@code <consortium>/hashfed/log/<member>}), the witness of peers' logs (its own key in
 * {@code witness.key} next to the store, since a witness key must not be a log key) and the
 * roster history served to auditors.
 */
public final class NodeLog {

  private static final Logger LOG = Logger.getLogger(NodeLog.class.getName());
  /** Consortium part of the origin when the roster is the unsigned development roster. */
  public static final String DEV_CONSORTIUM = "hashfed.example";
  /** A checkpoint is signed at least this often when the log grew. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  /** A checkpoint is also signed as soon as this many leaves arrived since the last one. */
  public static final long CHECKPOINT_BURST = 1000;

  private final Store store;
  private final ProvenanceLog provenance;
  private final CheckpointSigner checkpoints;
  private final WitnessService witness;
  private final RosterFile roster;
  private final String consortium;
  private final AtomicBoolean signingQueued = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;

  private NodeLog(Store store, ProvenanceLog provenance, CheckpointSigner checkpoints, WitnessService witness, RosterFile roster,
      String consortium) {
    this.store = store;
    this.provenance = provenance;
    this.checkpoints = checkpoints;
    this.witness = witness;
    this.roster = roster;
    this.consortium = consortium;
  }

  /**
   * Opens the log in {@code store} with the member key and roster of {@code config}, creating the
   * witness key on first start; blocking.
   *
   * @throws NodeStartException when a key file cannot be read or written
   */
  public static NodeLog open(NodeConfig config, Store store, Clock clock) {
    RosterFile roster = RosterFile.read(config.rosterFile());
    String consortium = roster.consortium().orElse(DEV_CONSORTIUM);
    String origin = Checkpoint.hashfedOrigin(consortium, config.member());
    Ed25519PrivateKey memberKey = readKey(config.memberKeyFile(), false);
    Ed25519PrivateKey witnessKey = readKey(config.dataDir().resolve("witness.key"), true);
    ProvenanceLog provenance = ProvenanceLog.open(store);
    CheckpointSigner checkpoints = CheckpointSigner.open(provenance, store,
        Ed25519NoteSigner.create(origin, Ed25519RawSigner.of(memberKey)));
    CosignatureSigner cosigner = CosignatureSigner.create("witness." + consortium + "/" + config.member(),
        Ed25519RawSigner.of(witnessKey), clock);
    NodeLog[] self = new NodeLog[1];
    WitnessService witness = WitnessService.create(store, cosigner, o -> self[0].logKey(o), clock);
    self[0] = new NodeLog(store, provenance, checkpoints, witness, roster, consortium);
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

  /** Stops the signing timer. */
  public void stopSigning() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
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

  /** The roster versions to give auditors, oldest first (none for a development roster). */
  public List<Envelope> rosterHistory() {
    return roster.history();
  }

  /**
   * Every logged entry about a signal: its submissions, in id order, each followed by the entries
   * that refer to it (retractions, opinions); blocking.
   */
  public List<LoggedDocument> aboutSignal(Signal signal) {
    List<LoggedDocument> out = new ArrayList<>();
    for (byte[] submission : store.signalEntries(signal.type().wireName(), signal.value())) {
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
    return roster.memberKey(member).map(k -> Ed25519NoteVerifier.create(origin, k.bytes()));
  }
}
