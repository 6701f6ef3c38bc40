package org.hashfed.node.catalog;

import java.util.Arrays;

/**
 * The refs of the listings that have an expiry, in a min-heap ordered by that expiry (read from the
 * table's column, where it never changes), so that an expiry sweep touches only what expires
 * instead of every listing. Expiries at or before a time passed to {@link #forgetThrough} leave the
 * heap: the sweep, which only moves forward, has written their events.
 *
 * <p>Built on first use, not at start-up: the scan and the heap's ordering of millions of expiries
 * would lengthen every start, and the first sweep knows how much of the past it can leave out.
 * Refs of listings removed later stay until their expiry passes; callers check that a ref is live.
 * Thread-safe: {@link #add} comes from the catalog's writer, the rest from the sweep.
 */
final class ExpiryIndex {

  private static final long NO_EXPIRY = Long.MIN_VALUE;

  private final ListingTable table;
  private final Object building = new Object();
  private int[] heap = new int[0];
  private int size;
  // Refs below it were scanned into the heap (or left out as forgotten); -1 until the first use.
  private int scannedTo = -1;
  // Expiries at or before it are forgotten.
  private long floor = Long.MIN_VALUE;

  ExpiryIndex(ListingTable table) {
    this.table = table;
  }

  /** Records the expiry of {@code ref}, just added to the table; nothing when it has none. */
  synchronized void add(int ref) {
    if (scannedTo >= 0 && ref >= scannedTo) {
      offer(ref);
    }
  }

  /**
   * The refs whose expiry is at or before {@code untilSecond} and after the last forgotten time, in
   * ascending order (the order of the table), removed ones included.
   */
  int[] dueBy(long untilSecond) {
    build();
    synchronized (this) {
      int[] out = new int[Math.min(size, 16)];
      int n = 0;
      // Depth first from the root: a node later than untilSecond has no descendant due either, so
      // the walk visits at most twice as many nodes as it reports.
      int[] stack = new int[64];
      int depth = 0;
      if (size > 0) {
        stack[depth++] = 0;
      }
      while (depth > 0) {
        int i = stack[--depth];
        if (expiry(heap[i]) > untilSecond) {
          continue;
        }
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = heap[i];
        for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
          if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
          }
          stack[depth++] = child;
        }
      }
      int[] due = Arrays.copyOf(out, n);
      Arrays.sort(due);
      return due;
    }
  }

  /** Drops every expiry at or before {@code second}: later calls of {@link #dueBy} no longer report them. */
  synchronized void forgetThrough(long second) {
    floor = Math.max(floor, second);
    while (size > 0 && expiry(heap[0]) <= floor) {
      heap[0] = heap[--size];
      siftDown(0);
    }
  }

  /** Number of expiries held (forgotten ones excluded), for tests. */
  synchronized int size() {
    return size;
  }

  // The scan runs outside the lock, so that the catalog's writer is not held up for the seconds a
  // table of millions takes; what was added meanwhile is taken in when the heap is installed.
  private void build() {
    synchronized (building) {
      long from;
      synchronized (this) {
        if (scannedTo >= 0) {
          return;
        }
        from = floor;
      }
      int end = table.end();
      int[] refs = new int[16];
      int n = 0;
      for (int ref = 0; ref < end; ref++) {
        long e = table.expiresAtSecond(ref);
        if (e != NO_EXPIRY && e > from) {
          if (n == refs.length) {
            refs = Arrays.copyOf(refs, n * 2);
          }
          refs[n++] = ref;
        }
      }
      synchronized (this) {
        heap = refs;
        size = n;
        for (int i = size / 2 - 1; i >= 0; i--) {
          siftDown(i);
        }
        int now = table.end();
        for (int ref = end; ref < now; ref++) {
          offer(ref);
        }
        scannedTo = now;
        // a forget while the scan ran may have raised the floor past some of what it took in
        forgetThrough(floor);
      }
    }
  }

  private void offer(int ref) {
    long e = expiry(ref);
    if (e == NO_EXPIRY || e <= floor) {
      return;
    }
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, Math.max(16, size * 2));
    }
    heap[size] = ref;
    siftUp(size++);
  }

  private void siftUp(int i) {
    int ref = heap[i];
    long e = expiry(ref);
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (expiry(heap[parent]) <= e) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = ref;
  }

  private void siftDown(int i) {
    int ref = heap[i];
    long e = expiry(ref);
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      long ce = expiry(heap[child]);
      if (child + 1 < size) {
        long re = expiry(heap[child + 1]);
        if (re < ce) {
          child++;
          ce = re;
        }
      }
      if (e <= ce) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = ref;
  }

  private long expiry(int ref) {
    return table.expiresAtSecond(ref);
  }
}
