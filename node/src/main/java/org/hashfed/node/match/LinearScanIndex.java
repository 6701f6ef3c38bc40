package org.hashfed.node.match;

import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * Compares the query with every stored hash: the baseline {@link PdqIndex} is measured and tested
 * against. Same storage as the index, no tables.
 */
public final class LinearScanIndex implements PdqMatcher {

  private final Object writeLock = new Object();
  private final HashStore store;
  private volatile HashStore.View view;
  private volatile int live;

  private LinearScanIndex(int expectedSize) {
    store = new HashStore(expectedSize);
    view = store.view();
  }

  /** An empty scan index sized for about {@code expectedSize} hashes. */
  public static LinearScanIndex create(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expected size " + expectedSize + " is negative (expected: 0 or more)");
    }
    return new LinearScanIndex(expectedSize);
  }

  @Override
  public void add(long ref, PdqHash hash) {
    Objects.requireNonNull(hash, "hash");
    synchronized (writeLock) {
      store.append(ref, hash);
      live = store.liveCount();
      view = store.view();
    }
  }

  @Override
  public boolean remove(long ref) {
    synchronized (writeLock) {
      boolean removed = store.remove(ref);
      live = store.liveCount();
      return removed;
    }
  }

  @Override
  public List<PdqMatch> search(PdqHash query, int maxDistance, int limit) {
    SearchArguments.check(query, maxDistance, limit);
    HashStore.View v = view;
    MatchCollector out = MatchCollector.matches();
    v.scan(0, v.count, query.words(), maxDistance, out);
    return out.sortedFirst(limit);
  }

  @Override
  public int size() {
    return live;
  }

  @Override
  public long memoryBytesEstimate() {
    synchronized (writeLock) {
      return store.memoryBytes();
    }
  }
}
