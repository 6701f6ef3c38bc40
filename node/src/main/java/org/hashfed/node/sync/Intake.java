package org.hashfed.node.sync;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * evidence and hold the member.
 *
 * <p>Group commit: batches offered while the previous group is being stored wait in a queue, and
 * one worker task validates all of them, in arrival order, and stores what they accept in one
 * ledger write (one fsync) before any of them is answered. During a burst a node that hears from
 * many peers at once pays one fsync per group instead of one per push.
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

  /** One offered batch waiting for its group, and the promise its answer goes to. */
  private record Request(MemberId source, List<Offer> offers, boolean pushed, Promise<Result> answer) {}

  private static final Logger LOG = Logger.getLogger(Intake.class.getName());
  private static final int MAX_PROBLEMS = 10;

  private final Supplier<Ledger> ledger;
  private final Store store;
  private final RosterBook book;
  private final EvidenceBook evidence;
  private final Pending pending;
  private final WorkerExecutor worker;
  private final BiConsumer<SignedEntry, Origin> relay;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  /** Guarded by itself; {@code draining} says a worker task is storing groups and will take what is queued. */
  private final ArrayDeque<Request> queue = new ArrayDeque<>();
  private boolean draining;

  /**
   * @param relay called with each entry a group accepts, once validated and before it is stored:
   *              forwarding needs no durability of this node's own (the author signed the entry and
   *              every receiver validates it), so the next hop does not wait for this node's fsync
   */
  Intake(Supplier<Ledger> ledger, Store store, RosterBook book, EvidenceBook evidence, Pending pending,
      WorkerExecutor worker, BiConsumer<SignedEntry, Origin> relay) {
    this.worker = worker;
    this.relay = relay;
    this.ledger = ledger;
    this.store = store;
    this.book = book;
    this.evidence = evidence;
    this.pending = pending;
  }

  /**
   * Validates a batch from {@code source} and stores what it accepts; {@code pushed} when it came
   * by push rather than a fetch. The future completes once the accepted entries are durable (with
   * those of the other batches of its group), or fails when the group could not be stored.
   */
  Future<Result> offer(MemberId source, List<Offer> offers, boolean pushed) {
    Promise<Result> answer = Promise.promise();
    boolean start;
    synchronized (queue) {
      queue.add(new Request(source, List.copyOf(offers), pushed, answer));
      start = !draining;
      draining = true;
    }
    if (start) {
      worker.executeBlocking(() -> {
        drainQueue();
        return null;
      }, false);
    }
    return answer.future();
  }

  /** Stores queued groups until the queue is empty; one worker task at a time runs it. */
  private void drainQueue() {
    while (true) {
      List<Request> group;
      synchronized (queue) {
        if (queue.isEmpty()) {
          draining = false;
          return;
        }
        group = new ArrayList<>(queue);
        queue.clear();
      }
      try {
        List<Result> results = offerGroup(group);
        for (int i = 0; i < group.size(); i++) {
          group.get(i).answer().complete(results.get(i));
        }
      } catch (RuntimeException | Error e) {
        // The ledger write is atomic and comes last, so a failure leaves the group unstored (or, if
        // it came after the write, stored but unanswered): every sender learns that its batch
        // failed, relays around it, and anti-entropy brings whatever is missing.
        LOG.log(Level.WARNING, "storing " + group.size() + " received batches failed", e);
        group.forEach(r -> r.answer().fail(e));
      }
    }
  }

  /** Validates the batches of one group in order and stores what they accept in one durable ledger write. */
  private synchronized List<Result> offerGroup(List<Request> group) {
    Batch b = new Batch();
    List<Tally> tallies = new ArrayList<>(group.size());
    for (Request r : group) {
      Tally t = new Tally();
      tallies.add(t);
      for (Offer o : r.offers()) {
        received.incrementAndGet();
        one(r.source(), o, r.pushed(), t, b);
      }
    }
    for (SignedEntry e : b.staged) {
      relay.accept(e, b.origins.get(e.id()));
    }
    storeStaged(b);
    return tallies.stream().map(Tally::result).toList();
  }

  private void storeStaged(Batch b) {
    if (b.staged.isEmpty()) {
      return;
    }
    Ingested r = ledger.get().ingestAll(b.staged);
    if (!r.complete()) {
      // Intake validated every staged entry against the staged heads, so this means a bug or a
      // concurrent writer; the unstored rest comes again by anti-entropy.
      String problem = "not stored: " + r.problem().orElse("");
      for (Tally t : b.stagedBy.subList(r.stored().size(), b.staged.size())) {
        t.accepted--;
        t.reject(problem);
      }
    }
  }

  /** What became of one batch of a group. */
  private static final class Tally {
    int accepted;
    int duplicates;
    int pending;
    int dropped;
    int rejected;
    int held;
    final List<String> problems = new ArrayList<>();
    final Map<MemberId, Long> gaps = new LinkedHashMap<>();
    final List<EquivocationEvidence> newEvidence = new ArrayList<>();

    void reject(String problem) {
      rejected++;
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(problem);
      }
    }

    Result result() {
      return new Result(accepted, duplicates, pending, dropped, rejected, held, problems, gaps, newEvidence);
    }
  }

  /** The entries a group stages for its one ledger write, and the feed heads as they advance. */
  private static final class Batch {
    final List<SignedEntry> staged = new ArrayList<>();
    /** The tally of the batch that staged each entry, in the same order. */
    final List<Tally> stagedBy = new ArrayList<>();
    final Map<EntryId, Origin> origins = new HashMap<>();
    final Map<MemberId, FeedState> heads = new HashMap<>();
    final Map<MemberId, Map<Long, SignedEntry>> bySeq = new HashMap<>();
  }

  private void one(MemberId source, Offer o, boolean pushed, Tally t, Batch b) {
    Envelope env;
    try {
      env = Envelope.parse(o.envelope());
    } catch (EnvelopeFormatException e) {
      t.reject("malformed envelope: " + e.getMessage());
      return;
    }
    if (!Entry.PAYLOAD_TYPE.equals(env.payloadType()) || env.signatures().size() != 1) {
      t.reject("envelope is not an entry with one signature (payloadType " + env.payloadType() + ", "
          + env.signatures().size() + " signatures)");
      return;
    }
    EntryId id = EntryId.ofPayload(env.payload());
    if (b.origins.containsKey(id) || store.envelope(id.bytes()).isPresent()) {
      duplicates.incrementAndGet();
      t.duplicates++;
      return;
    }
    Optional<MemberRecord> signer = book.signerOf(env.signatures().get(0).keyId());
    if (signer.isEmpty()) {
      t.reject("entry signed by key " + env.signatures().get(0).keyId() + ", which no roster version lists");
      return;
    }
    MemberId m = signer.get().id();
    if (evidence.isHeld(m)) {
      t.held++;
      return;
    }
    FeedState state = head(m, b);
    FeedVerdict v = FeedValidator.create(m, signer.get().key()).classify(env, state, seq -> heldEntry(m, seq, b));
    if (v instanceof FeedVerdict.Accepted a) {
      if (requireActive(m, t)) {
        stage(a.entry(), new Origin(source, o.relay(), pushed), t, b);
        t.accepted++;
        drain(m, t, b);
      }
    } else if (v instanceof FeedVerdict.Duplicate) {
      duplicates.incrementAndGet();
      t.duplicates++;
    } else if (v instanceof FeedVerdict.Gap g) {
      if (requireActive(m, t)) {
        Pending.Put put = pending.put(new Pending.Waiting(g.entry(), source, o.relay(), pushed));
        if (put instanceof Pending.Conflict c) {
          equivocation(EquivocationEvidence.of(c.other(), g.entry()), t);
        } else if (put instanceof Pending.Full) {
          t.dropped++;
          t.gaps.put(m, g.missingFrom());
        } else {
          t.pending++;
          t.gaps.put(m, g.missingFrom());
        }
      }
    } else if (v instanceof FeedVerdict.Rejected r) {
      t.reject(r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message());
    } else if (v instanceof FeedVerdict.Equivocation e) {
      equivocation(e.evidence(), t);
    }
  }

  private boolean requireActive(MemberId m, Tally t) {
    if (book.current().roster().isActive(m)) {
      return true;
    }
    t.reject("member " + m + " is " + book.current().roster().statusOf(m).map(s -> s.wireName()).orElse("unknown")
        + " in roster version " + book.current().roster().version() + ": its new entries are refused");
    return false;
  }

  private void equivocation(EquivocationEvidence e, Tally t) {
    pending.drop(e.member());
    if (evidence.record(e)) {
      t.newEvidence.add(e);
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

  private void drain(MemberId m, Tally t, Batch b) {
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
        stage(a.entry(), new Origin(w.source(), w.relay(), w.pushed()), t, b);
        t.accepted++;
      } else if (v instanceof FeedVerdict.Equivocation e) {
        equivocation(e.evidence(), t);
        return;
      } else if (v instanceof FeedVerdict.Rejected r) {
        t.reject("pending " + r.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.message());
      }
    }
  }

  /** The member's feed head as the ledger holds it, advanced by the entries this batch staged. */
  private FeedState head(MemberId m, Batch b) {
    FeedState staged = b.heads.get(m);
    return staged != null ? staged : ledger.get().feed(m);
  }

  private void stage(SignedEntry entry, Origin origin, Tally t, Batch b) {
    MemberId m = entry.entry().member();
    b.heads.put(m, head(m, b).advance(entry));
    b.bySeq.computeIfAbsent(m, k -> new HashMap<>()).put(entry.entry().seq(), entry);
    b.staged.add(entry);
    b.stagedBy.add(t);
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

  /** Entries waiting for their predecessors; read without the group-commit lock, which is held across fsyncs. */
  int pendingSize() {
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
