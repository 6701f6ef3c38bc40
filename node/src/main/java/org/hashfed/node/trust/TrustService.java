package org.hashfed.node.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.entries.LedgerListener;
import org.hashfed.node.entries.ReplayRecord;
import org.hashfed.node.metrics.Counter;
import org.hashfed.node.metrics.Metrics;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;

/**
 * This node's trust in each member: the policy an operator sets, the opinions of other members,
 * automatic demotion, and the trust and confidence of each match (spec/trust.md).
 *
 * <p>Follows the ledger as a {@link LedgerListener}: opinions update the book, every entry updates
 * the dispute tallies in its own batch ({@link DisputeTally}), and opinions, retractions and
 * relabels re-judge the affected member for demotion from those tallies, without reading its
 * feed. Matching reads an immutable snapshot of the policy and never blocks on a change. Changes
 * block: call them on a worker thread. Lock order: the ledger's write lock, then this.
 */
public final class TrustService implements LedgerListener {

  private static final Logger LOG = Logger.getLogger(TrustService.class.getName());

  private final Store store;
  private final MemberId own;
  private final TrustSettings settings;
  private final Clock clock;
  private final OpinionBook book = new OpinionBook();
  private final DisputeTally tally;
  private final Set<MemberId> known = ConcurrentHashMap.newKeySet();
  private final List<TrustEvent> events;
  private final Counter changes;
  private volatile Map<MemberId, MemberPolicy> policies;
  private volatile TrustChangeListener changeListener = (m, before, after, w) -> {};
  private volatile Object writeLock = new Object();
  private DisputeTally.Pending staged;

  private TrustService(Store store, MemberId own, TrustSettings settings, Clock clock, Metrics metrics,
      Map<MemberId, MemberPolicy> policies, List<TrustEvent> events) {
    this.store = store;
    this.own = own;
    this.settings = settings;
    this.clock = clock;
    this.policies = Map.copyOf(policies);
    this.events = new CopyOnWriteArrayList<>(events);
    this.tally = DisputeTally.load(store, book);
    this.changes = metrics.counter("hashfed_trust_changes_total",
        "Changes of members' trust on this node, by action (set, pin, unpin, demote, restore).", "action");
    metrics.gauge("hashfed_trust_level", "Member-wide trust level of each member: 3 trusted, 2 standard, "
        + "1 observe, 0 blocked.", "member", this::levelGauge);
    known.add(own);
    known.addAll(policies.keySet());
  }

  /**
   * Loads the policy and the event log from the store and registers the trust metrics; the
   * opinions come with the ledger's replay ({@link #replayed}). Blocking.
   *
   * @throws StoreException when a stored policy or event does not parse
   */
  public static TrustService open(Store store, MemberId own, TrustSettings settings, Clock clock, Metrics metrics) {
    return new TrustService(store, own, settings, clock, metrics, TrustRecords.loadPolicies(store),
        TrustRecords.loadEvents(store));
  }

  /**
   * Collects the opinions in force from the ledger's start-up replay (register this service as a
   * listener of {@code Ledger.open}); the ledger's single pass replaces a second read of the store.
   */
  @Override
  public void replayed(ReplayRecord r) {
    known.add(r.member());
    if (r.body() instanceof ReplayRecord.Opined o) {
      book.apply(r.member(), o.target(), o.targetMember(), o.stance());
    }
  }

  /**
   * Learns every member with a stored feed, rebuilds the dispute tallies from the feeds if the
   * store has none (once, written before they
   * existed), and from now on makes operator changes wait for {@code ledgerWriteLock}, so that a
   * new window never races a batch being staged. Call once {@code Ledger.open} has replayed the
   * store; blocking.
   */
  public void ledgerOpened(Object ledgerWriteLock) {
    // A start from a snapshot replays only the entries after it: every member with a stored feed
    // is known all the same.
    store.feedHeads().keySet().forEach(m -> known.add(MemberId.parse(m)));
    synchronized (ledgerWriteLock) {
      synchronized (this) {
        tally.rebuild(m -> policy(m).sinceSeq(), DisputeTally.day(now().minus(settings.window())));
        writeLock = ledgerWriteLock;
      }
    }
  }

  @Override
  public synchronized void beforeCommitAll(List<SignedEntry> entries, StoreWrite write) {
    staged = tally.stage(entries, m -> policy(m).sinceSeq(), DisputeTally.day(now().minus(settings.window())), write);
  }

  @Override
  public void beforeCommit(SignedEntry entry, StoreWrite write) {
    beforeCommitAll(List.of(entry), write);
  }

  @Override
  public void afterCommit(SignedEntry signed) {
    DisputeTally.Pending committed;
    synchronized (this) {
      committed = staged;
      staged = null;
    }
    if (committed != null) {
      tally.apply(committed);
    }
    Entry e = signed.entry();
    known.add(e.member());
    if (e.body() instanceof Opinion o) {
      book.apply(e.member(), o);
      known.add(o.targetMember());
      judgeForDemotion(o.targetMember());
    } else if (e.body() instanceof Retract || e.body() instanceof Relabel) {
      judgeForDemotion(e.member());
    }
  }

  /**
   * Reads the stored policy and trust events again, for a read follower whose store received its
   * leader's: the follower then judges matches as its leader does; blocking.
   */
  public synchronized void reload() {
    Map<MemberId, MemberPolicy> loaded = TrustRecords.loadPolicies(store);
    List<TrustEvent> loadedEvents = TrustRecords.loadEvents(store);
    known.addAll(loaded.keySet());
    policies = Map.copyOf(loaded);
    events.clear();
    events.addAll(loadedEvents);
  }

  /** The trust settings this node runs with. */
  public TrustSettings settings() {
    return settings;
  }

  /** {@code member}'s effective level for a submission with {@code labels}. */
  public TrustLevel level(MemberId member, List<Label> labels) {
    return level(policies, member, labels);
  }

  private TrustLevel level(Map<MemberId, MemberPolicy> under, MemberId member, List<Label> labels) {
    if (member.equals(own)) {
      return TrustLevel.TRUSTED;
    }
    return under.getOrDefault(member, MemberPolicy.unconfigured()).levelFor(labels, settings.defaultLevel());
  }

  /** The trust and confidence of a match of {@code listing} at PDQ {@code distance} (0 for exact signals). */
  public Judgement judge(Listing listing, int distance) {
    return judge(policies, listing, distance, Map.of());
  }

  private Judgement judge(Map<MemberId, MemberPolicy> under, Listing listing, int distance,
      Map<MemberId, Stance> extra) {
    TrustLevel level = level(under, listing.member(), listing.labels());
    Map<MemberId, Stance> opinions = book.on(listing.entryId(), listing.member());
    if (!extra.isEmpty()) {
      opinions = new TreeMap<>(opinions);
      for (Map.Entry<MemberId, Stance> o : extra.entrySet()) {
        if (!o.getKey().equals(listing.member())) {
          opinions.put(o.getKey(), o.getValue());
        }
      }
    }
    List<TrustLevel> agreeing = new ArrayList<>();
    List<TrustLevel> disputing = new ArrayList<>();
    for (Map.Entry<MemberId, Stance> o : opinions.entrySet()) {
      TrustLevel author = level(under, o.getKey(), listing.labels());
      (o.getValue() == Stance.AGREE ? agreeing : disputing).add(author);
    }
    return new Judgement(level, Confidence.of(level, agreeing, disputing, distance), agreeing.size(),
        disputing.size());
  }

  /** How listings are judged under the current policy (opinions in force as they stand when asked). */
  public TrustView view() {
    Map<MemberId, MemberPolicy> now = policies;
    return (listing, extra) -> judge(now, listing, 0, extra);
  }

  /**
   * Runs {@code action} while no trust change is being committed, so that what it reads of the
   * store (the event log's head) is already the policy judgements use.
   */
  public synchronized <T> T whileIdle(java.util.function.Supplier<T> action) {
    return action.get();
  }

  /** Adds {@code listener}'s records to the batch of every later trust change (one listener: the event log). */
  public void onChange(TrustChangeListener listener) {
    this.changeListener = java.util.Objects.requireNonNull(listener, "listener");
  }

  private MemberPolicy policy(MemberId member) {
    return policies.getOrDefault(member, MemberPolicy.unconfigured());
  }

  /** Every member this node has a policy for or has seen entries of, in id order. */
  public List<MemberTrust> list() {
    Set<MemberId> members = new TreeSet<>(known);
    members.addAll(policies.keySet());
    List<MemberTrust> out = new ArrayList<>();
    for (MemberId m : members) {
      out.add(trust(m));
    }
    return out;
  }

  /** A member's policy and member-wide level (members never seen have the default). */
  public MemberTrust trust(MemberId member) {
    MemberPolicy p = policy(member);
    boolean isOwn = member.equals(own);
    return new MemberTrust(member, isOwn, p, isOwn ? TrustLevel.TRUSTED : p.memberLevel(settings.defaultLevel()));
  }

  /** Why {@code member}'s level is what it is, with the current dispute numbers; blocking. */
  public Explanation explain(MemberId member) {
    MemberTrust t = trust(member);
    DisputeStats stats = stats(member, t.policy());
    List<TrustEvent> history = events.stream().filter(ev -> ev.member().equals(member)).toList();
    return new Explanation(t, stats, history, Reasons.of(t, settings, stats, history));
  }

  /** Every recorded trust change, oldest first. */
  public List<TrustEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Sets a member's level and label overrides (replacing the earlier ones) and clears automatic
   * demotions; blocking.
   *
   * @throws TrustRefusedException for this node's own member
   */
  public MemberTrust set(MemberId member, TrustLevel level, Map<LabelPattern, TrustLevel> overrides,
      Optional<String> reason) {
    return exclusively(() -> {
      refuseOwn(member, "set");
      Instant now = now();
      change(member, policy(member).withLevel(level, new TreeMap<>(overrides), now, head(member)), TrustEvent.Action.SET,
          reason, Optional.empty(), now);
      return trust(member);
    });
  }

  /**
   * Pins or unpins a member's level against automatic changes; blocking.
   *
   * @throws TrustRefusedException for this node's own member
   */
  public MemberTrust pin(MemberId member, boolean pinned, Optional<String> reason) {
    return exclusively(() -> {
      refuseOwn(member, pinned ? "pin" : "unpin");
      change(member, policy(member).withPinned(pinned), pinned ? TrustEvent.Action.PIN : TrustEvent.Action.UNPIN,
          reason, Optional.empty(), now());
      return trust(member);
    });
  }

  /**
   * Undoes a member's automatic demotions; blocking.
   *
   * @throws TrustRefusedException when the member has none
   */
  public MemberTrust restore(MemberId member, Optional<String> reason) {
    return exclusively(() -> {
      MemberPolicy p = policy(member);
      if (p.demotions() == 0) {
        throw new TrustRefusedException("member " + member + " has no automatic demotion to undo (its level is "
            + trust(member).level().wireName() + ")");
      }
      Instant now = now();
      change(member, p.restored(now, head(member)), TrustEvent.Action.RESTORE, reason, Optional.empty(), now);
      return trust(member);
    });
  }

  /** Runs an operator change under the ledger's write lock, then this (the order entries take them in). */
  private <T> T exclusively(java.util.function.Supplier<T> action) {
    synchronized (writeLock) {
      synchronized (this) {
        return action.get();
      }
    }
  }

  private void refuseOwn(MemberId member, String what) {
    if (member.equals(own)) {
      throw new TrustRefusedException("member " + member + " is this node's own member, always trusted: "
          + "cannot " + what + " its trust");
    }
  }

  private synchronized void judgeForDemotion(MemberId member) {
    MemberPolicy p = policy(member);
    if (member.equals(own) || p.pinned() || !p.canBeDemoted(settings.defaultLevel())) {
      return;
    }
    DisputeStats stats = stats(member, p);
    if (!stats.meetsThreshold()) {
      return;
    }
    Instant now = stats.windowEnd();
    change(member, p.demotedOnce(now, head(member)), TrustEvent.Action.DEMOTE, Optional.of(String.format(
        "%d of %d submissions since %s disputed by at least %d members at %s or above (threshold %s of at least %d)",
        stats.disputed(), stats.submissions(), stats.windowStart(), stats.minDisputers(),
        stats.disputerLevel().wireName(), stats.shareThreshold(), stats.minSubmissions())), Optional.of(stats), now);
  }

  private Instant now() {
    return EntryTime.truncate(clock.instant());
  }

  private long head(MemberId member) {
    return store.feedHead(member.value());
  }

  private DisputeStats stats(MemberId member, MemberPolicy p) {
    return stats(member, p, !tally.ready());
  }

  /**
   * {@code member}'s statistics under policy {@code p} now: from the tallies, or with
   * {@code fromFeed} from a scan of its feed (before the tallies are rebuilt, and as the reference
   * the tallies are tested against). The window counts whole UTC days (spec/trust.md).
   */
  DisputeStats stats(MemberId member, MemberPolicy p, boolean fromFeed) {
    Instant now = now();
    long firstDay = DisputeTally.day(now.minus(settings.window()));
    long lastDay = DisputeTally.day(now);
    List<Contested> contested;
    int submissions;
    if (fromFeed) {
      DisputeScan.Result r = new DisputeScan(store, book).scan(member, firstDay, p.sinceSeq());
      submissions = r.tally().count(firstDay, lastDay);
      contested = r.contested().stream().filter(c -> DisputeTally.day(c.time()) <= lastDay).toList();
    } else {
      DisputeTally.Window w = tally.window(member, p.sinceSeq(), firstDay, lastDay);
      submissions = w.submissions();
      contested = w.contested();
    }
    int disputed = 0;
    List<EntryId> disputedIds = new ArrayList<>();
    for (Contested c : contested) {
      if (disputers(c.id(), member, c.labels()) >= settings.minDisputers()) {
        disputed++;
        if (disputedIds.size() < DisputeStats.MAX_LISTED) {
          disputedIds.add(c.id());
        }
      }
    }
    return new DisputeStats(DisputeScan.startOf(firstDay), now, p.sinceSeq(), submissions, disputed, disputedIds,
        settings.minSubmissions(), settings.share(), settings.minDisputers(), settings.disputerLevel());
  }

  private int disputers(EntryId target, MemberId member, List<Label> labels) {
    int n = 0;
    for (Map.Entry<MemberId, Stance> o : book.on(target, member).entrySet()) {
      if (o.getValue() == Stance.DISAGREE && level(o.getKey(), labels).atLeast(settings.disputerLevel())) {
        n++;
      }
    }
    return n;
  }

  /** {@code member}'s stored tally, if the tallies hold one (for tests comparing it with a scan). */
  Optional<MemberTally> tally(MemberId member) {
    return tally.tally(member);
  }

  private void change(MemberId member, MemberPolicy next, TrustEvent.Action action, Optional<String> reason,
      Optional<DisputeStats> stats, Instant now) {
    TrustLevel from = trust(member).level();
    TrustLevel to = next.memberLevel(settings.defaultLevel());
    TrustEvent event = new TrustEvent(events.size() + 1L, now, member, action, from, to, reason, stats);
    Map<MemberId, MemberPolicy> before = policies;
    Map<MemberId, MemberPolicy> updated = new HashMap<>(before);
    updated.put(member, next);
    Map<MemberId, MemberPolicy> after = Map.copyOf(updated);
    StoreWrite write = TrustRecords.put(StoreWrite.create(), member, next, event);
    DisputeTally.Pending window = next.sinceSeq() == policy(member).sinceSeq() ? null
        : tally.restart(member, next.sinceSeq(), write);
    changeListener.beforeCommit(member, (l, extra) -> judge(before, l, 0, extra), (l, extra) -> judge(after, l, 0, extra),
        write);
    store.commit(write);
    if (window != null) {
      tally.apply(window);
    }
    policies = after;
    events.add(event);
    known.add(member);
    changes.inc(action.wireName());
    LOG.info(() -> "trust: " + action.wireName() + " member " + member + " " + from.wireName() + " -> "
        + to.wireName() + reason.map(r -> ": " + r).orElse(""));
  }

  private Map<String, Integer> levelGauge() {
    Map<String, Integer> out = new TreeMap<>();
    for (MemberTrust t : list()) {
      out.put(t.member().value(), t.level().ordinal());
    }
    return out;
  }
}
