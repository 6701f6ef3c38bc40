package org.hashfed.node.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hashfed.node.entries.Ingested;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.roster.RosterBook;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.feed.FeedValidator;
import org.hashfed.protocol.feed.FeedVerdict;
import org.hashfed.protocol.roster.MemberRecord;

/**
 * Where entries from peers enter: each envelope is checked against the roster and the member's
 * feed ({@link FeedValidator}) before the ledger stores it. Duplicates cost one store look-up;
 * out-of-order entries wait in {@link Pending}; two entries with one member and seq become
 * evidence and hold the member. Serialised and blocking: call it from a worker thread.
 */
final class Intake {

  /** One envelope offered by a peer, with the peers it should still be relayed to. */
  record Offer(byte[] envelope, List<MemberId> relay) {}

  /** How a peer's entries were received, for accounting, scoring and relay. */
  record Origin(MemberId source, List<MemberId> relay, boolean pushed) {}

  /**
   * What became of a batch; {@code dropped} are out-of-order entries the full pending area had no
   * room for (anti-entropy brings them again).
   */
  record Result(int accepted, int duplicates, int pending, int dropped, int rejected, int held, List<String> problems,
      Map<MemberId, Long> gaps, List<EquivocationEvidence> newEvidence) {}

  private static final ThreadLocal<Map<EntryId, Origin>> ORIGINS = new ThreadLocal<>();
  private static final int MAX_PROBLEMS = 10;

  private final Supplier<Ledger> ledger;
  private final Store store;
  private final RosterBook book;
  private final EvidenceBook evidence;
  private final Pending pending;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();

  Intake(Supplier<Ledger> ledger, Store store, RosterBook book, EvidenceBook evidence, Pending pending) {
    this.ledger = ledger;
    this.store = store;
    this.book = book;
    this.evidence = evidence;
    this.pending = pending;
  }

  /** How {@code entry}, which the ledger is storing on this thread, arrived; null for this node's own entries. */
  static Origin originOf(SignedEntry entry) {
    Map<EntryId, Origin> origins = ORIGINS.get();
    return origins == null ? null : origins.get(entry.id());
  }

  /**
   * Validates a batch from {@code source} and stores what it accepts in one durable ledger write;
   * {@code pushed} when it came by push rather than a fetch. Returns once the accepted entries are durable.
   */
  synchronized Result offer(MemberId source, List<Offer> offers, boolean pushed) {
    Batch b = new Batch();
    for (Offer o : offers) {
      received.incrementAndGet();
      one(source, o, pushed, b);
    }
    storeStaged(b);
    return new Result(b.accepted, b.duplicates, b.pending, b.dropped, b.rejected, b.held, b.problems, b.gaps,
        b.newEvidence);
  }

  private void storeStaged(Batch b) {
    if (b.staged.isEmpty()) {
      return;
    }
    ORIGINS.set(b.origins);
    try {
      Ingested r = ledger.get().ingestAll(b.staged);
      if (!r.complete()) {
        // Intake validated every staged entry against the staged heads, so this means a bug or a
        // concurrent writer; the unstored rest comes again by anti-entropy.
        b.accepted -= b.staged.size() - r.stored().size();
        b.reject("not stored: " + r.problem().orElse(""));
      }
    } finally {
      ORIGINS.remove();
    }
  }

  private static final class Batch {
    int accepted;
    int duplicates;
    int pending;
    int dropped;
    int rejected;
    int held;
    final List<String> problems = new ArrayList<>();
    final Map<MemberId, Long> gaps = new LinkedHashMap<>();
    final List<EquivocationEvidence> newEvidence = new ArrayList<>();
    final List<SignedEntry> staged = new ArrayList<>();
    final Map<EntryId, Origin> origins = new HashMap<>();
    final Map<MemberId, FeedState> heads = new HashMap<>();
    final Map<MemberId, Map<Long, SignedEntry>> bySeq = new HashMap<>();

    void reject(String problem) {
      rejected++;
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(problem);
      }
    }
  }

  private void one(MemberId source, Offer o, boolean pushed, Batch b) {
    Envelope env;
    try {
      env = Envelope.parse(o.envelope());
    } catch (EnvelopeFormatException e) {
      b.reject("malformed envelope: " + e.getMessage());
      return;
    }
    if (!Entry.PAYLOAD_TYPE.equals(env.payloadType()) || env.signatures().size() != 1) {
      b.reject("envelope is not an entry with one signature (payloadType " + env.payloadType() + ", "
          + env.signatures().size() + " signatures)");
      return;
    }
    EntryId id = EntryId.ofPayload(env.payload());
    if (b.origins.containsKey(id) || store.envelope(id.bytes()).isPresent()) {
      duplicates.incrementAndGet();
      b.duplicates++;
      return;
    }
    Optional<MemberRecord> signer = book.signerOf(env.signatures().get(0).keyId());
    if (signer.isEmpty()) {
      b.reject("entry signed by key " + env.signatures().get(0).keyId() + ", which no roster version lists");
      return;
    }
    MemberId m = signer.get().id();
    if (evidence.isHeld(m)) {
      b.held++;
      return;
    }
    FeedState state = head(m, b);
    FeedVerdict v = FeedValidator.create(m, signer.get().key()).classify(env, state, seq -> heldEntry(m, seq, b));
    if (v instanceof FeedVerdict.Accepted a) {
      if (requireActive(m, b)) {
        stage(a.entry(), new Origin(source, o.relay(), pushed), b);
        b.accepted++;
        drain(m, b);
      }
    } else if (v instanceof FeedVerdict.Duplicate) {
      duplicates.incrementAndGet();
      b.duplicates++;
    } else if (v instanceof FeedVerdict.Gap g) {
      if (requireActive(m, b)) {
        Pending.Put put = pending.put(new Pending.Waiting(g.entry(), source, o.relay(), pushed));
        if (put instanceof Pending.Conflict c) {
          equivocation(EquivocationEvidence.of(c.other(), g.entry()), b);
        } else if (put instanceof Pending.Full) {
          b.dropped++;
          b.gaps.put(m, g.missingFrom());
        } else {
          b.pending++;
          b.gaps.put(m, g.missingFrom());
        }
      }
    } else if (v instanceof FeedVerdict.Rejected r) {
      b.reject(r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message());
    } else if (v instanceof FeedVerdict.Equivocation e) {
      equivocation(e.evidence(), b);
    }
  }

  private boolean requireActive(MemberId m, Batch b) {
    if (book.current().roster().isActive(m)) {
      return true;
    }
    b.reject("member " + m + " is " + book.current().roster().statusOf(m).map(s -> s.wireName()).orElse("unknown")
        + " in roster version " + book.current().roster().version() + ": its new entries are refused");
    return false;
  }

  private void equivocation(EquivocationEvidence e, Batch b) {
    pending.drop(e.member());
    if (evidence.record(e)) {
      b.newEvidence.add(e);
    }
  }

  /** Stores evidence a peer relayed after verifying it; returns it when it is new to this node. */
  synchronized Optional<EquivocationEvidence> offerEvidence(byte[] json, MemberId member) {
    Optional<EquivocationEvidence> e = EvidenceBook.parseWithAnyKey(json, member, book);
    if (e.isEmpty()) {
      throw new IllegalArgumentException("evidence for member " + member
          + " does not verify with any key the roster gives that member, or is not an equivocation");
    }
    pending.drop(member);
    return evidence.record(e.get()) ? e : Optional.empty();
  }

  private void drain(MemberId m, Batch b) {
    while (true) {
      FeedState state = head(m, b);
      Optional<Pending.Waiting> next = pending.take(m, state.lastSeq() + 1);
      if (next.isEmpty()) {
        return;
      }
      Pending.Waiting w = next.get();
      MemberRecord signer = book.signerOf(w.entry().envelope().signatures().get(0).keyId()).orElseThrow();
      FeedVerdict v = FeedValidator.create(m, signer.key()).classify(w.entry().envelope(), state,
          seq -> heldEntry(m, seq, b));
      if (v instanceof FeedVerdict.Accepted a) {
        stage(a.entry(), new Origin(w.source(), w.relay(), w.pushed()), b);
        b.accepted++;
      } else if (v instanceof FeedVerdict.Equivocation e) {
        equivocation(e.evidence(), b);
        return;
      } else if (v instanceof FeedVerdict.Rejected r) {
        b.reject("pending " + r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message());
      }
    }
  }

  /** The member's feed head as the ledger holds it, advanced by the entries this batch staged. */
  private FeedState head(MemberId m, Batch b) {
    FeedState staged = b.heads.get(m);
    return staged != null ? staged : ledger.get().feed(m);
  }

  private void stage(SignedEntry entry, Origin origin, Batch b) {
    MemberId m = entry.entry().member();
    b.heads.put(m, head(m, b).advance(entry));
    b.bySeq.computeIfAbsent(m, k -> new HashMap<>()).put(entry.entry().seq(), entry);
    b.staged.add(entry);
    b.origins.put(entry.id(), origin);
  }

  private Optional<SignedEntry> heldEntry(MemberId m, long seq, Batch b) {
    SignedEntry staged = b.bySeq.getOrDefault(m, Map.of()).get(seq);
    if (staged != null) {
      return Optional.of(staged);
    }
    Optional<byte[]> id = store.feedEntry(m.value(), seq);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      Envelope env = Envelope.parse(store.envelope(id.get()).orElseThrow());
      MemberRecord signer = book.signerOf(env.signatures().get(0).keyId()).orElseThrow();
      return Optional.of(SignedEntry.verify(env, signer.key()));
    } catch (Exception e) {
      throw new IllegalStateException("stored entry " + m + "#" + seq + " no longer verifies: " + e.getMessage(), e);
    }
  }

  /** The lowest seq waiting for a member, to know whether a gap fetch is still needed. */
  synchronized Optional<Long> lowestPending(MemberId member) {
    return pending.lowest(member);
  }

  synchronized int pendingSize() {
    return pending.size();
  }

  /** Entries received from peers, duplicates included. */
  long receivedCount() {
    return received.get();
  }

  /** Entries received that this node already held. */
  long duplicateCount() {
    return duplicates.get();
  }
}
