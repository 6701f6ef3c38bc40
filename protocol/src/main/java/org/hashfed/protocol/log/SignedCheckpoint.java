package org.hashfed.protocol.log;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A checkpoint whose log signature has been verified (or just made), with any witness
 * cosignatures the note carries. The log's key name is its origin, as C2SP tlog-checkpoint advises
 * and hashfed requires.
 */
public final class SignedCheckpoint {

  private final Checkpoint checkpoint;
  private final SignedNote note;

  private SignedCheckpoint(Checkpoint checkpoint, SignedNote note) {
    this.checkpoint = checkpoint;
    this.note = note;
  }

  /**
   * Signs {@code checkpoint} with the log key.
   *
   * @throws IllegalArgumentException when the signer's name is not the checkpoint's origin
   */
  public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner logSigner) {
    if (!logSigner.name().equals(checkpoint.origin())) {
      throw new IllegalArgumentException("log key name \"" + logSigner.name() + "\" differs from the checkpoint origin \""
          + checkpoint.origin() + "\" (expected: the same)");
    }
    return new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.text(), logSigner));
  }

  /**
   * Parses a checkpoint note and verifies its signature by {@code logKey}; other signatures
   * (cosignatures) are kept unverified.
   *
   * @throws LogFormatException when the note or its checkpoint text is malformed
   * @throws LogVerificationException when the log signature is missing or invalid, or the origin is not the key name
   */
  public static SignedCheckpoint open(String note, NoteVerifier logKey)
      throws LogFormatException, LogVerificationException {
    return open(SignedNote.parse(note), logKey);
  }

  /** {@link #open(String, NoteVerifier)} for a note already parsed. */
  public static SignedCheckpoint open(SignedNote note, NoteVerifier logKey)
      throws LogFormatException, LogVerificationException {
    Objects.requireNonNull(logKey, "logKey");
    note.verify(logKey);
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    if (!checkpoint.origin().equals(logKey.name())) {
      throw new LogVerificationException("checkpoint origin \"" + checkpoint.origin() + "\" differs from the log key name \""
          + logKey.name() + "\"");
    }
    return new SignedCheckpoint(checkpoint, note);
  }

  /** The checkpoint. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The signed note, log signature and cosignatures. */
  public SignedNote note() {
    return note;
  }

  /** This checkpoint with a cosignature by {@code witness} added (replacing an earlier one by it). */
  public SignedCheckpoint withCosignature(CosignatureSigner witness) {
    return new SignedCheckpoint(checkpoint, note.withSignature(witness));
  }

  /**
   * The cosignatures by the given witnesses, verified; unknown signers are ignored.
   *
   * @throws LogVerificationException when a cosignature by a known witness is invalid
   */
  public List<NoteSignature> verifiedCosignatures(Collection<CosignatureVerifier> witnesses)
      throws LogVerificationException {
    return note.verifiedSignatures(witnesses);
  }

  /** The note text to serve: checkpoint, blank line, signatures. */
  public String encode() {
    return note.encode();
  }

  @Override
  public String toString() {
    return checkpoint.toString();
  }
}
