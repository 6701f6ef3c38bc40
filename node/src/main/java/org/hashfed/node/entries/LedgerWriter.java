package org.hashfed.node.entries;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.ReasonCode;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedHead;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.SignalType;

/**
 * The write side of the {@link Ledger}: signs and appends this member's entries, stores verified
 * entries of other members, and keeps the {@link Catalog} and the feed heads in step.
 *
 * <p>Every write is one atomic, fsynced store batch, and the catalog changes only after it, so
 * anything acknowledged survives a crash and anything matchable is stored. Writes are serialised
 * on this object; every method blocks on RocksDB and must run on a worker thread.
 */
final class LedgerWriter {

  private final Store store;
  private final MemberId member;
  // null on a read follower, which holds no member key: its own writes are refused
  private final EntrySigner signer;
  private final Catalog catalog;
  private final int minPdqQuality;
  private final Clock clock;
  private final Map<MemberId, FeedState> feeds;
  private final List<LedgerListener> listeners;
  private final OwnFeedGate ownFeed;
  private final LedgerReader reader;

  LedgerWriter(Store store, MemberIdentity identity, Catalog catalog, int minPdqQuality, Clock clock,
      Map<MemberId, FeedState> feeds, List<LedgerListener> listeners, OwnFeedGate ownFeed, LedgerReader reader) {
    this(store, identity.member(), identity.signer(), catalog, minPdqQuality, clock, feeds, listeners, ownFeed, reader);
  }

  /** A writer of {@code member}'s node that cannot sign: a read follower's, which only applies copied records. */
  static LedgerWriter replica(Store store, MemberId member, Catalog catalog, Clock clock,
      Map<MemberId, FeedState> feeds, List<LedgerListener> listeners, LedgerReader reader) {
    return new LedgerWriter(store, member, null, catalog, 0, clock, feeds, listeners, OwnFeedGate.opened(), reader);
  }

  private LedgerWriter(Store store, MemberId member, EntrySigner signer, Catalog catalog, int minPdqQuality,
      Clock clock, Map<MemberId, FeedState> feeds, List<LedgerListener> listeners, OwnFeedGate ownFeed,
      LedgerReader reader) {
    this.store = store;
    this.ownFeed = ownFeed;
    this.listeners = List.copyOf(listeners);
    this.member = member;
    this.signer = signer;
    this.catalog = catalog;
    this.minPdqQuality = minPdqQuality;
    this.clock = clock;
    this.feeds = feeds;
    this.reader = reader;
  }

  /** The gate holding this member's new entries until a peer confirms the node holds its whole feed. */
  OwnFeedGate ownFeed() {
    return ownFeed;
  }

  /**
   * Signs and stores a submission of this member.
   *
   * @throws RefusedException {@link Refusal#LOW_QUALITY} for a PDQ hash below the minimum quality, or a
   *     vpdq signal with no frame of shareable quality
   * @throws IllegalArgumentException when the entry would be invalid (for example expiry before now)
   */
  public Appended submit(Submit submit) {
    ownFeed.await(Ledger.OWN_FEED_WAIT);
    synchronized (this) {
      return submitNow(submit);
    }
  }

  private Appended submitNow(Submit submit) {
    if (submit.signal().type() == SignalType.PDQ) {
      int quality = submit.signal().quality().orElse(-1);
      if (quality < minPdqQuality) {
        throw new RefusedException(Refusal.LOW_QUALITY, quality < 0
            ? "pdq submissions need a quality: expected \"quality\" from " + minPdqQuality + " to 100"
            : "pdq quality " + quality + " is below this node's minimum of " + minPdqQuality
                + ": low-quality hashes match unrelated images");
      }
    }
    if (submit.signal().video().isPresent() && !submit.signal().video().get().hasShareableFrame()) {
      throw new RefusedException(Refusal.LOW_QUALITY, "no frame of this vpdq signal reaches pdq quality "
          + PdqResult.MIN_SHAREABLE_QUALITY + ": a video of flat frames matches unrelated videos");
    }
    return appendOwn(submit);
  }

  /**
   * Retracts one of this member's submissions.
   *
   * @throws RefusedException when the entry is absent, not a submission, another member's or already retracted
   */
  public Appended retract(EntryId target, ReasonCode reason, Optional<String> note) {
    ownFeed.await(Ledger.OWN_FEED_WAIT);
    synchronized (this) {
      return retractNow(target, reason, note);
    }
  }

  private Appended retractNow(EntryId target, ReasonCode reason, Optional<String> note) {
    requireOwnActiveSubmission(target, "retract", "give an opinion instead", "is already retracted");
    return appendOwn(new Retract(target, reason, note));
  }

  /**
   * Replaces the labels of one of this member's active submissions.
   *
   * @throws RefusedException when the entry is absent, not a submission, another member's,
   *     retracted, or already has exactly these labels
   */
  public Appended relabel(Relabel relabel) {
    ownFeed.await(Ledger.OWN_FEED_WAIT);
    synchronized (this) {
      return relabelNow(relabel);
    }
  }

  private Appended relabelNow(Relabel relabel) {
    EntryId target = relabel.target();
    OwnSubmission own = requireOwnActiveSubmission(target, "relabel",
        "give an opinion, reason wrong_label, instead",
        "is retracted: a retracted submission cannot be relabelled (submit the hash again instead)");
    List<Label> current = own.references().labels(own.entry());
    if (current.equals(relabel.labels())) {
      throw new RefusedException(Refusal.LABELS_UNCHANGED, "entry " + target + " already has the labels "
          + current.stream().map(Label::value).toList() + ": nothing to change");
    }
    return appendOwn(relabel);
  }

  /**
   * The checks retract and relabel share: {@code target} is a stored submission of this member
   * that its member has not retracted.
   *
   * @param verb what the member tries, for the message when the submission is another member's
   * @param instead what to do instead on another member's submission
   * @param retracted the end of the message when the submission is retracted
   */
  private OwnSubmission requireOwnActiveSubmission(EntryId target, String verb, String instead, String retracted) {
    Entry t = reader.requireSubmission(target);
    if (!t.member().equals(member)) {
      throw new RefusedException(Refusal.NOT_OWN_ENTRY, "entry " + target + " belongs to member " + t.member()
          + ": a member can " + verb + " only its own submissions (" + instead + ")");
    }
    LedgerReader.References refs = reader.references(target, t);
    if (refs.retractedBy().isPresent()) {
      throw new RefusedException(Refusal.ALREADY_RETRACTED, "entry " + target + " " + retracted);
    }
    return new OwnSubmission(t, refs);
  }

  private record OwnSubmission(Entry entry, LedgerReader.References references) {}

  /**
   * Gives this member's opinion on another member's submission.
   *
   * @throws RefusedException when the entry is absent, not a submission, or this member's own
   */
  public Appended opinion(EntryId target, Stance stance, ReasonCode reason, Optional<String> note) {
    ownFeed.await(Ledger.OWN_FEED_WAIT);
    synchronized (this) {
      return opinionNow(target, stance, reason, note);
    }
  }

  private Appended opinionNow(EntryId target, Stance stance, ReasonCode reason, Optional<String> note) {
    Entry t = reader.requireSubmission(target);
    if (t.member().equals(member)) {
      throw new RefusedException(Refusal.OWN_ENTRY, "entry " + target
          + " is this member's own submission: opinions are on other members' entries (retract your own instead)");
    }
    return appendOwn(new Opinion(target, t.member(), stance, reason, note));
  }

  /**
   * Stores a verified entry that follows its feed's head (from a peer).
   *
   * @throws IllegalArgumentException when it does not follow the head
   */
  public synchronized Appended ingest(SignedEntry verified) {
    Ingested r = ingestAll(List.of(verified));
    if (!r.complete()) {
      throw new IllegalArgumentException(r.problem().orElseThrow());
    }
    return r.stored().get(0);
  }

  /**
   * Stores verified entries from peers, in order, in one atomic fsynced batch: the longest prefix
   * in which each entry follows its feed's head (as advanced by the entries before it). The first
   * entry that does not (a gap, a second entry for a seq) is refused with the entries after it,
   * which are not stored; the prefix is. This member's own entries are accepted too: a peer holds
   * them only when this node lost them (its store was lost or restored), and they carry this
   * member's signature, so storing them is how the node recovers its feed ({@link OwnFeedGate}).
   */
  public synchronized Ingested ingestAll(List<SignedEntry> verified) {
    Map<MemberId, FeedState> next = new LinkedHashMap<>();
    List<SignedEntry> accepted = new ArrayList<>(verified.size());
    Optional<SignedEntry> refused = Optional.empty();
    Optional<String> problem = Optional.empty();
    for (SignedEntry v : verified) {
      MemberId m = v.entry().member();
      try {
        FeedState head = next.containsKey(m) ? next.get(m) : feeds.getOrDefault(m, FeedState.empty(m));
        next.put(m, head.advance(v));
        accepted.add(v);
      } catch (IllegalArgumentException e) {
        refused = Optional.of(v);
        problem = Optional.of(e.getMessage());
        break;
      }
    }
    if (!accepted.isEmpty()) {
      commit(accepted, next);
    }
    List<Appended> stored = new ArrayList<>(accepted.size());
    for (SignedEntry a : accepted) {
      stored.add(new Appended(a.id(), a.entry().member(), a.entry().seq()));
    }
    return new Ingested(stored, refused, problem);
  }

  private Appended appendOwn(EntryBody body) {
    if (signer == null) {
      throw new IllegalStateException("a read follower holds no member key and signs nothing: its leader writes");
    }
    MemberId me = member;
    FeedState state = feeds.getOrDefault(me, FeedState.empty(me));
    Instant now = EntryTime.truncate(clock.instant());
    Instant time = state.head().map(h -> h.time().isAfter(now) ? h.time() : now).orElse(now);
    SignedEntry signed = signer.sign(state.next(time, body));
    commit(signed, state.advance(signed));
    return new Appended(signed.id(), me, signed.entry().seq());
  }

  private void commit(SignedEntry signed, FeedState next) {
    commit(List.of(signed), Map.of(signed.entry().member(), next));
  }

  private void commit(List<SignedEntry> batch, Map<MemberId, FeedState> next) {
    StoreWrite w = StoreWrite.create();
    LedgerRecords.stageBatch(batch, listeners, w);
    store.commit(w);
    // The heads are published only once the entries are matchable, so that whoever sees a head
    // (a peer's heads exchange, a test) finds the entries below it in the catalog; in a finally,
    // so that the heads still follow the store if the catalog throws.
    try {
      for (SignedEntry signed : batch) {
        Entry e = signed.entry();
        if (e.body() instanceof Submit) {
          catalog.add(Listing.of(signed.id(), e));
        } else if (e.body() instanceof Retract r) {
          catalog.retract(r.target(), e.member());
        } else if (e.body() instanceof Relabel r) {
          catalog.relabel(r.target(), e.member(), r.labels());
        }
      }
    } finally {
      feeds.putAll(next);
    }
    LedgerRecords.committed(batch, listeners);
  }

  /**
   * Applies the replay records of entries a read follower copied from its leader's store (already
   * in this store) to the catalog, the feed heads and the listeners' {@link LedgerListener#replayed},
   * as a start-up replay does; in the leader's commit order.
   */
  public synchronized void applyCopied(List<ReplayRecord> records) {
    Map<MemberId, FeedState> next = new HashMap<>();
    try {
      for (ReplayRecord r : records) {
        if (r.body() instanceof ReplayRecord.Submitted s) {
          catalog.add(Listing.create(r.id(), r.member(), s.signal(), s.labels(), s.incident(), r.time(),
              s.expiresAt()));
        } else if (r.body() instanceof ReplayRecord.Retracted t) {
          catalog.retract(t.target(), r.member());
        } else if (r.body() instanceof ReplayRecord.Relabelled t) {
          catalog.relabel(t.target(), r.member(), t.labels());
        }
        next.put(r.member(), FeedState.of(new FeedHead(r.member(), r.seq(), r.id(), r.time())));
        for (LedgerListener l : listeners) {
          l.replayed(r);
        }
      }
    } finally {
      feeds.putAll(next);
    }
  }

  /**
   * Runs {@code action} while no entry is being committed, so that what it reads of the store
   * (the event log's head) is already applied to the catalog.
   */
  public synchronized <T> T whileIdle(java.util.function.Supplier<T> action) {
    return action.get();
  }
}
