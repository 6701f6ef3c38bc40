package org.hashfed.cli.bench;

import java.io.PrintWriter;
import java.util.Map;

/** Prints the match benchmark as an aligned table. */
final class MatchReportTable {

  private static final String ROW = "%-34s %14s %14s %12s%n";

  private MatchReportTable() {}

  static void print(PrintWriter out, Map<String, Object> r, MatcherMeasurement index, MatcherMeasurement scan) {
    out.printf("hashfed bench match: %,d PDQ hashes (half in clusters of 8 near-duplicates), seed %s, max distance %s%n",
        (Integer) r.get("size"), r.get("seed"), r.get("max_distance"));
    out.printf("queries: %s; %s on %s cores, max heap %,d MiB, %s%n",
        r.get("query_mix"), "batch with " + r.get("threads") + " threads", r.get("cores"),
        (Long) r.get("max_heap_bytes") >> 20, r.get("date"));
    out.printf("the linear scan is timed on the first %,d of the %,d index queries (same mix)%n%n",
        scan.timedQueries, index.timedQueries);
    out.printf(ROW, "", "index", "linear scan", "index gain");
    out.printf(ROW, "load, incl. generating hashes (s)", fixed(index.loadNanos / 1e9), fixed(scan.loadNanos / 1e9), "");
    out.printf(ROW, "index build (s)", fixed(index.buildNanos / 1e9), "-", "");
    out.printf(ROW, "heap per hash (bytes, measured)", fixed((double) index.heapBytes / index.hashes),
        fixed((double) scan.heapBytes / scan.hashes), "");
    out.printf(ROW, "heap per hash (bytes, estimated)", fixed((double) index.estimateBytes / index.hashes),
        fixed((double) scan.estimateBytes / scan.hashes), "");
    out.printf(ROW, "single query p50 (us)", fixed(index.p50Nanos / 1e3), fixed(scan.p50Nanos / 1e3),
        times((double) scan.p50Nanos / index.p50Nanos));
    out.printf(ROW, "single query p99 (us)", fixed(index.p99Nanos / 1e3), fixed(scan.p99Nanos / 1e3),
        times((double) scan.p99Nanos / index.p99Nanos));
    out.printf(ROW, "single query mean (us)", fixed(index.meanNanos / 1e3), fixed(scan.meanNanos / 1e3),
        times((double) scan.meanNanos / index.meanNanos));
    out.printf(ROW, "batch throughput (queries/s)", String.format("%,.0f", index.batchQueriesPerSecond),
        String.format("%,.0f", scan.batchQueriesPerSecond),
        times(index.batchQueriesPerSecond / scan.batchQueriesPerSecond));
    out.printf(ROW, "hit queries with a match", index.hitQueriesMatched + "/" + (index.timedQueries + 1) / 2,
        scan.hitQueriesMatched + "/" + (scan.timedQueries + 1) / 2, "");
    out.printf("%nindex and scan results %s on the %,d queries both ran%n",
        Boolean.TRUE.equals(r.get("results_agree")) ? "identical" : "DIFFER", scan.timedQueries);
  }

  private static String fixed(double v) {
    return String.format("%.2f", v);
  }

  private static String times(double v) {
    return String.format("%.1fx", v);
  }
}
