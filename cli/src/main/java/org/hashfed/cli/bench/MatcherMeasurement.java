package org.hashfed.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.hashfed.node.match.PdqMatch;
import org.hashfed.node.match.PdqMatcher;
import org.hashfed.protocol.pdq.PdqHash;

/** What one matcher measured: load and build time, heap, single-query latencies and batch throughput. */
final class MatcherMeasurement {

  long loadNanos;
  long buildNanos;
  long heapBytes;
  long estimateBytes;
  int hashes;
  int timedQueries;
  long p50Nanos;
  long p99Nanos;
  long meanNanos;
  double batchQueriesPerSecond;
  int hitQueriesMatched;
  List<List<PdqMatch>> firstResults = new ArrayList<>();

  /** Builds a matcher with {@code load} (which reports its build time through the returned value) and queries it. */
  static MatcherMeasurement run(
      Supplier<Loaded> load, PdqHash[] queries, int timed, int warmUp, int maxDistance, int threads, int keepResults)
      throws InterruptedException, ExecutionException {
    MatcherMeasurement m = new MatcherMeasurement();
    long heapBefore = usedHeapAfterGc();
    Loaded loaded = load.get();
    PdqMatcher matcher = loaded.matcher;
    m.loadNanos = loaded.loadNanos;
    m.buildNanos = loaded.buildNanos;
    m.heapBytes = usedHeapAfterGc() - heapBefore;
    m.estimateBytes = matcher.memoryBytesEstimate();
    m.hashes = matcher.size();
    m.timedQueries = timed;

    for (int i = 0; i < warmUp; i++) {
      matcher.search(queries[queries.length - 1 - i % queries.length], maxDistance);
    }
    long[] latencies = new long[timed];
    for (int i = 0; i < timed; i++) {
      long start = System.nanoTime();
      List<PdqMatch> matches = matcher.search(queries[i], maxDistance);
      latencies[i] = System.nanoTime() - start;
      if (i < keepResults) {
        m.firstResults.add(matches);
      }
      // Even-numbered queries are the planted hits.
      if (i % 2 == 0 && !matches.isEmpty()) {
        m.hitQueriesMatched++;
      }
    }
    Arrays.sort(latencies);
    m.p50Nanos = latencies[(int) (0.50 * (timed - 1))];
    m.p99Nanos = latencies[(int) Math.ceil(0.99 * (timed - 1))];
    m.meanNanos = (long) Arrays.stream(latencies).average().orElse(0);
    m.batchQueriesPerSecond = batch(matcher, queries, timed, maxDistance, threads);
    return m;
  }

  private static double batch(PdqMatcher matcher, PdqHash[] queries, int count, int maxDistance, int threads)
      throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        tasks.add(() -> {
          int matches = 0;
          for (int i = first; i < count; i += threads) {
            matches += matcher.search(queries[i], maxDistance).size();
          }
          return matches;
        });
      }
      long start = System.nanoTime();
      for (var done : pool.invokeAll(tasks)) {
        done.get();
      }
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A loaded matcher and how long loading (adding every hash) and building (indexing) took. */
  static final class Loaded {
    final PdqMatcher matcher;
    final long loadNanos;
    final long buildNanos;

    Loaded(PdqMatcher matcher, long loadNanos, long buildNanos) {
      this.matcher = matcher;
      this.loadNanos = loadNanos;
      this.buildNanos = buildNanos;
    }
  }
}
