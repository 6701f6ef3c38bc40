package org.hashfed.cli.bench;

import java.io.PrintWriter;
import java.util.Map;

/** Prints the HTTP benchmark as an aligned table. */
final class HttpReportTable {

  private static final String ROW = "%-30s %14s %14s %16s %14s%n";

  private HttpReportTable() {}

  @SuppressWarnings("unchecked")
  static void print(PrintWriter out, Map<String, Object> r) {
    out.printf("hashfed bench http: %,d PDQ submissions (%,d matchable), %s connections, %s s per phase%n",
        (Integer) r.get("size"), (Integer) r.get("matchable"), r.get("connections"), r.get("duration_seconds"));
    out.printf("queries: %s%n", r.get("query_mix"));
    out.printf("%s cores shared by client and node, max heap %,d MiB, %s, %s%n", r.get("cores"),
        (Long) r.get("max_heap_bytes") >> 20, r.get("java"), r.get("date"));
    out.printf("store load %s, node start-up rebuild %.2f s (%s), heap in use once ready %,d MiB%n%n",
        Boolean.TRUE.equals(r.get("store_reused")) ? "skipped (store reused)"
            : String.format("%.2f s", (Double) r.get("store_load_seconds")),
        r.get("node_rebuild_seconds"),
        Boolean.TRUE.equals(r.get("started_from_snapshot")) ? "from the start-up snapshot" : "full replay",
        (Long) r.get("heap_used_after_start_bytes") >> 20);
    String inProcess = String.format("%,.0f", (Double) r.get("in_process_matches_per_second"));
    phases(out, r, inProcess);
    out.printf("%nmatch hit fraction %.2f; GET /v1/match is %.2fx /healthz and %.2fx in-process matching; "
            + "POST /v1/match matches %.2fx the in-process rate%n", r.get("match_hit_fraction"),
        r.get("match_vs_healthz_throughput"), r.get("match_vs_in_process_throughput"),
        r.get("batch_vs_in_process_throughput"));
    Map<String, Object> wrk = (Map<String, Object>) r.get("wrk");
    if (wrk == null) {
      return;
    }
    if (wrk.containsKey("skipped")) {
      out.printf("%nwrk: skipped, %s%n", wrk.get("skipped"));
      return;
    }
    out.printf("%nwith wrk (%s):%n", wrk.get("command"));
    phases(out, wrk, "");
    out.printf("%nwith wrk, GET /v1/match is %.2fx /healthz and %.2fx in-process matching; "
            + "POST /v1/match matches %.2fx the in-process rate%n", wrk.get("match_vs_healthz_throughput"),
        wrk.get("match_vs_in_process_throughput"), wrk.get("batch_vs_in_process_throughput"));
    out.printf("node CPU per signal matched: %.1f us in-process, %.1f us by GET (%.2fx the in-process rate per core), "
            + "%.1f us by POST (%.2fx)%n", r.get("in_process_cpu_micros_per_signal"),
        wrk.get("match_cpu_micros_per_signal"), wrk.get("match_vs_in_process_cpu"), wrk.get("batch_cpu_micros_per_signal"),
        wrk.get("batch_vs_in_process_cpu"));
    out.printf("JIT compiling during the phase (in the node's CPU above): %s ms in-process, %s ms GET, %s ms POST%n",
        r.get("in_process_jit_millis"), wrk.get("match_jit_millis"), wrk.get("batch_jit_millis"));
  }

  @SuppressWarnings("unchecked")
  private static void phases(PrintWriter out, Map<String, Object> r, String inProcess) {
    Map<String, Object> health = (Map<String, Object>) r.get("healthz");
    Map<String, Object> match = (Map<String, Object>) r.get("match");
    Map<String, Object> batch = (Map<String, Object>) r.get("batch");
    String batchName = "POST, " + r.get("signals_per_batch") + " each";
    out.printf(ROW, "", "GET /healthz", "GET /v1/match", batchName, inProcess.isEmpty() ? "" : "in-process");
    out.printf(ROW, "requests/s", rate(health, "requests_per_second"), rate(match, "requests_per_second"),
        rate(batch, "requests_per_second"), "");
    out.printf(ROW, "signals matched/s", "-", rate(match, "signals_per_second"), rate(batch, "signals_per_second"),
        inProcess);
    for (String[] row : new String[][] {{"p50 latency (us)", "p50_micros"}, {"p99 latency (us)", "p99_micros"},
        {"mean latency (us)", "mean_micros"}}) {
      out.printf(ROW, row[0], health.get(row[1]), match.get(row[1]), batch.get(row[1]), "");
    }
    out.printf(ROW, "requests (errors)", requests(health), requests(match), requests(batch), "");
  }

  private static String requests(Map<String, Object> side) {
    return side.get("requests") + " (" + side.get("errors") + ")";
  }

  private static String rate(Map<String, Object> side, String field) {
    return String.format("%,.0f", (Double) side.get(field));
  }
}
