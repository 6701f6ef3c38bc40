package org.hashfed.node.log;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogProofs;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.NoteSignature;
import org.hashfed.protocol.log.NoteVerifier;
import org.hashfed.protocol.log.Rfc6962;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.hashfed.protocol.log.Witness;

/**
 * This node as a witness of its peers' logs: fetches a peer's latest checkpoint, checks it against
 * the last one it cosigned for that log (a consistency proof from the peer), cosigns and hands the
 * cosignature back; a checkpoint that cannot extend the earlier one is stored as split-view
 * evidence, and the earlier checkpoint stays the reference.
 *
 * <p>{@link #witness} asks the peer without blocking and does its store work on a worker; every
 * other method blocks on the store: run it on a worker thread.
 */
public final class WitnessService {

  private static final Logger LOG = Logger.getLogger(WitnessService.class.getName());

  private final Store store;
  private final CosignatureSigner signer;
  private final Witness witness;
  private final Function<String, Optional<NoteVerifier>> logKeys;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicInteger splitViews;
  /** When each log's witnessed checkpoint last changed ({@link System#nanoTime}), since start. */
  private final java.util.Map<String, Long> updatedAt = new java.util.concurrent.ConcurrentHashMap<>();

  private WitnessService(Store store, CosignatureSigner signer, Function<String, Optional<NoteVerifier>> logKeys,
      Clock clock) {
    this.store = store;
    this.signer = signer;
    this.witness = Witness.create(signer);
    this.logKeys = logKeys;
    this.clock = clock;
    this.splitViews = new java.util.concurrent.atomic.AtomicInteger(
        store.logWithPrefix(LogKeys.prefix(LogKeys.SPLIT_VIEW)).size());
  }

  /**
   * A witness cosigning with {@code signer}, finding each log's key by its origin with
   * {@code logKeys} (the member's roster key).
   */
  public static WitnessService create(Store store, CosignatureSigner signer,
      Function<String, Optional<NoteVerifier>> logKeys, Clock clock) {
    return new WitnessService(store, signer, logKeys, clock);
  }

  /** The witness's verifier key {@code <name>+<key id>+<base64>}, for logs and auditors. */
  public String witnessKey() {
    return signer.verifierKey();
  }

  /**
   * One witnessing round for {@code peer}; completes, never fails, with what the peer did. The
   * peer is asked without holding this witness's lock and without a thread waiting for it, so
   * that a slow peer holds up neither the {@code add-checkpoint} requests of others nor a worker;
   * the store is read and written on {@code worker}, and the state checked again under the lock.
   */
  public Future<WitnessOutcome> witness(PeerLog peer, WorkerExecutor worker) {
    long asked = System.nanoTime();
    String where = peer.describe();
    return peer.checkpoint()
        .recover(e -> Future.failedFuture(new Concluded(failed(where, "cannot get a checkpoint: " + e.getMessage()))))
        .compose(note -> worker.executeBlocking(() -> pulled(where, note), false))
        .compose(pulled -> proof(peer, pulled)
            .compose(proof -> worker.executeBlocking(() -> cosign(where, asked, pulled, proof), false))
            .compose(cosigned -> peer.deliver(cosigned.note(), signer.verifierKey())
                .map(v -> new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where, "cosigned " + pulled.next()))
                .otherwise(e -> new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where,
                    "cosigned " + pulled.next() + " but could not deliver the cosignature: " + e.getMessage()))))
        .recover(e -> Future.succeededFuture(e instanceof Concluded c ? c.outcome
            : failed(where, "witnessing failed: " + e)));
  }

  /** A peer's checkpoint that verifies, with the one last cosigned for its log. */
  private record Pulled(SignedNote note, NoteVerifier key, Optional<SignedNote> previousNote, Checkpoint previous,
      Checkpoint next) {}

  /** Ends a witnessing early with its outcome. */
  private static final class Concluded extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient WitnessOutcome outcome;

    Concluded(WitnessOutcome outcome) {
      super(outcome.message(), null, false, false);
      this.outcome = outcome;
    }
  }

  private Pulled pulled(String where, SignedNote note) throws Concluded {
    Checkpoint claimed;
    try {
      claimed = Checkpoint.parse(note.text());
    } catch (LogFormatException e) {
      throw new Concluded(failed(where, "cannot get a checkpoint: " + e.getMessage()));
    }
    String origin = claimed.origin();
    Optional<NoteVerifier> key = logKeys.apply(origin);
    if (key.isEmpty()) {
      throw new Concluded(failed(where, "checkpoint origin " + origin + " is not the log of a roster member"));
    }
    SignedCheckpoint candidate;
    try {
      candidate = SignedCheckpoint.open(note, key.get());
    } catch (LogFormatException | LogVerificationException e) {
      throw new Concluded(failed(where, "checkpoint of " + origin + " does not verify: " + e.getMessage()));
    }
    Optional<SignedNote> previousNote = witnessed(origin);
    Checkpoint previous = null;
    if (previousNote.isPresent()) {
      try {
        previous = SignedCheckpoint.open(previousNote.get(), key.get()).checkpoint();
      } catch (LogFormatException | LogVerificationException e) {
        throw new Concluded(failed(where, "the checkpoint last cosigned for " + origin
            + " no longer verifies with the roster key: " + e.getMessage()));
      }
    }
    return new Pulled(note, key.get(), previousNote, previous, candidate.checkpoint());
  }

  private static Future<List<Hash32>> proof(PeerLog peer, Pulled p) {
    if (p.previous() == null || p.previous().size() == 0 || p.next().size() <= p.previous().size()) {
      return Future.succeededFuture(List.of());
    }
    return peer.consistencyProof(p.previous().size(), p.next().size()).recover(e -> Future.failedFuture(
        new Concluded(failed(peer.describe(), "cannot get a consistency proof: " + e.getMessage()))));
  }

  private SignedCheckpoint cosign(String where, long asked, Pulled p, List<Hash32> proof) throws Concluded {
    String origin = p.next().origin();
    synchronized (this) {
      // A checkpoint fetched before an add-checkpoint request moved the state may be older than
      // the one that request cosigned: stale, not a rollback, so it is neither cosigned nor evidence.
      Long updated = updatedAt.get(origin);
      if (updated != null && updated - asked >= 0) {
        throw new Concluded(failed(where, "the checkpoint cosigned for " + origin + " changed while its log was"
            + " asked (an add-checkpoint request); next round"));
      }
      SignedCheckpoint cosigned;
      try {
        cosigned = witness.cosign(p.note(), p.key(), p.previous(), proof);
      } catch (LogFormatException e) {
        throw new Concluded(failed(where, "malformed checkpoint: " + e.getMessage()));
      } catch (LogVerificationException e) {
        if (p.previousNote().isEmpty()) {
          throw new Concluded(failed(where, "checkpoint of " + origin + " does not verify: " + e.getMessage()));
        }
        throw new Concluded(splitView(where, origin, p.previousNote().get(), p.note(), e.getMessage()));
      }
      store.commit(StoreWrite.create().putLog(LogKeys.witnessed(origin), cosigned.note().encodeBytes()));
      updatedAt.put(origin, System.nanoTime());
      return cosigned;
    }
  }

  /**
   * Answers a C2SP tlog-witness {@code add-checkpoint} request (a log pushing its checkpoint):
   * 404 for a log that is no roster member's, 403 when the log signature is missing or invalid,
   * 400 for an old size above the checkpoint's, 409 with the size last cosigned when the old size
   * is not it, 422 when the checkpoint does not extend it; otherwise cosigns, records the
   * checkpoint as the log's reference and answers 200 with the cosignature line. Checking and
   * recording happen under this witness's lock, shared with the witnessing rounds, so no two
   * requests can both extend the same reference. Never throws for what the request holds.
   */
  public synchronized AddCheckpointAnswer addCheckpoint(AddCheckpointRequest request) {
    SignedNote note = request.checkpoint();
    Checkpoint claimed;
    try {
      claimed = Checkpoint.parse(note.text());
    } catch (LogFormatException e) {
      return AddCheckpointAnswer.refused(400, e.getMessage());
    }
    String origin = claimed.origin();
    Optional<NoteVerifier> key = logKeys.apply(origin);
    if (key.isEmpty()) {
      return AddCheckpointAnswer.refused(404, "checkpoint origin " + origin + " is not a log this node witnesses"
          + " (the log of a roster member)");
    }
    Checkpoint next;
    try {
      next = SignedCheckpoint.open(note, key.get()).checkpoint();
    } catch (LogFormatException | LogVerificationException e) {
      return AddCheckpointAnswer.refused(403, "checkpoint of " + origin + " does not verify with the log's roster key: "
          + e.getMessage());
    }
    if (request.oldSize() > next.size()) {
      return AddCheckpointAnswer.refused(400, "old size " + request.oldSize() + " is above the checkpoint's size "
          + next.size());
    }
    Optional<SignedNote> previousNote = witnessed(origin);
    Checkpoint previous;
    try {
      previous = previousNote.isEmpty() ? null : SignedCheckpoint.open(previousNote.get(), key.get()).checkpoint();
    } catch (LogFormatException | LogVerificationException e) {
      return AddCheckpointAnswer.refused(403, "the checkpoint last cosigned for " + origin
          + " no longer verifies with the roster key: " + e.getMessage());
    }
    long witnessedSize = previous == null ? 0 : previous.size();
    if (request.oldSize() != witnessedSize) {
      return AddCheckpointAnswer.conflict(witnessedSize);
    }
    Hash32 oldRoot = previous == null ? Rfc6962.EMPTY_ROOT : previous.root();
    try {
      if (witnessedSize == 0 && !request.proof().isEmpty()) {
        throw new LogVerificationException("a consistency proof from size 0 must be empty, got "
            + request.proof().size() + " hashes");
      }
      LogProofs.verifyConsistency(witnessedSize, next.size(), request.proof(), oldRoot, next.root());
    } catch (LogVerificationException e) {
      if (previousNote.isPresent() && next.size() == witnessedSize) {
        // Two checkpoints the log signed with one size and two roots prove a fork by themselves.
        splitView("add-checkpoint", origin, previousNote.get(), note, e.getMessage());
      }
      return AddCheckpointAnswer.refused(422, "checkpoint " + next + " is not consistent with size " + witnessedSize
          + " cosigned earlier: " + e.getMessage());
    }
    SignedNote cosigned = note.withSignature(signer);
    store.commit(StoreWrite.create().putLog(LogKeys.witnessed(origin), cosigned.encodeBytes()));
    updatedAt.put(origin, System.nanoTime());
    List<NoteSignature> signatures = cosigned.signatures();
    return AddCheckpointAnswer.cosigned(signatures.get(signatures.size() - 1).line());
  }

  /**
   * The checkpoint of the log whose origin has the SHA-256 {@code originHash} (64 lowercase hex
   * digits), as last cosigned, for C2SP tlog-witness monitors.
   */
  public Optional<SignedNote> witnessedByOriginHash(String originHash) {
    byte[] prefix = LogKeys.prefix(LogKeys.WITNESSED);
    for (java.util.Map.Entry<byte[], byte[]> e : store.logWithPrefix(prefix).entrySet()) {
      byte[] origin = java.util.Arrays.copyOfRange(e.getKey(), 1, e.getKey().length);
      if (sha256Hex(origin).equals(originHash)) {
        return witnessed(new String(origin, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /**
   * The checkpoint note last cosigned for {@code origin}, with the signatures it arrived with and
   * this witness's cosignature (records written before the C2SP protocol hold the log's alone).
   */
  public Optional<SignedNote> witnessed(String origin) {
    return store.log(LogKeys.witnessed(origin)).map(b -> {
      try {
        return SignedNote.parse(b);
      } catch (LogFormatException e) {
        throw new IllegalStateException("stored witnessed checkpoint of " + origin + " does not parse", e);
      }
    });
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Every split view recorded, oldest first per log. */
  public List<SplitView> splitViews() {
    List<SplitView> out = new ArrayList<>();
    for (byte[] json : store.logWithPrefix(LogKeys.prefix(LogKeys.SPLIT_VIEW)).values()) {
      out.add(SplitView.parse(json));
    }
    return out;
  }

  /** How many split views are recorded. */
  public int splitViewCount() {
    return splitViews.get();
  }

  private WitnessOutcome splitView(String where, String origin, SignedNote earlier, SignedNote later, String reason) {
    // One pair of signed checkpoints proves the split; a log that keeps growing on its rewritten
    // history would otherwise add a record every round, without bound, saying nothing new.
    String reference = earlier.encode();
    boolean known = splitViews().stream().anyMatch(v -> v.origin().equals(origin) && v.earlier().equals(reference));
    if (known) {
      LOG.warning(() -> "log " + origin + " at " + where + " still shows checkpoints inconsistent with the one cosigned"
          + " earlier (split view already recorded): " + reason);
      return new WitnessOutcome(WitnessOutcome.Status.SPLIT_VIEW, where, reason + " (split view already recorded)");
    }
    SplitView evidence = new SplitView(origin, clock.instant(), reason, earlier.encode(), later.encode());
    long nanos = clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    store.commit(StoreWrite.create().putLog(LogKeys.splitView(origin, nanos), evidence.toJson()));
    splitViews.incrementAndGet();
    LOG.severe(() -> "SPLIT VIEW: log " + origin + " at " + where + " signed a checkpoint inconsistent with one it signed"
        + " earlier: " + reason + "; evidence stored");
    return new WitnessOutcome(WitnessOutcome.Status.SPLIT_VIEW, where, reason);
  }

  private static WitnessOutcome failed(String where, String message) {
    LOG.warning(() -> "witnessing " + where + ": " + message);
    return new WitnessOutcome(WitnessOutcome.Status.FAILED, where, message);
  }
}
