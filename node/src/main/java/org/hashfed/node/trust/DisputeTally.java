package org.hashfed.node.trust;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.hashfed.node.store.Store;
import org.hashfed.node.store.StoreException;
import org.hashfed.node.store.StoreWrite;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Opinion;
import org.hashfed.protocol.entry.Relabel;
import org.hashfed.protocol.entry.Retract;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.entry.Submit;

/**
 * The dispute statistics of every member, kept incrementally: a {@link MemberTally} per member and
 * the {@link Contested} submissions, stored in the metadata ({@code trust/tally/<member>},
 * {@code trust/contested/<entry id>}) in the same batch as the entry that changes them, so that
 * judging a member for demotion costs a few map reads instead of a scan of its feed under the
 * ledger's write lock, and a restart reads them back. A store written before they existed has
 * them rebuilt once from the feeds ({@link #rebuild}).
 *
 * <p>Thread-safe. Staging ({@link #stage}) runs under the ledger's write lock, in acceptance
 * order; what it computes is published to readers only once the batch is durable ({@link #apply}).
 */
final class DisputeTally {

  static final long SECONDS_PER_DAY = 86_400;
  static final String FORMAT_KEY = "trust/tally.format";
  static final String TALLY_PREFIX = "trust/tally/";
  static final String CONTESTED_PREFIX = "trust/contested/";
  private static final String FORMAT = "1";
  private static final Logger LOG = Logger.getLogger(DisputeTally.class.getName());

  /** What one batch changes, published by {@link #apply} once it is durable. */
  static final class Pending {
    private final Map<MemberId, MemberTally> tallies = new HashMap<>();
    private final Map<EntryId, Contested> puts = new HashMap<>();
    private final Set<EntryId> removes = new HashSet<>();
  }

  /** A member's window as the tallies see it: submissions counted, and the contested ones newest first. */
  record Window(int submissions, List<Contested> contested) {}

  private final Store store;
  private final OpinionBook book;
  private final Map<MemberId, MemberTally> tallies = new HashMap<>();
  private final Map<MemberId, NavigableMap<Long, Contested>> byMember = new HashMap<>();
  private final Map<EntryId, Contested> byId = new HashMap<>();
  private boolean ready;

  private DisputeTally(Store store, OpinionBook book) {
    this.store = store;
    this.book = book;
  }

  /**
   * Loads the stored tallies; a store with feeds but without tallies waits for {@link #rebuild}
   * (until then {@link #ready()} is false and staging adds nothing). Blocking.
   *
   * @throws StoreException when a stored record does not parse
   */
  static DisputeTally load(Store store, OpinionBook book) {
    DisputeTally t = new DisputeTally(store, book);
    if (store.meta(FORMAT_KEY).isPresent()) {
      store.metaWithPrefix(TALLY_PREFIX).forEach((key, value) -> {
        try {
          t.tallies.put(MemberId.parse(key.substring(TALLY_PREFIX.length())), MemberTally.fromJson(json(value)));
        } catch (RuntimeException e) {
          throw new StoreException("stored dispute tally " + key + " does not parse: " + e.getMessage(), e);
        }
      });
      store.metaWithPrefix(CONTESTED_PREFIX).forEach((key, value) -> {
        try {
          t.put(Contested.fromJson(EntryId.parse(key.substring(CONTESTED_PREFIX.length())), json(value)));
        } catch (RuntimeException e) {
          throw new StoreException("stored contested submission " + key + " does not parse: " + e.getMessage(), e);
        }
      });
      t.ready = true;
    } else if (store.feedHeads().isEmpty()) {
      store.commit(StoreWrite.create().putMeta(FORMAT_KEY, FORMAT.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      t.ready = true;
    }
    return t;
  }

  /** The epoch day of {@code t} (UTC). */
  static long day(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY);
  }

  /** Whether the tallies are complete (stored, or rebuilt). */
  synchronized boolean ready() {
    return ready;
  }

  /**
   * Builds the tallies from every member's feed, from {@code firstDay} on, once, when the store
   * has none; the opinions must be complete (after the ledger's replay). Blocking; call while no
   * entry is being stored.
   */
  synchronized void rebuild(ToLongFunction<MemberId> sinceSeq, long firstDay) {
    if (ready) {
      return;
    }
    DisputeScan scan = new DisputeScan(store, book);
    StoreWrite w = StoreWrite.create();
    Pending p = new Pending();
    int contested = 0;
    for (String m : store.feedHeads().keySet()) {
      MemberId member = MemberId.parse(m);
      DisputeScan.Result r = scan.scan(member, firstDay, sinceSeq.applyAsLong(member));
      p.tallies.put(member, r.tally());
      w.putMeta(TALLY_PREFIX + m, bytes(r.tally().toJson()));
      for (Contested c : r.contested()) {
        p.puts.put(c.id(), c);
        w.putMeta(CONTESTED_PREFIX + c.id().hex(), bytes(c.toJson()));
      }
      contested += r.contested().size();
    }
    store.commit(w.putMeta(FORMAT_KEY, FORMAT.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    apply(p);
    ready = true;
    int members = p.tallies.size();
    int found = contested;
    LOG.info(() -> "trust: dispute tallies rebuilt for " + members + " members (" + found + " contested submissions)");
  }

  /**
   * Adds to {@code w} what {@code batch} changes in the tallies, seeing the entries before each
   * one, and returns it for {@link #apply} once {@code w} is committed. Submissions count from
   * {@code sinceSeq} of their member's policy; days before {@code firstDay} are dropped. Reads
   * the store only for the target of a retraction or of a first disagreement not seen before.
   */
  synchronized Pending stage(List<SignedEntry> batch, ToLongFunction<MemberId> sinceSeq, long firstDay,
      StoreWrite w) {
    Pending p = new Pending();
    if (!ready) {
      return p;
    }
    Staging s = new Staging(p, sinceSeq, firstDay);
    for (SignedEntry signed : batch) {
      s.apply(signed.id(), signed.entry());
    }
    p.tallies.forEach((m, t) -> w.putMeta(TALLY_PREFIX + m.value(), bytes(t.toJson())));
    p.puts.forEach((id, c) -> w.putMeta(CONTESTED_PREFIX + id.hex(), bytes(c.toJson())));
    p.removes.forEach(id -> w.deleteMeta(CONTESTED_PREFIX + id.hex()));
    return p;
  }

  /**
   * Adds to {@code w} a new window for {@code member}, starting after {@code sinceSeq} (its level
   * changed), and returns it for {@link #apply} once {@code w} is committed.
   */
  synchronized Pending restart(MemberId member, long sinceSeq, StoreWrite w) {
    Pending p = new Pending();
    if (!ready) {
      return p;
    }
    MemberTally t = MemberTally.empty(sinceSeq);
    p.tallies.put(member, t);
    w.putMeta(TALLY_PREFIX + member.value(), bytes(t.toJson()));
    for (Contested c : byMember.getOrDefault(member, Collections.emptyNavigableMap()).headMap(sinceSeq, true).values()) {
      p.removes.add(c.id());
      w.deleteMeta(CONTESTED_PREFIX + c.id().hex());
    }
    return p;
  }

  /** Publishes what a committed batch changed. */
  synchronized void apply(Pending p) {
    tallies.putAll(p.tallies);
    p.removes.forEach(this::remove);
    p.puts.values().forEach(this::put);
  }

  /**
   * {@code member}'s window from {@code firstDay} to {@code lastDay} after seq {@code sinceSeq};
   * empty when its tally counts from another seq (a level change not yet published).
   */
  synchronized Window window(MemberId member, long sinceSeq, long firstDay, long lastDay) {
    MemberTally t = tallies.get(member);
    int submissions = t == null || t.sinceSeq() != sinceSeq ? 0 : t.count(firstDay, lastDay);
    List<Contested> contested = new ArrayList<>();
    for (Contested c : byMember.getOrDefault(member, Collections.emptyNavigableMap())
        .tailMap(sinceSeq, false).descendingMap().values()) {
      long d = day(c.time());
      if (d < firstDay) {
        break;
      }
      if (d <= lastDay) {
        contested.add(c);
      }
    }
    return new Window(submissions, contested);
  }

  /** {@code member}'s stored tally, if any (for tests comparing it with a scan). */
  synchronized Optional<MemberTally> tally(MemberId member) {
    return Optional.ofNullable(tallies.get(member));
  }

  private void put(Contested c) {
    remove(c.id());
    byId.put(c.id(), c);
    byMember.computeIfAbsent(c.member(), m -> new TreeMap<>()).put(c.seq(), c);
  }

  private void remove(EntryId id) {
    Contested c = byId.remove(id);
    if (c != null) {
      NavigableMap<Long, Contested> of = byMember.get(c.member());
      of.remove(c.seq());
      if (of.isEmpty()) {
        byMember.remove(c.member());
      }
    }
  }

  /** A submission as the entries before it in the ledger leave it. */
  private record Target(Contested submission, boolean retracted) {}

  /** One batch being staged: the published state plus what the entries before the current one changed. */
  private final class Staging {
    private final Pending p;
    private final ToLongFunction<MemberId> sinceSeq;
    private final long firstDay;
    private final Map<EntryId, Contested> submitted = new HashMap<>();
    private final Set<EntryId> retracted = new HashSet<>();
    private final Map<EntryId, Set<MemberId>> disagreed = new HashMap<>();

    Staging(Pending p, ToLongFunction<MemberId> sinceSeq, long firstDay) {
      this.p = p;
      this.sinceSeq = sinceSeq;
      this.firstDay = firstDay;
    }

    void apply(EntryId id, Entry e) {
      MemberId author = e.member();
      if (e.body() instanceof Submit s) {
        Contested c = new Contested(id, author, e.seq(), e.time(), s.labels());
        submitted.put(id, c);
        if (e.seq() > sinceSeq.applyAsLong(author)) {
          p.tallies.put(author, tally(author).plus(day(e.time())));
          if (book.on(id, author).containsValue(Stance.DISAGREE)
              || disagreed.getOrDefault(id, Set.of()).contains(author)) {
            contest(c);
          }
        }
      } else if (e.body() instanceof Retract r) {
        target(r.target()).filter(t -> !t.retracted() && t.submission().member().equals(author)).ifPresent(t -> {
          retracted.add(r.target());
          Contested c = t.submission();
          if (c.seq() > sinceSeq.applyAsLong(author)) {
            p.tallies.put(author, tally(author).minus(day(c.time())));
            if (contested(c.id()).isPresent()) {
              p.puts.remove(c.id());
              p.removes.add(c.id());
            }
          }
        });
      } else if (e.body() instanceof Relabel r) {
        Contested before = submitted.get(r.target());
        if (before != null && before.member().equals(author)) {
          submitted.put(r.target(), before.relabelled(r.labels()));
        }
        contested(r.target()).filter(c -> c.member().equals(author))
            .ifPresent(c -> p.puts.put(c.id(), c.relabelled(r.labels())));
      } else if (e.body() instanceof Opinion o && o.stance() == Stance.DISAGREE && !author.equals(o.targetMember())) {
        disagreed.computeIfAbsent(o.target(), t -> new HashSet<>()).add(o.targetMember());
        if (contested(o.target()).isEmpty()) {
          target(o.target()).filter(t -> !t.retracted() && t.submission().member().equals(o.targetMember())
              && t.submission().seq() > sinceSeq.applyAsLong(o.targetMember())).ifPresent(t -> contest(t.submission()));
        }
      }
    }

    private MemberTally tally(MemberId member) {
      long since = sinceSeq.applyAsLong(member);
      MemberTally t = p.tallies.containsKey(member) ? p.tallies.get(member) : tallies.get(member);
      return (t == null || t.sinceSeq() != since ? MemberTally.empty(since) : t).from(firstDay);
    }

    private Optional<Contested> contested(EntryId id) {
      if (p.removes.contains(id)) {
        return Optional.empty();
      }
      Contested c = p.puts.get(id);
      return Optional.ofNullable(c != null ? c : byId.get(id));
    }

    /** Records {@code c} as contested and drops {@code c}'s member's contested submissions before the window. */
    private void contest(Contested c) {
      p.removes.remove(c.id());
      p.puts.put(c.id(), c);
      for (Contested old : byMember.getOrDefault(c.member(), Collections.emptyNavigableMap()).values()) {
        if (day(old.time()) >= firstDay) {
          break;
        }
        p.removes.add(old.id());
      }
    }

    /** The submission {@code id} with its current labels, and whether its author retracted it; reads the store if needed. */
    private Optional<Target> target(EntryId id) {
      Contested inBatch = submitted.get(id);
      if (inBatch != null) {
        return Optional.of(new Target(inBatch, retracted.contains(id)));
      }
      Optional<Contested> known = contested(id);
      if (known.isPresent()) {
        return Optional.of(new Target(known.get(), retracted.contains(id)));
      }
      return stored(id).map(t -> retracted.contains(id) ? new Target(t.submission(), true) : t);
    }

    private Optional<Target> stored(EntryId id) {
      Optional<Entry> entry = DisputeScan.load(store, id);
      if (entry.isEmpty() || !(entry.get().body() instanceof Submit s)) {
        return Optional.empty();
      }
      Entry e = entry.get();
      boolean gone = false;
      long relabelSeq = 0;
      List<Label> labels = s.labels();
      for (byte[] ref : store.refsTo(id.bytes())) {
        Optional<Entry> by = DisputeScan.load(store, EntryId.ofDigest(ref));
        if (by.isEmpty() || !by.get().member().equals(e.member())) {
          continue;
        }
        if (by.get().body() instanceof Retract) {
          gone = true;
        } else if (by.get().body() instanceof Relabel r && by.get().seq() > relabelSeq) {
          relabelSeq = by.get().seq();
          labels = r.labels();
        }
      }
      return Optional.of(new Target(new Contested(id, e.member(), e.seq(), e.time(), labels), gone));
    }
  }

  private static byte[] bytes(JsonObject o) {
    return o.toBuffer().getBytes();
  }

  private static JsonObject json(byte[] bytes) {
    try {
      return new JsonObject(Buffer.buffer(bytes));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }
}
