package org.hashfed.node.log;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.NoteVerifier;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.hashfed.protocol.log.Witness;

/**
 * This node as a witness of its peers' logs: fetches a peer's latest checkpoint, checks it against
 * the last one it cosigned for that log (a consistency proof from the peer), cosigns and hands the
 * cosignature back; a checkpoint that cannot extend the earlier one is stored as split-view
 * evidence, and the earlier checkpoint stays the reference.
 *
 * <p>Every method blocks on the store and the network: run it on a worker thread.
 */
public final class WitnessService {

  private static final Logger LOG = Logger.getLogger(WitnessService.class.getName());

  private final Store store;
  private final CosignatureSigner signer;
  private final Witness witness;
  private final Function<String, Optional<NoteVerifier>> logKeys;
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicInteger splitViews;

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

  /** One witnessing round for {@code peer}; never throws for what the peer does. */
  public synchronized WitnessOutcome witness(PeerLog peer) {
    String where = peer.describe();
    SignedNote note;
    Checkpoint claimed;
    try {
      note = peer.checkpoint();
      claimed = Checkpoint.parse(note.text());
    } catch (IOException | LogFormatException e) {
      return failed(where, "cannot get a checkpoint: " + e.getMessage());
    }
    String origin = claimed.origin();
    Optional<NoteVerifier> key = logKeys.apply(origin);
    if (key.isEmpty()) {
      return failed(where, "checkpoint origin " + origin + " is not the log of a roster member");
    }
    SignedCheckpoint candidate;
    try {
      candidate = SignedCheckpoint.open(note, key.get());
    } catch (LogFormatException | LogVerificationException e) {
      return failed(where, "checkpoint of " + origin + " does not verify: " + e.getMessage());
    }
    Optional<SignedNote> previousNote = witnessed(origin);
    Checkpoint previous = null;
    if (previousNote.isPresent()) {
      try {
        previous = SignedCheckpoint.open(previousNote.get(), key.get()).checkpoint();
      } catch (LogFormatException | LogVerificationException e) {
        return failed(where, "the checkpoint last cosigned for " + origin + " no longer verifies with the roster key: "
            + e.getMessage());
      }
    }
    Checkpoint next = candidate.checkpoint();
    SignedCheckpoint cosigned;
    try {
      List<Hash32> proof = previous == null || previous.size() == 0
          || next.size() <= previous.size() ? List.of() : peer.consistencyProof(previous.size(), next.size());
      cosigned = witness.cosign(note, key.get(), previous, proof);
    } catch (IOException e) {
      return failed(where, "cannot get a consistency proof: " + e.getMessage());
    } catch (LogFormatException e) {
      return failed(where, "malformed checkpoint: " + e.getMessage());
    } catch (LogVerificationException e) {
      if (previousNote.isEmpty()) {
        return failed(where, "checkpoint of " + origin + " does not verify: " + e.getMessage());
      }
      return splitView(where, origin, previousNote.get(), note, e.getMessage());
    }
    store.commit(StoreWrite.create().putLog(LogKeys.witnessed(origin), note.encodeBytes()));
    try {
      peer.deliver(cosigned.note(), signer.verifierKey());
    } catch (IOException e) {
      return new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where,
          "cosigned " + next + " but could not deliver the cosignature: " + e.getMessage());
    }
    return new WitnessOutcome(WitnessOutcome.Status.COSIGNED, where, "cosigned " + next);
  }

  /** The checkpoint note last cosigned for {@code origin}, log signature only. */
  public Optional<SignedNote> witnessed(String origin) {
    return store.log(LogKeys.witnessed(origin)).map(b -> {
      try {
        return SignedNote.parse(b);
      } catch (LogFormatException e) {
        throw new IllegalStateException("stored witnessed checkpoint of " + origin + " does not parse", e);
      }
    });
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
