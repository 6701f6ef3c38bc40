package org.hashfed.node.log;

import io.vertx.core.Future;
import java.util.List;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.SignedNote;

/**
 * A peer's log as a witness sees it: its latest checkpoint, consistency proofs, and a way to hand
 * back a cosignature. Each call starts a request and returns at once; none blocks the caller.
 */
public interface PeerLog {

  /** Where the peer is, for messages. */
  String describe();

  /**
   * The peer's latest signed checkpoint note, unverified; fails with an {@link java.io.IOException}
   * when the peer cannot be reached or answers with an error, a
   * {@link org.hashfed.protocol.log.LogFormatException} when the answer is not a signed note.
   */
  Future<SignedNote> checkpoint();

  /** The peer's consistency proof between two of its tree sizes; fails as {@link #checkpoint}. */
  Future<List<Hash32>> consistencyProof(long from, long to);

  /**
   * Gives the peer the checkpoint cosigned by this witness, whose verifier key is
   * {@code witnessKey}; fails when the peer cannot be reached or refuses it.
   */
  Future<Void> deliver(SignedNote cosigned, String witnessKey);
}
