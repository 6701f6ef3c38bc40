package org.hashfed.node.match;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hashfed.node.snapshot.SnapshotFormatException;
import org.hashfed.node.snapshot.SnapshotInput;
import org.hashfed.node.snapshot.SnapshotOutput;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * The node's PDQ index: a multi-index hash over 11 substrings of 23 or 24 bits for distances up
 * to 32, and a scan of its own compact hash arrays above that.
 *
 * <p>Readers never lock: a search works on an immutable snapshot of three parts, a large main
 * table set, a smaller recent one, and a short tail of the newest hashes that is scanned. Writers
 * serialise on a lock; when the tail fills it is folded into the recent tables, and when those
 * grow past an eighth of the main ones new main tables over everything are built on a background
 * thread and swapped in when done, while adds go on into the recent tables: at ten million hashes
 * that build takes seconds, which the writer (the ledger, holding its own lock) must not wait for.
 * Only compaction, which renumbers slots once a quarter of them are removed, rebuilds on the
 * writer's thread.
 */
public final class PdqIndex implements PdqMatcher {

  /** The largest distance a search answers from the substring tables; beyond it, a search scans every hash. */
  public static final int MAX_INDEXED_DISTANCE = SubstringTables.MAX_INDEXED_DISTANCE;

  static final int TAIL_SLOTS = 1024;
  private static final int MIN_RECENT_SLOTS = 1 << 16;
  private static final Logger LOG = Logger.getLogger(PdqIndex.class.getName());

  private final Object writeLock = new Object();
  private HashStore store;
  private volatile Snapshot snapshot;
  private boolean rebuilding;
  private int backgroundRebuilds;

  private PdqIndex(HashStore store) {
    this.store = store;
    HashStore.View view = store.view();
    this.snapshot = new Snapshot(
        view, SubstringTables.build(view, 0, view.count), SubstringTables.empty(view.count), store.liveCount());
  }

  /** An empty index. */
  public static PdqIndex create() {
    return new PdqIndex(new HashStore(0));
  }

  /** A builder for loading many hashes at once (the node's start-up rebuild), indexing them once at the end. */
  public static Builder builder(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expected size " + expectedSize + " is negative (expected: 0 or more)");
    }
    return new Builder(expectedSize);
  }

  @Override
  public void add(long ref, PdqHash hash) {
    Objects.requireNonNull(hash, "hash");
    synchronized (writeLock) {
      store.append(ref, hash);
      Snapshot s = snapshot;
      SubstringTables main = s.main;
      SubstringTables recent = s.recent;
      int count = store.count();
      if (count - recent.to >= TAIL_SLOTS) {
        boolean recentTooLarge = count - main.to >= Math.max(MIN_RECENT_SLOTS, main.to / 8);
        if (recentTooLarge && store.removedCount() * 4L > store.count()) {
          store = store.compacted();
          count = store.count();
          main = SubstringTables.build(store.view(), 0, count);
          recent = SubstringTables.empty(count);
        } else {
          if (recentTooLarge && !rebuilding) {
            rebuilding = true;
            HashStore of = store;
            HashStore.View view = store.view();
            Rebuilds.EXECUTOR.execute(() -> rebuildMain(of, view));
          }
          recent = SubstringTables.build(store.view(), main.to, count);
        }
      }
      snapshot = new Snapshot(store.view(), main, recent, store.liveCount());
    }
  }

  /** Builds main tables over {@code view} off the writer's thread, then swaps them in. */
  private void rebuildMain(HashStore of, HashStore.View view) {
    SubstringTables built;
    try {
      built = SubstringTables.build(view, 0, view.count);
    } catch (RuntimeException | Error e) {
      synchronized (writeLock) {
        rebuilding = false;
      }
      // The old tables stay correct, only the recent ones grow: searches slow down, nothing is lost.
      LOG.log(Level.SEVERE, "rebuilding the PDQ index tables failed; the index keeps its current tables", e);
      return;
    }
    synchronized (writeLock) {
      rebuilding = false;
      if (store != of) {
        return; // compacted meanwhile: the slots were renumbered and these tables are void
      }
      backgroundRebuilds++;
      Snapshot s = snapshot;
      // Slots added while building: into new recent tables up to where the old ones ended, the rest stays tail.
      SubstringTables recent = s.recent.to > built.to
          ? SubstringTables.build(s.view, built.to, s.recent.to) : SubstringTables.empty(built.to);
      snapshot = new Snapshot(s.view, built, recent, s.live);
    }
  }

  /**
   * The index's hashes and refs as they are now, for a start-up snapshot; the tables are not kept,
   * {@link Builder#build} makes them again. Call while no writer changes the index (the ledger's
   * write lock): it copies only what later writes change (removal bits, the ref-to-slot table).
   */
  public Frozen freeze() {
    synchronized (writeLock) {
      return new Frozen(store.freeze());
    }
  }

  /** An index's slots taken by {@link #freeze}; safe to write while the index changes. */
  public static final class Frozen {
    private final HashStore.Frozen slots;

    private Frozen(HashStore.Frozen slots) {
      this.slots = slots;
    }

    /** Writes the slots in the form {@link Builder#readFrom} reads (spec/store.md section 3.2). */
    public void writeTo(SnapshotOutput out) throws IOException {
      slots.writeTo(out);
    }
  }

  /** Whether new main tables are being built (tests). */
  boolean isRebuilding() {
    synchronized (writeLock) {
      return rebuilding;
    }
  }

  /** Runs {@code task} on the rebuild thread after the builds queued before it (tests hold builds back with it). */
  static void onRebuildThread(Runnable task) {
    Rebuilds.EXECUTOR.execute(task);
  }

  /** How many main tables built in the background were swapped in (tests). */
  int backgroundRebuilds() {
    synchronized (writeLock) {
      return backgroundRebuilds;
    }
  }

  @Override
  public boolean remove(long ref) {
    synchronized (writeLock) {
      if (!store.remove(ref)) {
        return false;
      }
      Snapshot s = snapshot;
      snapshot = new Snapshot(s.view, s.main, s.recent, store.liveCount());
      return true;
    }
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance, int limit) {
    SearchArguments.check(query, maxDistance, limit);
    return collect(query, maxDistance, MatchCollector.matches()).sortedFirst(limit);
  }

  /** Every match of {@link #search(PdqHash, int)}, in the same order, each with the hash it matched. */
  public List<PdqHit> searchHits(PdqHash query, int maxDistance) {
    SearchArguments.check(query, maxDistance, 1);
    return collect(query, maxDistance, MatchCollector.hits()).sortedHits();
  }

  /**
   * The hash under {@code ref}, if present. Takes the writers' lock (the ref-to-slot map is theirs),
   * so it is for look-ups by ref, not for the match path: a search hands its hits' hashes out with
   * {@link #searchHits}.
   */
  public Optional<PdqHash> hash(long ref) {
    synchronized (writeLock) {
      return Optional.ofNullable(store.hashOf(ref));
    }
  }

  private MatchCollector collect(PdqHash query, int maxDistance, MatchCollector out) {
    Snapshot s = snapshot;
    long[] words = query.words();
    if (maxDistance > SubstringTables.MAX_INDEXED_DISTANCE) {
      s.view.scan(0, s.view.count, words, maxDistance, out);
    } else {
      int[] substrings = new int[SubstringTables.SUBSTRINGS];
      for (int j = 0; j < substrings.length; j++) {
        substrings[j] = SubstringTables.substring(words, j);
      }
      s.main.search(s.view, words, substrings, maxDistance, out);
      s.recent.search(s.view, words, substrings, maxDistance, out);
      s.view.scan(s.recent.to, s.view.count, words, maxDistance, out);
    }
    return out;
  }

  @Override
  public int size() {
    return snapshot.live;
  }

  @Override
  public long memoryBytesEstimate() {
    synchronized (writeLock) {
      Snapshot s = snapshot;
      return store.memoryBytes() + s.main.memoryBytes() + s.recent.memoryBytes();
    }
  }

  /** One daemon thread for the main-table builds of every index; each build is itself parallel. */
  private static final class Rebuilds {
    static final java.util.concurrent.ExecutorService EXECUTOR = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hashfed-pdq-index-rebuild");
      t.setDaemon(true);
      return t;
    });
  }

  /** Main tables over slots {@code 0 .. main.to}, recent ones up to {@code recent.to}, the rest scanned. */
  private static final class Snapshot {
    final HashStore.View view;
    final SubstringTables main;
    final SubstringTables recent;
    final int live;

    Snapshot(HashStore.View view, SubstringTables main, SubstringTables recent, int live) {
      this.view = view;
      this.main = main;
      this.recent = recent;
      this.live = live;
    }
  }

  /** Collects hashes without indexing them, then builds the index in one pass. Not thread-safe. */
  public static final class Builder {
    private HashStore store;

    private Builder(int expectedSize) {
      store = new HashStore(expectedSize);
    }

    private Builder(HashStore store) {
      this.store = store;
    }

    /**
     * A builder holding the slots a snapshot holds, to which a replay of the entries after it adds.
     *
     * @throws SnapshotFormatException when a length or a slot number in it is out of bounds
     */
    public static Builder readFrom(SnapshotInput in) throws IOException, SnapshotFormatException {
      return new Builder(HashStore.readFrom(in));
    }

    /** Number of live hashes added. */
    public int size() {
      return store.liveCount();
    }

    /**
     * Adds a hash under {@code ref}.
     *
     * @throws IllegalArgumentException when {@code ref} was already added
     */
    public Builder add(long ref, PdqHash hash) {
      Objects.requireNonNull(hash, "hash");
      if (store == null) {
        throw new IllegalStateException("builder already built (expected: a new builder per index)");
      }
      store.append(ref, hash);
      return this;
    }

    /** Removes the hash under {@code ref} (a retraction met later in a replay); returns whether it was present. */
    public boolean remove(long ref) {
      if (store == null) {
        throw new IllegalStateException("builder already built (expected: a new builder per index)");
      }
      return store.remove(ref);
    }

    /** The index of every hash added; the builder cannot be used afterwards. */
    public PdqIndex build() {
      if (store == null) {
        throw new IllegalStateException("builder already built (expected: a new builder per index)");
      }
      PdqIndex index = new PdqIndex(store);
      store = null;
      return index;
    }
  }
}
