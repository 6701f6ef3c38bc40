package org.hashfed.node.log;

import java.io.IOException;
import java.util.List;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogFormatException;
import org.hashfed.protocol.log.SignedNote;

/** A peer's log as a witness sees it: its latest checkpoint, consistency proofs, and a way to hand back a cosignature. */
public interface PeerLog {

  /** Where the peer is, for messages. */
  String describe();

  /**
   * The peer's latest signed checkpoint note, unverified.
   *
   * @throws IOException when the peer cannot be reached or answers with an error
   * @throws LogFormatException when the answer is not a signed note
   */
  SignedNote checkpoint() throws IOException, LogFormatException;

  /**
   * The peer's consistency proof between two of its tree sizes.
   *
   * @throws IOException when the peer cannot be reached or answers with an error
   */
  List<Hash32> consistencyProof(long from, long to) throws IOException;

  /**
   * Gives the peer the checkpoint cosigned by this witness, whose verifier key is {@code witnessKey}.
   *
   * @throws IOException when the peer cannot be reached or refuses it
   */
  void deliver(SignedNote cosigned, String witnessKey) throws IOException;
}
