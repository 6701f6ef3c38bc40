package org.hashfed.node.events;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.entries.LedgerListener;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.node.trust.Judgement;
import org.hashfed.node.trust.TrustChangeListener;
import org.hashfed.node.trust.TrustLevel;
import org.hashfed.node.trust.TrustService;
import org.hashfed.node.trust.TrustView;
import org.hashfed.node.watch.PendingChecks;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;

/**
 * Derives events from what the ledger and the trust service commit, and adds them to the very
 * batch that stores the change, so the event log never disagrees with the store: a change is in
 * the log exactly when it is durable.
 *
 * <p>Events say what changed for a platform matching on this node, under this node's trust
 * policy: a blocked member's signals are not matchable, so they are neither added nor removed.
 */
public final class EventRecorder implements LedgerListener, TrustChangeListener {

  private final TrustService trust;
  private final Supplier<Catalog> catalog;
  private final Supplier<Watchlist> watch;
  private final PendingChecks retroChecks;
  private final Clock clock;

  /**
   * A recorder judging with {@code trust}, reading the matchable listings from {@code catalog}
   * (null until the ledger is open: no entry commits before that) and queueing in
   * {@code retroChecks} a check against {@code watch} (null until opened: nothing is watched
   * before that) of what becomes matchable, for a {@link RetroHunter} to run after the commit.
   */
  public EventRecorder(TrustService trust, Supplier<Catalog> catalog, Supplier<Watchlist> watch,
      PendingChecks retroChecks, Clock clock) {
    this.trust = trust;
    this.catalog = catalog;
    this.watch = watch;
    this.retroChecks = retroChecks;
    this.clock = clock;
  }

  @Override
  public void beforeCommitAll(List<SignedEntry> entries, StoreWrite write) {
    Catalog c = catalog.get();
    if (c == null) {
      throw new IllegalStateException("entries committed before the ledger was open (expected: the catalog first)");
    }
    Batch batch = new Batch(c, trust.view(), clock.instant(), write);
    for (SignedEntry signed : entries) {
      batch.apply(signed.id(), signed.entry());
    }
    batch.retroMatches();
  }

  @Override
  public void beforeCommit(MemberId member, TrustView before, TrustView after, StoreWrite write) {
    Catalog c = catalog.get();
    if (c == null) {
      // nothing is matchable yet: the replay judges every listing under the policy being stored
      return;
    }
    Instant now = clock.instant();
    c.forEach(l -> {
      if (!l.isExpired(now)) {
        Judgement ja = after.judge(l);
        transition(now, l, before.judge(l), l, ja, Optional.empty(), write)
            .ifPresent(type -> retroMatches(now, l, ja, type, write));
      }
    });
  }

  /** What the entries of one batch do, seeing the listings and opinions of the entries before them. */
  private final class Batch {
    private final Catalog catalog;
    private final TrustView view;
    private final Instant now;
    private final StoreWrite write;
    private final Map<EntryId, Optional<Listing>> changed = new HashMap<>();
    private final Map<EntryId, Map<MemberId, Stance>> opinions = new HashMap<>();
    private final List<RetroCause> retro = new ArrayList<>();

    Batch(Catalog catalog, TrustView view, Instant now, StoreWrite write) {
      this.catalog = catalog;
      this.view = view;
      this.now = now;
      this.write = write;
    }

    void apply(EntryId id, Entry e) {
      if (e.body() instanceof Submit) {
        Listing l = Listing.of(id, e);
        if (catalog.contains(id) || changed.containsKey(id)) {
          return;
        }
        changed.put(id, Optional.of(l));
        if (!l.isExpired(now)) {
          Judgement j = judge(l);
          if (visible(j)) {
            append(SignalEvents.event(EventType.SIGNAL_ADDED, now, l, j));
            retro.add(new RetroCause(l, j, EventType.SIGNAL_ADDED));
          }
        }
      } else if (e.body() instanceof Retract r) {
        own(r.target(), e.member()).ifPresent(l -> {
          changed.put(l.entryId(), Optional.empty());
          Judgement j = judge(l);
          if (visible(j) && !l.isExpired(now)) {
            append(SignalEvents.by(reason(SignalEvents.event(EventType.SIGNAL_REMOVED, now, l, j), "retracted"), id));
          }
        });
      } else if (e.body() instanceof Relabel r) {
        own(r.target(), e.member()).ifPresent(l -> {
          Listing next = l.withLabels(r.labels());
          changed.put(l.entryId(), Optional.of(next));
          if (!l.isExpired(now)) {
            Judgement ja = judge(next);
            transition(now, l, judge(l), next, ja, Optional.of(id), write)
                .ifPresent(type -> retro.add(new RetroCause(next, ja, type)));
          }
        });
      } else if (e.body() instanceof Opinion o) {
        Optional<Listing> target = own(o.target(), o.targetMember());
        Map<MemberId, Stance> held = opinions.computeIfAbsent(o.target(), t -> new HashMap<>());
        Judgement before = target.map(this::judge).orElse(null);
        held.put(e.member(), o.stance());
        if (target.isPresent() && !target.get().isExpired(now)) {
          Judgement ja = judge(target.get());
          transition(now, target.get(), before, target.get(), ja, Optional.of(id), write)
              .ifPresent(type -> retro.add(new RetroCause(target.get(), ja, type)));
        }
      }
    }

    /**
     * The retro matches of the batch's changes, after its last entry: a submission that an entry
     * later in the same batch retracts (a peer catching up delivers both at once) never reports.
     */
    void retroMatches() {
      for (RetroCause c : retro) {
        if (changed.getOrDefault(c.listing().entryId(), Optional.of(c.listing())).isPresent()) {
          EventRecorder.this.retroMatches(now, c.listing(), c.judgement(), c.cause(), write);
        }
      }
    }

    /** The listing of {@code target} as this batch left it, when it is matchable and {@code member}'s. */
    private Optional<Listing> own(EntryId target, MemberId member) {
      Optional<Listing> l = changed.containsKey(target) ? changed.get(target) : catalog.listing(target);
      return l.filter(x -> x.member().equals(member));
    }

    private Judgement judge(Listing l) {
      return view.judge(l, opinions.getOrDefault(l.entryId(), Map.of()));
    }

    private void append(JsonObject event) {
      write.appendEvent(event.toBuffer().getBytes());
    }
  }

  /** A change that a batch matches against the watch list once its last entry is applied. */
  private record RetroCause(Listing listing, Judgement judgement, EventType cause) {}

  /**
   * The event, if any, of a listing going from {@code before} (judged {@code jb}) to {@code after}
   * (judged {@code ja}): added or removed when it crosses blocked, relabelled when its labels
   * changed, confidence changed when its trust or confidence did. Returns the type of the event
   * written when it makes the listing's signal worth matching against the watch list again.
   */
  private Optional<EventType> transition(Instant now, Listing before, Judgement jb, Listing after, Judgement ja,
      Optional<EntryId> cause, StoreWrite write) {
    JsonObject event;
    if (!visible(jb) && !visible(ja)) {
      return Optional.empty();
    } else if (!visible(jb)) {
      event = SignalEvents.event(EventType.SIGNAL_ADDED, now, after, ja);
    } else if (!visible(ja)) {
      event = reason(SignalEvents.event(EventType.SIGNAL_REMOVED, now, before, jb), "blocked");
    } else if (!before.labels().equals(after.labels())) {
      event = previous(SignalEvents.event(EventType.SIGNAL_RELABELLED, now, after, ja), jb);
      event.getJsonObject("data").put("previous_labels", SignalEvents.labels(before.labels()));
    } else if (!jb.equals(ja)) {
      event = previous(SignalEvents.event(EventType.SIGNAL_CONFIDENCE_CHANGED, now, after, ja), jb);
      reason(event, cause.isPresent() ? "opinion" : "trust");
    } else {
      return Optional.empty();
    }
    cause.ifPresent(c -> SignalEvents.by(event, c));
    write.appendEvent(event.toBuffer().getBytes());
    EventType type = EventType.parse(event.getString("type"));
    return type == EventType.SIGNAL_REMOVED ? Optional.empty() : Optional.of(type);
  }

  /**
   * Queues in the same batch the check of {@code listing} against the watch list, now that it
   * became matchable or changed how it is judged ({@code cause}): the {@code retro.match} event
   * as of now, without the watched item that {@link RetroHunter} adds to it for each hit. Matching
   * waits for the commit: an hour-long video takes seconds, which no write should wait for. An
   * empty watch list has nothing that could match.
   */
  private void retroMatches(Instant now, Listing listing, Judgement j, EventType cause, StoreWrite write) {
    Watchlist w = watch.get();
    if (w == null || w.size() == 0) {
      return;
    }
    JsonObject event = SignalEvents.event(EventType.RETRO_MATCH, now, listing, j);
    event.getJsonObject("data").put("cause", cause.wireName());
    retroChecks.add(write, new JsonObject().put("entry_id", listing.entryId().hex()).put("event", event));
  }

  private static JsonObject previous(JsonObject event, Judgement jb) {
    event.getJsonObject("data").put("previous_trust", jb.trust().wireName())
        .put("previous_confidence", jb.confidence());
    return event;
  }

  private static JsonObject reason(JsonObject event, String reason) {
    event.getJsonObject("data").put("reason", reason);
    return event;
  }

  private static boolean visible(Judgement j) {
    return j != null && j.trust() != TrustLevel.BLOCKED;
  }
}
