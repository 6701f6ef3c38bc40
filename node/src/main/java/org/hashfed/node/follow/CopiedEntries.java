package org.hashfed.node.follow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;

/**
 * What a follower checks of a change before applying it: every roster version it brings extends
 * the verified chain, and every envelope it brings is signed by its member's key in that chain and
 * stored under its own id. A leader cannot make a follower serve an entry its member never signed.
 */
final class CopiedEntries {

  private static final int PARALLEL_FROM = 64;

  /**
   * A change or copy page from the leader that brings an envelope or roster version that does not
   * verify: the leader's store holds what no member signed, and asking again brings the same.
   */
  static final class RefusedException extends IllegalArgumentException {
    RefusedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private volatile List<SignedRoster> chain;

  private CopiedEntries(List<SignedRoster> chain) {
    this.chain = List.copyOf(chain);
  }

  /** Starts from the roster chain already in {@code store} (empty before the first copy); blocking. */
  static CopiedEntries open(Store store) {
    List<SignedRoster> chain = new ArrayList<>();
    for (byte[] json : store.metaWithPrefix("roster/v/").values()) {
      chain.add(extend(chain, json));
    }
    return new CopiedEntries(chain);
  }

  /**
   * Checks {@code change} ({@code what}: "change 7", "page 2 of the leader's copy") and adopts
   * the roster versions it brings.
   *
   * @throws RefusedException naming the op that does not verify
   */
  void check(Change change, String what) {
    List<SignedRoster> next = new ArrayList<>(chain);
    for (Change.Op op : change.ops()) {
      if (op.family().equals("meta") && CopiedMeta.isRoster(op.metaKey()) && op.value().isPresent()) {
        next.add(extend(next, op.value().get()));
      }
    }
    List<Change.Op> envelopes = change.ops().stream()
        .filter(op -> op.family().equals("envelopes") && op.value().isPresent()).toList();
    // A page of a first copy brings thousands of envelopes, each an Ed25519 verification that
    // depends on nothing but the chain: spread them over the cores. Failures are returned, not
    // thrown, so that the one reported is the first in the change's order, and its message is not
    // rewrapped by the fork-join pool that rethrows a worker's exception.
    Optional<RefusedException> refused =
        (envelopes.size() >= PARALLEL_FROM ? envelopes.parallelStream() : envelopes.stream())
            .map(op -> verify(what, op, next)).flatMap(Optional::stream).findFirst();
    if (refused.isPresent()) {
      throw refused.get();
    }
    chain = List.copyOf(next);
  }

  private static SignedRoster extend(List<SignedRoster> chain, byte[] json) {
    try {
      Envelope e = Envelope.parse(json);
      return chain.isEmpty() ? RosterVerifier.verifyGenesis(e, null) : RosterVerifier.verifyNext(chain.get(chain.size() - 1), e);
    } catch (EnvelopeFormatException | RosterVerificationException e) {
      throw new RefusedException("roster version " + (chain.size() + 1) + " from the leader does not verify: "
          + e.getMessage(), e);
    }
  }

  private static Optional<RefusedException> verify(String what, Change.Op op, List<SignedRoster> chain) {
    String stored = HexFormat.of().formatHex(op.key());
    try {
      Envelope env = Envelope.parse(op.value().get());
      if (env.signatures().isEmpty()) {
        return Optional.of(new RefusedException(what + ": envelope " + stored + " has no signature", null));
      }
      MemberRecord signer = signerOf(env, chain);
      SignedEntry signed = SignedEntry.verify(env, signer.key());
      if (!Arrays.equals(signed.id().bytes(), op.key())) {
        return Optional.of(new RefusedException(what + ": envelope " + signed.id() + " stored under another id, "
            + stored, null));
      }
      return Optional.empty();
    } catch (Exception e) {
      return Optional.of(new RefusedException(what + ": envelope " + stored + " does not verify: "
          + e.getMessage(), e));
    }
  }

  private static MemberRecord signerOf(Envelope env, List<SignedRoster> chain) {
    for (int i = chain.size() - 1; i >= 0; i--) {
      var m = chain.get(i).roster().memberByKeyId(env.signatures().get(0).keyId());
      if (m.isPresent()) {
        return m.get();
      }
    }
    throw new IllegalArgumentException("an envelope signed with key " + env.signatures().get(0).keyId()
        + " that no roster version lists");
  }
}
