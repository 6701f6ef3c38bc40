package org.hashfed.protocol.log;

import java.util.List;
import java.util.Objects;

/**
 * The witnessing step of a peer: check a log's new checkpoint against the last one it cosigned
 * for that log, and cosign it only if the log grew append-only. The caller keeps the last
 * cosigned checkpoint per log and updates it after a successful {@link #cosign}.
 */
public final class Witness {

  private final CosignatureSigner signer;

  private Witness(CosignatureSigner signer) {
    this.signer = signer;
  }

  /** A witness cosigning with {@code signer}. */
  public static Witness create(CosignatureSigner signer) {
    return new Witness(Objects.requireNonNull(signer, "signer"));
  }

  /**
   * Verifies {@code candidate}'s log signature and its consistency with {@code previous} (null if
   * this witness never cosigned for the log), then returns it with this witness's cosignature.
   *
   * @param consistencyProof proof from {@code previous}'s size to the candidate's size
   * @throws LogFormatException when the note is malformed
   * @throws LogVerificationException when the signature, origin, size order or proof is wrong
   */
  public SignedCheckpoint cosign(SignedNote candidate, NoteVerifier logKey, Checkpoint previous,
      List<Hash32> consistencyProof) throws LogFormatException, LogVerificationException {
    SignedCheckpoint signed = SignedCheckpoint.open(candidate, logKey);
    Checkpoint next = signed.checkpoint();
    if (previous != null) {
      if (!previous.origin().equals(next.origin())) {
        throw new LogVerificationException(
            "checkpoint origin \"" + next.origin() + "\" is not the witnessed log \"" + previous.origin() + "\"");
      }
      if (next.size() < previous.size()) {
        throw new LogVerificationException("checkpoint size " + next.size() + " is smaller than the size "
            + previous.size() + " already cosigned: the log rolled back");
      }
      LogProofs.verifyConsistency(previous.size(), next.size(), consistencyProof, previous.root(), next.root());
    } else {
      LogProofs.verifyConsistency(0, next.size(), consistencyProof, Rfc6962.EMPTY_ROOT, next.root());
    }
    return signed.withCosignature(signer);
  }
}
