package org.hashfed.node.log;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.LogVerificationException;
import org.hashfed.protocol.log.NoteSignature;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;

/**
 * Signs the log's checkpoints with the member key (C2SP tlog-checkpoint in a signed note), keeps
 * the latest with the witness cosignatures collected for it, and never signs a checkpoint
 * inconsistent with the previous one: the root always comes from the node's own append-only tree,
 * and the previous root must still be the tree's root at the previous size.
 */
public final class CheckpointSigner {

  private static final Logger LOG = Logger.getLogger(CheckpointSigner.class.getName());

  private final ProvenanceLog log;
  private final Store store;
  private final Ed25519NoteSigner signer;
  private volatile SignedCheckpoint latest;

  private CheckpointSigner(ProvenanceLog log, Store store, Ed25519NoteSigner signer, SignedCheckpoint latest) {
    this.log = log;
    this.store = store;
    this.signer = signer;
    this.latest = latest;
  }

  /**
   * The signer for {@code log}, whose origin is the signer's name, with the last checkpoint it
   * stored; blocking.
   *
   * @throws StoreException when the stored checkpoint is not one this key signed
   */
  public static CheckpointSigner open(ProvenanceLog log, Store store, Ed25519NoteSigner signer) {
    SignedCheckpoint stored = null;
    Optional<byte[]> bytes = store.log(LogKeys.CHECKPOINT);
    if (bytes.isPresent()) {
      try {
        stored = SignedCheckpoint.open(SignedNote.parse(bytes.get()), signer.verifier());
      } catch (LogFormatException | LogVerificationException e) {
        throw new StoreException("the stored checkpoint of log " + signer.name() + " does not verify with the member key: "
            + e.getMessage() + " (was the member key replaced?)");
      }
    }
    return new CheckpointSigner(log, store, signer, stored);
  }

  /** The log's origin, which is also its key name. */
  public String origin() {
    return signer.name();
  }

  /** The verifier key {@code <origin>+<key id>+<base64>} that checks this log's checkpoints. */
  public String logKey() {
    return signer.verifierKey();
  }

  /** The latest signed checkpoint with its cosignatures, if one was signed. */
  public Optional<SignedCheckpoint> latest() {
    return Optional.ofNullable(latest);
  }

  /** Size of the latest checkpoint, 0 when none. */
  public long latestSize() {
    SignedCheckpoint l = latest;
    return l == null ? 0 : l.checkpoint().size();
  }

  /**
   * Signs a checkpoint of the log's current size unless the latest already has it, stores it
   * durably and returns it; blocking.
   *
   * @throws IllegalStateException when the tree no longer gives the latest checkpoint's root at
   *     its size (a corrupt store): the node then refuses to sign anything
   */
  public synchronized SignedCheckpoint signLatest() {
    long size = log.size();
    SignedCheckpoint previous = latest;
    if (previous != null) {
      Checkpoint p = previous.checkpoint();
      if (size < p.size()) {
        throw new IllegalStateException("the log has " + size + " leaves, fewer than the " + p.size()
            + " of checkpoint already signed: refusing to sign a rollback");
      }
      Hash32 rootThen = log.root(p.size());
      if (!rootThen.equals(p.root())) {
        throw new IllegalStateException("the tree's root at size " + p.size() + " is " + rootThen.toHex()
            + ", not the signed " + p.root().toHex() + ": refusing to sign an inconsistent checkpoint");
      }
      if (size == p.size()) {
        return previous;
      }
    }
    SignedCheckpoint next = SignedCheckpoint.sign(Checkpoint.create(signer.name(), size, log.root(size)), signer);
    store.commit(StoreWrite.create().putLog(LogKeys.CHECKPOINT, next.note().encodeBytes()));
    latest = next;
    LOG.fine(() -> "signed checkpoint " + next);
    return next;
  }

  /**
   * Adds {@code witness}'s cosignature from {@code cosigned} to the latest checkpoint, which must
   * have the same text; returns the checkpoint with its cosignatures. Blocking.
   *
   * @throws LogVerificationException when the note is not of the latest checkpoint or carries no
   *     valid cosignature by {@code witness}
   */
  public synchronized SignedCheckpoint addCosignature(SignedNote cosigned, CosignatureVerifier witness)
      throws LogVerificationException {
    SignedCheckpoint current = latest;
    if (current == null || !current.note().text().equals(cosigned.text())) {
      throw new LogVerificationException("the cosigned note is not this log's latest checkpoint"
          + (current == null ? " (none signed yet)" : " (size " + current.checkpoint().size() + ")"));
    }
    if (witness.name().equals(signer.name())) {
      throw new LogVerificationException("witness name " + witness.name() + " is the log's own origin");
    }
    List<NoteSignature> verified = cosigned.verifiedSignatures(List.of(witness));
    if (verified.isEmpty()) {
      throw new LogVerificationException("the note carries no cosignature by witness key " + witness.name());
    }
    SignedNote note = current.note();
    for (NoteSignature s : verified) {
      note = note.withSignature(new PresetSignature(s));
    }
    SignedCheckpoint next;
    try {
      next = SignedCheckpoint.open(note, signer.verifier());
    } catch (LogFormatException e) {
      throw new IllegalStateException("a checkpoint this node signed does not parse", e);
    }
    store.commit(StoreWrite.create().putLog(LogKeys.CHECKPOINT, note.encodeBytes()));
    latest = next;
    return next;
  }
}
