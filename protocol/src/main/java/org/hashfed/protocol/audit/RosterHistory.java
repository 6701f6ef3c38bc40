package org.hashfed.protocol.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;

/** A verified chain of roster versions, to find the roster in force when an entry was made. */
public final class RosterHistory {

  private final List<SignedRoster> versions;

  private RosterHistory(List<SignedRoster> versions) {
    this.versions = List.copyOf(versions);
  }

  /**
   * Verifies the chain from version 1: with {@code founders} pinned, or trusted on first use when null.
   *
   * @throws RosterVerificationException at the first version that fails, or when the list is empty
   */
  public static RosterHistory verify(List<Envelope> fromGenesis, Collection<Ed25519PublicKey> founders)
      throws RosterVerificationException {
    if (fromGenesis.isEmpty()) {
      throw new RosterVerificationException("roster history is empty: expected version 1 first");
    }
    List<SignedRoster> out = new ArrayList<>();
    SignedRoster held = RosterVerifier.verifyGenesis(fromGenesis.get(0), founders);
    out.add(held);
    for (Envelope next : fromGenesis.subList(1, fromGenesis.size())) {
      held = RosterVerifier.verifyNext(held, next);
      out.add(held);
    }
    return new RosterHistory(out);
  }

  /** The versions, oldest first. */
  public List<SignedRoster> versions() {
    return versions;
  }

  /** The latest version. */
  public Roster latest() {
    return versions.get(versions.size() - 1).roster();
  }

  /** The version issued last at or before {@code time}; version 1 for earlier times. */
  public Roster inForceAt(Instant time) {
    Roster found = versions.get(0).roster();
    for (SignedRoster v : versions) {
      if (!v.roster().issued().isAfter(time)) {
        found = v.roster();
      }
    }
    return found;
  }
}
