package org.hashfed.node.match;

import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * The node's PDQ index: a multi-index hash over 12 substrings of 21 or 22 bits for distances up
 * to 35, and a scan of its own compact hash arrays above that.
 *
 * <p>Readers never lock: a search works on an immutable snapshot of three parts, a large main
 * table set, a smaller recent one, and a short tail of the newest hashes that is scanned. Writers
 * serialise on a lock; when the tail fills it is folded into the recent tables, and when those
 * grow past an eighth of the main ones everything is rebuilt into new main tables (dropping
 * removed hashes), then swapped in. That rebuild runs on the writer's thread, so an occasional
 * {@link #add} takes time proportional to the index size; searches are not held up.
 */
public final class PdqIndex implements PdqMatcher {

  static final int TAIL_SLOTS = 1024;
  private static final int MIN_RECENT_SLOTS = 1 << 16;

  private final Object writeLock = new Object();
  private HashStore store;
  private volatile Snapshot snapshot;

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
        int recentSize = count - main.to;
        if (recentSize >= Math.max(MIN_RECENT_SLOTS, main.to / 8)) {
          if (store.removedCount() * 4L > store.count()) {
            store = store.compacted();
          }
          count = store.count();
          main = SubstringTables.build(store.view(), 0, count);
          recent = SubstringTables.empty(count);
        } else {
          recent = SubstringTables.build(store.view(), main.to, count);
        }
      }
      snapshot = new Snapshot(store.view(), main, recent, store.liveCount());
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
    Snapshot s = snapshot;
    long[] words = query.words();
    MatchCollector out = new MatchCollector();
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
    return out.sortedFirst(limit);
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
