package org.hashfed.protocol.roster;

import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;

/** Makes and cosigns roster envelopes: a proposal is an envelope that collects signatures until it verifies. */
public final class RosterEnvelopes {

  private RosterEnvelopes() {}

  /** A new envelope over the roster's deterministic payload, signed by the proposer. */
  public static Envelope propose(Roster roster, Ed25519PrivateKey proposer) {
    return Envelope.sign(Roster.PAYLOAD_TYPE, roster.toPayload(), proposer);
  }

  /**
   * The envelope with one more signature over the same payload bytes (unchanged if the key already signed).
   *
   * @throws IllegalArgumentException when the envelope is not a roster envelope
   */
  public static Envelope cosign(Envelope proposal, Ed25519PrivateKey key) {
    if (!Roster.PAYLOAD_TYPE.equals(proposal.payloadType())) {
      throw new IllegalArgumentException("envelope payloadType " + RosterText.quote(proposal.payloadType())
          + " is not a roster: expected " + RosterText.quote(Roster.PAYLOAD_TYPE));
    }
    return proposal.withSignature(key);
  }
}
