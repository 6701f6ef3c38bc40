package org.hashfed.node.follow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hashfed.node.entries.LedgerRecords;
import org.hashfed.node.store.Change;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;

/**
 * What a follower checks of a change before applying it: every roster version it brings extends
 * the verified chain, every envelope it brings is signed by its member's key in that chain and
 * stored under its own id, and every record derived from an envelope is the one the ledger makes of
 * it ({@link DerivedRecords}). A leader cannot make a follower serve an entry, or a signal of an
 * entry, that its member never signed.
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

  private final Store store;
  private volatile List<SignedRoster> chain;

  private CopiedEntries(Store store, List<SignedRoster> chain) {
    this.store = store;
    this.chain = List.copyOf(chain);
  }

  /** Starts from the roster chain already in {@code store} (empty before the first copy); blocking. */
  static CopiedEntries open(Store store) {
    List<SignedRoster> chain = new ArrayList<>();
    for (byte[] json : store.metaWithPrefix("roster/v/").values()) {
      chain.add(extend(chain, json));
    }
    return new CopiedEntries(store, chain);
  }

  /**
   * Checks {@code change} ({@code what}: "change 7") and adopts the roster versions it brings.
   *
   * @throws RefusedException naming the op that does not verify
   */
  void check(Change change, String what) {
    List<SignedRoster> next = extendedChain(change);
    Map<EntryId, Entry> entries = verifiedEntries(change, what, next);
    // A change derived from envelopes held already (a leader rewriting a lost replay record) reads them from the store.
    Map<String, byte[]> feeds = new HashMap<>();
    for (Change.Op op : change.ops()) {
      if (op.family().equals("feeds") && op.value().isPresent()) {
        DerivedRecords.position(op).ifPresent(p -> feeds.put(p, op.value().get()));
      }
    }
    DerivedRecords derived = new DerivedRecords(store, entries, feeds);
    Optional<RefusedException> refused = parallelIfLarge(change.ops().stream().filter(DerivedRecords::isDerived)
        .toList()).map(op -> derived.check(what, op)).flatMap(Optional::stream).findFirst();
    if (refused.isPresent()) {
      throw refused.get();
    }
    chain = List.copyOf(next);
  }

  /**
   * Checks {@code page} of a first copy ({@code what}: "page 2 of the leader's copy") as {@link
   * #check} does its rosters and envelopes, adopts the roster versions it brings, and returns the
   * page as the follower applies it: without the leader's derived records (feed positions, signal
   * rows, references, replay records), with the ones the ledger makes of each envelope verified.
   * Writing them from the entries just parsed costs nothing more; checking the leader's would cost
   * a read and a parse of every envelope again, since a page of derived records comes after the
   * pages of their envelopes.
   *
   * @throws RefusedException naming the op that does not verify
   */
  Change checkPage(Change page, String what) {
    List<SignedRoster> next = extendedChain(page);
    Map<EntryId, Entry> entries = verifiedEntries(page, what, next);
    List<Change.Op> ops = new ArrayList<>();
    for (Change.Op op : page.ops()) {
      if (!DerivedRecords.isDerived(op)) {
        ops.add(op);
      }
    }
    StoreWrite derived = StoreWrite.create();
    entries.forEach((id, entry) -> LedgerRecords.stageDerived(id, entry, derived));
    ops.addAll(Change.ops(derived));
    chain = List.copyOf(next);
    return page.withOps(ops);
  }

  private List<SignedRoster> extendedChain(Change change) {
    List<SignedRoster> next = new ArrayList<>(chain);
    for (Change.Op op : change.ops()) {
      if (op.family().equals("meta") && CopiedMeta.isRoster(op.metaKey()) && op.value().isPresent()) {
        next.add(extend(next, op.value().get()));
      }
    }
    return next;
  }

  // The entries of the change's envelopes, in the change's order, each verified with its member's key in chain.
  private static Map<EntryId, Entry> verifiedEntries(Change change, String what, List<SignedRoster> chain) {
    List<Change.Op> envelopes = change.ops().stream()
        .filter(op -> op.family().equals("envelopes") && op.value().isPresent()).toList();
    // A page of a first copy brings thousands of envelopes, each an Ed25519 verification that
    // depends on nothing but the chain: spread them over the cores. Failures are returned, not
    // thrown, so that the one reported is the first in the change's order, and its message is not
    // rewrapped by the fork-join pool that rethrows a worker's exception.
    List<Verified> checked = parallelIfLarge(envelopes).map(op -> verify(what, op, chain)).toList();
    Map<EntryId, Entry> entries = new LinkedHashMap<>();
    for (Verified v : checked) {
      if (v.refused().isPresent()) {
        throw v.refused().get();
      }
      entries.put(v.entry().id(), v.entry().entry());
    }
    return entries;
  }

  private static Stream<Change.Op> parallelIfLarge(List<Change.Op> ops) {
    return ops.size() >= PARALLEL_FROM ? ops.parallelStream() : ops.stream();
  }

  /** An envelope that verified, or why it did not. */
  private record Verified(SignedEntry entry, Optional<RefusedException> refused) {}

  private static SignedRoster extend(List<SignedRoster> chain, byte[] json) {
    try {
      Envelope e = Envelope.parse(json);
      return chain.isEmpty() ? RosterVerifier.verifyGenesis(e, null) : RosterVerifier.verifyNext(chain.get(chain.size() - 1), e);
    } catch (EnvelopeFormatException | RosterVerificationException e) {
      throw new RefusedException("roster version " + (chain.size() + 1) + " from the leader does not verify: "
          + e.getMessage(), e);
    }
  }

  private static Verified verify(String what, Change.Op op, List<SignedRoster> chain) {
    String stored = HexFormat.of().formatHex(op.key());
    try {
      Envelope env = Envelope.parse(op.value().get());
      if (env.signatures().isEmpty()) {
        return refused(what + ": envelope " + stored + " has no signature", null);
      }
      MemberRecord signer = signerOf(env, chain);
      SignedEntry signed = SignedEntry.verify(env, signer.key());
      if (!Arrays.equals(signed.id().bytes(), op.key())) {
        return refused(what + ": envelope " + signed.id() + " stored under another id, " + stored, null);
      }
      return new Verified(signed, Optional.empty());
    } catch (Exception e) {
      return refused(what + ": envelope " + stored + " does not verify: " + e.getMessage(), e);
    }
  }

  private static Verified refused(String message, Throwable cause) {
    return new Verified(null, Optional.of(new RefusedException(message, cause)));
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
