package org.hashfed.node.entries;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.identity.MemberIdentity;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.EntryFormatException;
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
 * The node's entries: appends this member's signed entries (and verified entries of other
 * members) to their feeds in the store, keeps the {@link Catalog} in step, and answers entry
 * look-ups.
 *
 * <p>Every write is one atomic, fsynced store batch, and the catalog changes only after it, so
 * anything acknowledged survives a crash and anything matchable is stored. Writes are serialised;
 * every method blocks on RocksDB and must run on a worker thread.
 */
public final class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
  /** How long a request for a new own entry waits for the {@link OwnFeedGate} before it is refused. */
  public static final java.time.Duration OWN_FEED_WAIT = java.time.Duration.ofSeconds(10);

  private final Store store;
  private final MemberIdentity identity;
  private final EntrySigner signer;
  private final Catalog catalog;
  private final int minPdqQuality;
  private final Clock clock;
  private final Map<MemberId, FeedState> feeds;
  private final List<LedgerListener> listeners;
  private final OwnFeedGate ownFeed;

  private Ledger(Store store, MemberIdentity identity, Catalog catalog, int minPdqQuality, Clock clock,
      Map<MemberId, FeedState> feeds, List<LedgerListener> listeners, OwnFeedGate ownFeed) {
    this.store = store;
    this.ownFeed = ownFeed;
    this.listeners = List.copyOf(listeners);
    this.identity = identity;
    this.signer = identity.signer();
    this.catalog = catalog;
    this.minPdqQuality = minPdqQuality;
    this.clock = clock;
    this.feeds = new ConcurrentHashMap<>(feeds);
  }

  /**
   * Replays every stored feed, in order, to rebuild the feed heads and the catalog; blocking.
   * The replay reads the compact replay record stored with each entry (building them from the
   * envelopes first for a store that lacks them), not the envelopes, handing each entry once to
   * every listener's {@link LedgerListener#replayed}. {@code listeners} follow every entry
   * accepted after the replay.
   *
   * @throws StoreException when the store cannot be read or a stored envelope needed to rebuild a
   *     record does not parse
   */
  public static Ledger open(Store store, MemberIdentity identity, int minPdqQuality, Clock clock,
      List<LedgerListener> listeners) {
    return open(store, identity, minPdqQuality, clock, listeners, OwnFeedGate.opened());
  }

  /**
   * As {@link #open(Store, MemberIdentity, int, Clock, List)}, holding this member's new entries
   * until {@code ownFeed} opens.
   */
  public static Ledger open(Store store, MemberIdentity identity, int minPdqQuality, Clock clock,
      List<LedgerListener> listeners, OwnFeedGate ownFeed) {
    long started = System.nanoTime();
    LedgerReplay.ensureRecords(store);
    Map<MemberId, ReplayRecord> heads = new LinkedHashMap<>();
    Catalog.Builder listings = Catalog.builder((int) Math.min(Integer.MAX_VALUE, store.estimatedReplayRecords()));
    long count = LedgerReplay.run(store, r -> {
      heads.put(r.member(), r);
      if (r.body() instanceof ReplayRecord.Submitted s) {
        listings.add(Listing.create(r.id(), r.member(), s.signal(), s.labels(), s.incident(), r.time(),
            s.expiresAt()));
      } else if (r.body() instanceof ReplayRecord.Retracted t) {
        listings.retract(t.target(), r.member());
      } else if (r.body() instanceof ReplayRecord.Relabelled t) {
        listings.relabel(t.target(), r.member(), t.labels());
      }
      for (LedgerListener l : listeners) {
        l.replayed(r);
      }
    });
    Map<MemberId, FeedState> feeds = new LinkedHashMap<>();
    heads.forEach((m, r) -> feeds.put(m, FeedState.of(new FeedHead(m, r.seq(), r.id(), r.time()))));
    Catalog catalog = listings.build();
    LOG.info(() -> "rebuilt indexes from " + count + " entries of " + feeds.size() + " members: "
        + catalog.size() + " matchable signals in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return new Ledger(store, identity, catalog, minPdqQuality, clock, feeds, listeners, ownFeed);
  }

  private static Entry parse(byte[] envelopeBytes, String member, long seq) {
    try {
      return Entry.parse(payloadOf(envelopeBytes, member, seq));
    } catch (EntryFormatException e) {
      throw new StoreException("stored entry " + member + "/" + seq + " does not parse: " + e.getMessage(), e);
    }
  }

  private static byte[] payloadOf(byte[] envelopeBytes, String member, long seq) {
    try {
      return Envelope.parse(envelopeBytes).payload();
    } catch (EnvelopeFormatException e) {
      throw new StoreException("stored envelope " + member + "/" + seq + " does not parse: " + e.getMessage(), e);
    }
  }

  /** The gate holding this member's new entries until a peer confirms the node holds its whole feed. */
  public OwnFeedGate ownFeed() {
    return ownFeed;
  }

  /** The catalog of matchable submissions. */
  public Catalog catalog() {
    return catalog;
  }

  /** This node's member. */
  public MemberId member() {
    return identity.member();
  }

  /** Highest stored seq of each member's feed. */
  public Map<String, Long> entriesByMember() {
    Map<String, Long> out = new LinkedHashMap<>();
    feeds.forEach((m, s) -> out.put(m.value(), s.lastSeq()));
    return out;
  }

  /** What this node holds of a member's feed: empty, or its contiguous head. */
  public FeedState feed(MemberId member) {
    return feeds.getOrDefault(member, FeedState.empty(member));
  }

  /**
   * Signs and stores a submission of this member.
   *
   * @throws RefusedException {@link Refusal#LOW_QUALITY} for a PDQ hash below the minimum quality, or a
   *     vpdq signal with no frame of shareable quality
   * @throws IllegalArgumentException when the entry would be invalid (for example expiry before now)
   */
  public Appended submit(Submit submit) {
    ownFeed.await(OWN_FEED_WAIT);
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
    ownFeed.await(OWN_FEED_WAIT);
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
    ownFeed.await(OWN_FEED_WAIT);
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
    Entry t = requireSubmission(target);
    if (!t.member().equals(identity.member())) {
      throw new RefusedException(Refusal.NOT_OWN_ENTRY, "entry " + target + " belongs to member " + t.member()
          + ": a member can " + verb + " only its own submissions (" + instead + ")");
    }
    References refs = references(target, t);
    if (refs.retractedBy().isPresent()) {
      throw new RefusedException(Refusal.ALREADY_RETRACTED, "entry " + target + " " + retracted);
    }
    return new OwnSubmission(t, refs);
  }

  private record OwnSubmission(Entry entry, References references) {}

  /**
   * What the stored entries referring to {@code entry} say about it, in one pass: its member's
   * retraction and relabels (another member's are not applied anywhere, so they count for nothing
   * here either) and every member's opinions.
   */
  private References references(EntryId id, Entry entry) {
    Optional<EntryId> retractedBy = Optional.empty();
    List<EntryRecord.OpinionRef> opinions = new ArrayList<>();
    List<Relabelled> relabels = new ArrayList<>();
    for (byte[] src : store.refsTo(id.bytes())) {
      EntryId srcId = EntryId.parse(HexFormat.of().formatHex(src));
      Optional<Entry> e = load(srcId);
      if (e.isEmpty()) {
        continue;
      }
      boolean byAuthor = e.get().member().equals(entry.member());
      if (e.get().body() instanceof Retract && byAuthor) {
        retractedBy = Optional.of(srcId);
      } else if (e.get().body() instanceof Relabel r && byAuthor) {
        relabels.add(new Relabelled(e.get().seq(), srcId, r.labels()));
      } else if (e.get().body() instanceof Opinion) {
        opinions.add(new EntryRecord.OpinionRef(srcId, e.get()));
      }
    }
    relabels.sort(java.util.Comparator.comparingLong(Relabelled::seq));
    return new References(retractedBy, opinions, relabels);
  }

  private record References(Optional<EntryId> retractedBy, List<EntryRecord.OpinionRef> opinions,
      List<Relabelled> relabels) {

    /** A submission's labels after its member's relabels: the latest in its feed wins. */
    List<Label> labels(Entry submission) {
      return relabels.isEmpty()
          ? ((Submit) submission.body()).labels() : relabels.get(relabels.size() - 1).labels();
    }

    List<EntryId> relabelledBy() {
      return relabels.stream().map(Relabelled::id).toList();
    }
  }

  private record Relabelled(long seq, EntryId id, List<Label> labels) {}

  /**
   * Gives this member's opinion on another member's submission.
   *
   * @throws RefusedException when the entry is absent, not a submission, or this member's own
   */
  public Appended opinion(EntryId target, Stance stance, ReasonCode reason, Optional<String> note) {
    ownFeed.await(OWN_FEED_WAIT);
    synchronized (this) {
      return opinionNow(target, stance, reason, note);
    }
  }

  private Appended opinionNow(EntryId target, Stance stance, ReasonCode reason, Optional<String> note) {
    Entry t = requireSubmission(target);
    if (t.member().equals(identity.member())) {
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
    MemberId me = identity.member();
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
    for (SignedEntry signed : batch) {
      LedgerRecords.stage(signed, w);
    }
    for (LedgerListener l : listeners) {
      l.beforeCommitAll(batch, w);
    }
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
    for (SignedEntry signed : batch) {
      for (LedgerListener l : listeners) {
        try {
          l.afterCommit(signed);
        } catch (RuntimeException ex) {
          LOG.log(Level.WARNING, "listener " + l.getClass().getSimpleName()
              + " failed after entry " + signed.id() + " was stored", ex);
        }
      }
    }
  }

  private Entry requireSubmission(EntryId target) {
    Entry t = load(target).orElseThrow(() ->
        new RefusedException(Refusal.ENTRY_NOT_FOUND, "no entry " + target + " is stored on this node"));
    if (!(t.body() instanceof Submit)) {
      throw new RefusedException(Refusal.NOT_A_SUBMISSION, "entry " + target + " is a " + t.kind()
          + " entry: expected a submit entry");
    }
    return t;
  }

  private Optional<Entry> load(EntryId id) {
    return store.envelope(id.bytes()).map(b -> parse(b, "entry", 0));
  }

  /** The ids of stored entries whose id starts with {@code prefix}; blocking. */
  public List<EntryId> idsWithPrefix(byte[] prefix) {
    List<EntryId> out = new ArrayList<>();
    for (byte[] id : store.envelopeIdsWithPrefix(prefix)) {
      out.add(EntryId.ofDigest(id));
    }
    return out;
  }

  /**
   * Runs {@code action} while no entry is being committed, so that what it reads of the store
   * (the event log's head) is already applied to the catalog.
   */
  public synchronized <T> T whileIdle(java.util.function.Supplier<T> action) {
    return action.get();
  }

  /** The stored entry with its envelope, status and opinions, if any; blocking. */
  public Optional<EntryRecord> find(EntryId id) {
    Optional<byte[]> bytes = store.envelope(id.bytes());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Envelope envelope;
    try {
      envelope = Envelope.parse(bytes.get());
    } catch (EnvelopeFormatException e) {
      throw new StoreException("stored envelope " + id + " does not parse: " + e.getMessage(), e);
    }
    Entry entry = parse(bytes.get(), "entry", 0);
    References refs = references(id, entry);
    EntryRecord.Status status = EntryRecord.Status.ACTIVE;
    if (refs.retractedBy().isPresent()) {
      status = EntryRecord.Status.RETRACTED;
    } else if (entry.body() instanceof Submit s && s.expiresAt().isPresent()
        && !clock.instant().isBefore(s.expiresAt().get())) {
      status = EntryRecord.Status.EXPIRED;
    }
    boolean submit = entry.body() instanceof Submit;
    return Optional.of(new EntryRecord(id, entry, envelope, status, refs.retractedBy(), refs.opinions(),
        submit ? Optional.of(refs.labels(entry)) : Optional.empty(), submit ? refs.relabelledBy() : List.of()));
  }
}
