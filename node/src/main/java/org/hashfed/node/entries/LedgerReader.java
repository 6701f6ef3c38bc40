package org.hashfed.node.entries;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.feed.FeedState;

/**
 * The read side of the {@link Ledger}: feed heads, the {@link Catalog} and look-ups of stored
 * entries. It never writes; the heads it reads are the ones {@link LedgerWriter} publishes once
 * their entries are matchable. Look-ups block on RocksDB and must run on a worker thread.
 */
final class LedgerReader {

  private final Store store;
  private final MemberId member;
  private final Catalog catalog;
  private final Clock clock;
  private final Map<MemberId, FeedState> feeds;

  LedgerReader(Store store, MemberId member, Catalog catalog, Clock clock, Map<MemberId, FeedState> feeds) {
    this.store = store;
    this.member = member;
    this.catalog = catalog;
    this.clock = clock;
    this.feeds = feeds;
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

  /** The catalog of matchable submissions. */
  public Catalog catalog() {
    return catalog;
  }

  /** This node's member. */
  public MemberId member() {
    return member;
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

  /** The stored submission {@code target}, for the writer's checks on retract, relabel and opinion. */
  Entry requireSubmission(EntryId target) {
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

  /**
   * What the stored entries referring to {@code entry} say about it, in one pass: its member's
   * retraction and relabels (another member's are not applied anywhere, so they count for nothing
   * here either) and every member's opinions.
   */
  References references(EntryId id, Entry entry) {
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

  record References(Optional<EntryId> retractedBy, List<EntryRecord.OpinionRef> opinions,
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

  record Relabelled(long seq, EntryId id, List<Label> labels) {}
}
