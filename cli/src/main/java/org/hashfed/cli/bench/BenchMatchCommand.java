package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.match.LinearScanIndex;
import org.hashfed.node.match.PdqIndex;
import org.hashfed.node.match.PdqMatcher;
import org.hashfed.protocol.pdq.PdqHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench match}: the PDQ index against a linear scan of the same synthetic corpus. */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = {
      "Builds a synthetic PDQ corpus (half in clusters of near-duplicates) and measures the PDQ index and a "
          + "linear scan on it in the same run: load and build time, heap per hash, single-query p50/p99 latency "
          + "and batch throughput, for a query mix of 50%% hits (a corpus hash with 0..31 bits flipped) and 50%% "
          + "random misses. Run with enough heap, e.g. HASHFED_JAVA_OPTS='-Xmx2g -XX:+UseTransparentHugePages' for "
          + "10M hashes: index queries are random reads over the hash arrays, so huge pages save most TLB misses."
    })
public final class BenchMatchCommand implements Callable<Integer> {

  private static final int MAX_HIT_FLIPS = 31;

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", description = "Number of hashes in the corpus (default: ${DEFAULT-VALUE}).")
  int size = 1_000_000;

  @Option(names = "--queries", paramLabel = "Q", description = "Queries timed on the index (default: ${DEFAULT-VALUE}).")
  int queries = 20_000;

  @Option(names = "--scan-queries", paramLabel = "Q",
      description = "Queries timed on the linear scan, a prefix of the index's (default: 2e9 / N, 20..2000).")
  Integer scanQueries;

  @Option(names = "--max-distance", paramLabel = "D", description = "Match distance 0..63 (default: ${DEFAULT-VALUE}).")
  int maxDistance = PdqMatcher.DEFAULT_MAX_DISTANCE;

  @Option(names = "--threads", paramLabel = "T", description = "Threads for batch throughput (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--seed", description = "Seed of the corpus and queries (default: ${DEFAULT-VALUE}).")
  long seed = 20_260_101L;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    validate();
    int scanTimed = Math.min(queries, scanQueries != null ? scanQueries : (int) Math.max(20, Math.min(2000, 2e9 / size)));
    SyntheticPdqCorpus corpus = new SyntheticPdqCorpus(seed, size);
    PdqHash[] mix = queryMix(corpus);

    MatcherMeasurement index = MatcherMeasurement.run(
        () -> loadIndex(corpus), mix, queries, Math.min(5000, queries), maxDistance, threads, scanTimed);
    MatcherMeasurement scan = MatcherMeasurement.run(
        () -> loadScan(corpus), mix, scanTimed, Math.min(20, scanTimed), maxDistance, threads, scanTimed);
    boolean agree = index.firstResults.equals(scan.firstResults);

    Map<String, Object> report = report(index, scan, agree);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      MatchReportTable.print(out, report, index, scan);
    }
    out.flush();
    return agree ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private void validate() {
    check(size >= 1 && size <= 100_000_000, "--size", size, "1..100000000");
    check(queries >= 2 && queries <= 10_000_000, "--queries", queries, "2..10000000");
    check(scanQueries == null || scanQueries >= 2, "--scan-queries", scanQueries, "2 or more");
    check(maxDistance >= 0 && maxDistance <= PdqMatcher.MAX_DISTANCE, "--max-distance", maxDistance, "0..63");
    check(threads >= 1 && threads <= 1024, "--threads", threads, "1..1024");
  }

  private void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value + ": expected " + expected);
    }
  }

  // Even positions are hits, odd ones random misses, so any prefix keeps the 50/50 mix.
  private PdqHash[] queryMix(SyntheticPdqCorpus corpus) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x51ED270B27E5C4A3L);
    PdqHash[] mix = new PdqHash[queries];
    for (int i = 0; i < queries; i++) {
      mix[i] = i % 2 == 0
          ? SyntheticPdqCorpus.flip(corpus.hash(random.nextInt(size)), random.nextInt(MAX_HIT_FLIPS + 1), random)
          : SyntheticPdqCorpus.random(random);
    }
    return mix;
  }

  private static MatcherMeasurement.Loaded loadIndex(SyntheticPdqCorpus corpus) {
    long start = System.nanoTime();
    PdqIndex.Builder builder = PdqIndex.builder(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      builder.add(i, corpus.hash(i));
    }
    long loaded = System.nanoTime();
    PdqIndex index = builder.build();
    return new MatcherMeasurement.Loaded(index, loaded - start, System.nanoTime() - loaded);
  }

  private static MatcherMeasurement.Loaded loadScan(SyntheticPdqCorpus corpus) {
    long start = System.nanoTime();
    LinearScanIndex scan = LinearScanIndex.create(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      scan.add(i, corpus.hash(i));
    }
    return new MatcherMeasurement.Loaded(scan, System.nanoTime() - start, 0);
  }

  private Map<String, Object> report(MatcherMeasurement index, MatcherMeasurement scan, boolean agree) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "match");
    r.put("date", Instant.now().toString());
    r.put("size", size);
    r.put("seed", seed);
    r.put("max_distance", maxDistance);
    r.put("query_mix", "50% hits (corpus hash with 0..31 bits flipped), 50% random misses");
    r.put("threads", threads);
    r.put("cores", Runtime.getRuntime().availableProcessors());
    r.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    r.put("index", side(index));
    r.put("linear_scan", side(scan));
    Map<String, Object> speedup = new LinkedHashMap<>();
    speedup.put("p50", ratio(scan.p50Nanos, index.p50Nanos));
    speedup.put("p99", ratio(scan.p99Nanos, index.p99Nanos));
    speedup.put("mean", ratio(scan.meanNanos, index.meanNanos));
    speedup.put("batch", ratio(index.batchQueriesPerSecond, scan.batchQueriesPerSecond));
    r.put("index_speedup", speedup);
    r.put("results_agree", agree);
    r.put("results_compared", scan.timedQueries);
    return r;
  }

  private static Map<String, Object> side(MatcherMeasurement m) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("hashes", m.hashes);
    s.put("load_seconds", round(m.loadNanos / 1e9));
    s.put("build_seconds", round(m.buildNanos / 1e9));
    s.put("heap_bytes_per_hash", round((double) m.heapBytes / m.hashes));
    s.put("estimated_bytes_per_hash", round((double) m.estimateBytes / m.hashes));
    s.put("queries_timed", m.timedQueries);
    s.put("p50_micros", round(m.p50Nanos / 1e3));
    s.put("p99_micros", round(m.p99Nanos / 1e3));
    s.put("mean_micros", round(m.meanNanos / 1e3));
    s.put("batch_queries_per_second", round(m.batchQueriesPerSecond));
    s.put("hit_queries_matched", m.hitQueriesMatched);
    s.put("hit_queries", (m.timedQueries + 1) / 2);
    return s;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : round(a / b);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
