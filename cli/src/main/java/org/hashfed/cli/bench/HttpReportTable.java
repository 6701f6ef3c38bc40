package org.hashfed.cli.bench;

import java.io.PrintWriter;
import java.util.Map;

/** Prints the HTTP benchmark as an aligned table. */
final class HttpReportTable {

  private static final String ROW = "%-30s %14s %14s %14s%n";

  private HttpReportTable() {}

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> r) {
    Map<String, Object> health = (Map<String, Object>) r.get("healthz");
    Map<String, Object> match = (Map<String, Object>) r.get("match");
    out.printf("hashfed bench http: %,d PDQ submissions (%,d matchable), %s connections, %s s per phase%n",
        (Integer) r.get("size"), (Integer) r.get("matchable"), r.get("connections"), r.get("duration_seconds"));
    out.printf("queries: %s%n", r.get("query_mix"));
    out.printf("%s cores shared by client and node, max heap %,d MiB, %s, %s%n", r.get("cores"),
        (Long) r.get("max_heap_bytes") >> 20, r.get("java"), r.get("date"));
    out.printf("store load %s, node start-up rebuild %.2f s, heap in use once ready %,d MiB%n%n",
        Boolean.TRUE.equals(r.get("store_reused")) ? "skipped (store reused)"
            : String.format("%.2f s", (Double) r.get("store_load_seconds")),
        r.get("node_rebuild_seconds"), (Long) r.get("heap_used_after_start_bytes") >> 20);
    out.printf(ROW, "", "GET /healthz", "GET /v1/match", "in-process");
    out.printf(ROW, "requests/s", rate(health), rate(match),
        String.format("%,.0f", (Double) r.get("in_process_matches_per_second")));
    out.printf(ROW, "p50 latency (us)", health.get("p50_micros"), match.get("p50_micros"), "-");
    out.printf(ROW, "p99 latency (us)", health.get("p99_micros"), match.get("p99_micros"), "-");
    out.printf(ROW, "mean latency (us)", health.get("mean_micros"), match.get("mean_micros"), "-");
    out.printf(ROW, "requests (errors)", health.get("requests") + " (" + health.get("errors") + ")",
        match.get("requests") + " (" + match.get("errors") + ")", "");
    out.printf("%nmatch hit fraction %.2f; match throughput is %.2fx /healthz and %.2fx in-process matching%n",
        r.get("match_hit_fraction"), r.get("match_vs_healthz_throughput"), r.get("match_vs_in_process_throughput"));
    Map<String, Object> wrk = (Map<String, Object>) r.get("wrk");
    if (wrk != null) {
      printWrk(out, wrk);
    }
  }

  @SuppressWarnings("unchecked")
  private static void printWrk(PrintWriter out, Map<String, Object> wrk) {
    if (wrk.containsKey("skipped")) {
      out.printf("%nwrk: skipped, %s%n", wrk.get("skipped"));
      return;
    }
    Map<String, Object> health = (Map<String, Object>) wrk.get("healthz");
    Map<String, Object> match = (Map<String, Object>) wrk.get("match");
    out.printf("%nwith wrk (%s):%n", wrk.get("command"));
    out.printf(ROW, "", "GET /healthz", "GET /v1/match", "");
    out.printf(ROW, "requests/s", rate(health), rate(match), "");
    out.printf(ROW, "p50 latency (us)", health.get("p50_micros"), match.get("p50_micros"), "");
    out.printf(ROW, "p99 latency (us)", health.get("p99_micros"), match.get("p99_micros"), "");
    out.printf(ROW, "mean latency (us)", health.get("mean_micros"), match.get("mean_micros"), "");
    out.printf(ROW, "requests (errors)", health.get("requests") + " (" + health.get("errors") + ")",
        match.get("requests") + " (" + match.get("errors") + ")", "");
    out.printf("%nwith wrk, match throughput is %.2fx /healthz%n", wrk.get("match_vs_healthz_throughput"));
  }

  private static String rate(Map<String, Object> side) {
    return String.format("%,.0f", (Double) side.get("requests_per_second"));
  }
}
