package org.hashfed.node.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.roster.MemberRecord;
import org.hashfed.protocol.roster.Roster;
import org.hashfed.protocol.roster.RosterFormatException;
import org.hashfed.protocol.roster.RosterVerificationException;
import org.hashfed.protocol.roster.RosterVerifier;
import org.hashfed.protocol.roster.SignedRoster;

/**
 * Every roster version this node adopted, from version 1, each verified against the one before
 * and stored durably (metadata keys {@code roster/v/<version>}).
 *
 * <p>A newer version is adopted only through {@link RosterVerifier#verifyNext} against the current
 * one, so gossip can bring a node forward but never sideways. Thread-safe: readers take the
 * immutable list of versions published last, and never wait for an adoption, which holds its own
 * lock across the store's fsync.
 */
public final class RosterBook {

  private static final Logger LOG = Logger.getLogger(RosterBook.class.getName());
  static final String KEY_PREFIX = "roster/v/";

  /** What {@link #adopt} did with a candidate. */
  public enum Adoption {
    /** The candidate is the next version and verified: it is now current. */
    ADOPTED,
    /** The candidate's version is already held (same or different bytes): nothing changes. */
    ALREADY_HELD,
    /** The candidate lies more than one version ahead: the versions between are needed first. */
    AHEAD
  }

  private final Store store;
  // immutable, replaced whole by adopt(): read on event loops (every peer handshake checks it)
  private volatile List<SignedRoster> versions;
  private final Object adoption = new Object();
  private final List<Consumer<SignedRoster>> listeners = new CopyOnWriteArrayList<>();

  private RosterBook(Store store, List<SignedRoster> versions) {
    this.store = store;
    this.versions = List.copyOf(versions);
  }

  /** A book over an already verified chain, persisting versions not yet in the store. */
  static RosterBook create(Store store, List<SignedRoster> chain, int alreadyStored) {
    StoreWrite w = StoreWrite.create();
    for (SignedRoster r : chain.subList(alreadyStored, chain.size())) {
      w.putMeta(key(r.roster().version()), r.envelope().toJson());
    }
    if (!w.isEmpty()) {
      store.commit(w);
    }
    return new RosterBook(store, chain);
  }

  static String key(long version) {
    return KEY_PREFIX + String.format("%016d", version);
  }

  /** The version in force. */
  public SignedRoster current() {
    List<SignedRoster> v = versions;
    return v.get(v.size() - 1);
  }

  /** Every adopted version, version 1 first. */
  public List<SignedRoster> all() {
    return versions;
  }

  /** Versions from {@code from} (1-based) on, oldest first; empty when none. */
  public List<SignedRoster> from(long from) {
    List<SignedRoster> v = versions;
    int start = (int) Math.max(0, Math.min(v.size(), from - 1));
    return List.copyOf(v.subList(start, v.size()));
  }

  /**
   * The member whose key has this id in the current version or, for entries signed before a key
   * change, in the latest earlier version that lists it, together with that key.
   */
  public Optional<MemberRecord> signerOf(KeyId keyId) {
    List<SignedRoster> v = versions;
    for (int i = v.size() - 1; i >= 0; i--) {
      Optional<MemberRecord> m = v.get(i).roster().memberByKeyId(keyId);
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }

  /** The key a member's envelope must verify with, given the key id it names. */
  public Optional<Ed25519PublicKey> keyOf(KeyId keyId) {
    return signerOf(keyId).map(MemberRecord::key);
  }

  /** Calls {@code listener} with each version adopted from now on. */
  public void onAdopt(Consumer<SignedRoster> listener) {
    listeners.add(listener);
  }

  /**
   * Adopts {@code candidate} when it is the next version and verifies against the current one;
   * blocking (stores the version durably first).
   *
   * @throws RosterVerificationException when it is the next version but does not verify (for
   *     example a proposal without quorum)
   */
  public Adoption adopt(Envelope candidate) throws RosterVerificationException {
    SignedRoster adopted;
    synchronized (adoption) {
      long held = current().roster().version();
      long version = peekVersion(candidate);
      if (version <= held) {
        return Adoption.ALREADY_HELD;
      }
      if (version > held + 1) {
        return Adoption.AHEAD;
      }
      adopted = RosterVerifier.verifyNext(current(), candidate);
      store.commit(StoreWrite.create().putMeta(key(adopted.roster().version()), adopted.envelope().toJson()));
      List<SignedRoster> next = new ArrayList<>(versions);
      next.add(adopted);
      versions = List.copyOf(next);
    }
    LOG.info(() -> "adopted roster " + adopted);
    for (Consumer<SignedRoster> l : listeners) {
      try {
        l.accept(adopted);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "roster listener failed after adopting version " + adopted.roster().version(), e);
      }
    }
    return Adoption.ADOPTED;
  }

  /**
   * The version a candidate claims, read without verifying: only to decide whether to verify it
   * against the current version. A payload that does not parse counts as the next version, so
   * that verification names what is wrong.
   */
  private long peekVersion(Envelope candidate) {
    try {
      return Roster.parse(candidate.payload()).version();
    } catch (RosterFormatException e) {
      return current().roster().version() + 1;
    }
  }
}
