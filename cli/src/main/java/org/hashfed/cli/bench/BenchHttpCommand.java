package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench http}: GET and batch POST /v1/match over loopback against a real node, with /healthz and in-process baselines. */
@Command(
    name = "http",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a real node in a temporary directory with N synthetic PDQ submissions (written to its store "
          + "before it starts, then indexed by its own start-up replay), and drives GET /v1/match?type=pdq, then "
          + "POST /v1/match with B signals per request, over loopback from a Vert.x HTTP client with C connections "
          + "for S seconds each: 50%% hits (a corpus hash with 0..31 bits flipped), 50%% random misses. Baselines in "
          + "the same run: GET /healthz (the HTTP stack, auth-free, without matching) and the catalog's in-process "
          + "match rate on all cores. Client and node share the machine, so the HTTP figures are a floor for a node "
          + "on its own host. With --wrk, every HTTP phase runs again with wrk, a client in C that leaves more of the "
          + "cores to the node (Debian and Ubuntu: apt-get install wrk; macOS: brew install wrk). "
          + "The synthetic store is written without the write-ahead log and flushed at the end (bench data); with "
          + "--store it is kept in DIR and reused by later runs of the same --size and --seed, which then measure "
          + "only the node's start: from the start-up snapshot its last clean stop wrote (DIR/store.snapshot), or "
          + "with a full replay when that file is absent."
    })
public final class BenchHttpCommand implements Callable<Integer> {

  private static final int MAX_HIT_FLIPS = 31;
  private static final int DISTINCT_QUERIES = 20_000;

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", description = "PDQ submissions loaded (default: ${DEFAULT-VALUE}).")
  int size = 100_000;

  @Option(names = "--connections", paramLabel = "C", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int connections = 16;

  @Option(names = "--duration", paramLabel = "S", description = "Seconds per measured phase (default: ${DEFAULT-VALUE}).")
  int duration = 10;

  // 3 s left the JIT compiling the request path through the measured phases: on 2 loaded cores,
  // the C2 compiler took 30% of the node's CPU during the wrk GET phase after it.
  @Option(names = "--warmup", paramLabel = "S",
      description = "Seconds of unmeasured GET, then POST, match load first, so that the JIT has compiled the request "
          + "path before the measured phases (default: ${DEFAULT-VALUE}).")
  int warmup = 20;

  @Option(names = "--seed", description = "Seed of the corpus and queries (default: ${DEFAULT-VALUE}).")
  long seed = 20_260_101L;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Option(names = "--store", paramLabel = "DIR",
      description = "Keep the node's data in DIR and reuse it when it already holds this corpus (default: a temporary directory).")
  Path store;

  @Option(names = "--batch", paramLabel = "B", description = "Signals per POST /v1/match (default: ${DEFAULT-VALUE}).")
  int batch = 50;

  @Option(names = "--wrk", description = "Also measure the HTTP phases with wrk, if it is on the PATH.")
  boolean wrk;

  @Override
  public Integer call() throws Exception {
    check(size >= 1 && size <= 50_000_000, "--size", size, "1..50000000");
    check(connections >= 1 && connections <= 1024, "--connections", connections, "1..1024");
    check(duration >= 1 && duration <= 3600, "--duration", duration, "1..3600");
    check(warmup >= 0 && warmup <= 600, "--warmup", warmup, "0..600");
    check(batch >= 1 && batch <= NodeConfig.DEFAULT_MAX_SIGNALS, "--batch", batch,
        "1.." + NodeConfig.DEFAULT_MAX_SIGNALS);
    if (store != null) {
      return run(store);
    }
    Path dir = Files.createTempDirectory("hashfed-bench-http");
    try {
      return run(dir);
    } finally {
      deleteTree(dir);
    }
  }

  private int run(Path dir) throws Exception {
    NodeConfig config = NodeConfig.builder().dataDir(dir).port(0).peerPort(0).build();
    SyntheticPdqCorpus corpus = new SyntheticPdqCorpus(seed, size);
    long t0 = System.nanoTime();
    boolean reused = BenchStore.holds(dir, size, seed, spec);
    if (!reused) {
      SyntheticFeedLoader.load(config, corpus);
      BenchStore.mark(dir, size, seed);
    }
    // a store kept with --store has the snapshot its last clean stop wrote: that start skips the full replay
    boolean fromSnapshot = Files.exists(dir.resolve("store.snapshot"));
    long t1 = System.nanoTime();
    Node node = Node.start(config);
    Map<String, Object> report;
    try {
      node.awaitReady(Duration.ofHours(1));
      long t2 = System.nanoTime();
      long heapUsed = heapAfterFullGc();
      // a reused store's node made its admin key on its first start, and kept it in the key file
      String key = node.firstAdminKey().isPresent() ? node.firstAdminKey().get().secret()
          : Files.readString(config.adminKeyFile(), StandardCharsets.UTF_8).trim();
      List<PdqHash> mix = queryMix(corpus);
      List<HttpLoad.Request> gets = new ArrayList<>(mix.size());
      for (PdqHash h : mix) {
        gets.add(HttpLoad.Request.get("/v1/match?type=pdq&value=" + h.toHex()));
      }
      List<HttpLoad.Request> posts = batches(mix);
      List<HttpLoad.Request> health = List.of(HttpLoad.Request.get("/healthz"));
      HttpLoad load = new HttpLoad(node.port(), connections, key);
      try {
        load.run(gets, warmup);
        load.run(posts, warmup);
        HttpLoad.Result healthz = load.run(health, duration);
        HttpLoad.Result match = load.run(gets, duration);
        HttpLoad.Result batched = load.run(posts, duration);
        long cpu = processCpuNanos();
        long jit = jitMillis();
        double inProcess = InProcessMatch.rate(node.ledger().orElseThrow().catalog(), mix, duration);
        double inProcessCpu = (processCpuNanos() - cpu) / 1e3 / Math.max(1, inProcess * duration);
        long inProcessJit = jitMillis() - jit;
        report = report(node, reused ? 0 : (t1 - t0) / 1e9, (t2 - t1) / 1e9, healthz, match, batched, inProcess);
        report.put("store_reused", reused);
        report.put("started_from_snapshot", fromSnapshot);
        report.put("heap_used_after_start_bytes", heapUsed);
        report.put("in_process_cpu_micros_per_signal", round(inProcessCpu));
        report.put("in_process_jit_millis", inProcessJit);
        if (wrk) {
          report.put("wrk", wrkPhases(dir, node.port(), key, health, gets, posts, inProcess, inProcessCpu));
        }
      } finally {
        load.close();
      }
    } finally {
      node.stop();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      HttpReportTable.print(out, report);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private Map<String, Object> wrkPhases(Path dir, int port, String key, List<HttpLoad.Request> health,
      List<HttpLoad.Request> gets, List<HttpLoad.Request> posts, double inProcess, double inProcessCpu)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Optional<Path> found = WrkLoad.find();
    if (found.isEmpty()) {
      r.put("skipped", WrkLoad.INSTALL_HINT);
      return r;
    }
    WrkLoad w = new WrkLoad(found.get(), dir, port, connections, key);
    WrkLoad.Result healthz = w.run("healthz", health, duration);
    long cpu = processCpuNanos();
    long jit = jitMillis();
    WrkLoad.Result match = w.run("match", gets, duration);
    double matchCpu = (processCpuNanos() - cpu) / 1e3 / Math.max(1, match.requests());
    long matchJit = jitMillis() - jit;
    cpu = processCpuNanos();
    jit = jitMillis();
    WrkLoad.Result batched = w.run("batch", posts, duration);
    double batchCpu = (processCpuNanos() - cpu) / 1e3 / Math.max(1, batched.requests() * (long) batch);
    long batchJit = jitMillis() - jit;
    r.put("command", String.join(" ", w.command(dir.resolve("wrk-match.lua"), duration)));
    r.put("signals_per_batch", batch);
    r.put("healthz", wrkSide(healthz, 1));
    r.put("match", wrkSide(match, 1));
    r.put("batch", wrkSide(batched, batch));
    r.put("match_vs_healthz_throughput",
        round(match.requestsPerSecond() / Math.max(1e-9, healthz.requestsPerSecond())));
    r.put("match_vs_in_process_throughput", round(match.requestsPerSecond() / Math.max(1e-9, inProcess)));
    r.put("batch_vs_in_process_throughput",
        round(batched.requestsPerSecond() * batch / Math.max(1e-9, inProcess)));
    // wrk runs in a process of its own: this JVM's CPU time is the node's alone
    r.put("match_cpu_micros_per_signal", round(matchCpu));
    r.put("batch_cpu_micros_per_signal", round(batchCpu));
    r.put("match_vs_in_process_cpu", round(inProcessCpu / Math.max(1e-9, matchCpu)));
    r.put("batch_vs_in_process_cpu", round(inProcessCpu / Math.max(1e-9, batchCpu)));
    // time the JIT compiled during a phase: its CPU is in the node's, and a warm node spends next to none
    r.put("match_jit_millis", matchJit);
    r.put("batch_jit_millis", batchJit);
    return r;
  }

  private static Map<String, Object> wrkSide(WrkLoad.Result m, int signalsPerRequest) {
    return side(m.requests(), m.errors(), m.requestsPerSecond(), signalsPerRequest, m.p50Nanos(), m.p99Nanos(),
        m.meanNanos());
  }

  // POST bodies of --batch signals each, taken in order from the query mix.
  private List<HttpLoad.Request> batches(List<PdqHash> mix) {
    List<HttpLoad.Request> out = new ArrayList<>();
    for (int from = 0; from + batch <= mix.size(); from += batch) {
      JsonArray signals = new JsonArray();
      for (PdqHash h : mix.subList(from, from + batch)) {
        signals.add(new JsonObject().put("type", "pdq").put("value", h.toHex()));
      }
      out.add(new HttpLoad.Request("/v1/match", new JsonObject().put("signals", signals).toBuffer()));
    }
    return out;
  }

  // CPU time of every thread of this JVM, the node's and (in the Vert.x client's phases) the client's.
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  // Milliseconds the JIT compilers have spent since the JVM started.
  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  // What the node holds once ready, for sizing -Xmx: a full collection first, so garbage is not counted.
  private static long heapAfterFullGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  private void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value + ": expected " + expected);
    }
  }

  // Even positions are hits, odd ones random misses.
  private List<PdqHash> queryMix(SyntheticPdqCorpus corpus) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x51ED270B27E5C4A3L);
    List<PdqHash> mix = new ArrayList<>(DISTINCT_QUERIES);
    for (int i = 0; i < DISTINCT_QUERIES; i++) {
      mix.add(i % 2 == 0
          ? SyntheticPdqCorpus.flip(corpus.hash(random.nextInt(size)), random.nextInt(MAX_HIT_FLIPS + 1), random)
          : SyntheticPdqCorpus.random(random));
    }
    return mix;
  }

  private Map<String, Object> report(Node node, double loadSeconds, double rebuildSeconds, HttpLoad.Result health,
      HttpLoad.Result match, HttpLoad.Result batched, double inProcess) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "http");
    r.put("date", Instant.now().toString());
    r.put("size", size);
    r.put("matchable", node.ledger().orElseThrow().catalog().size());
    r.put("seed", seed);
    r.put("connections", connections);
    r.put("signals_per_batch", batch);
    r.put("duration_seconds", duration);
    r.put("query_mix", "50% hits (corpus hash with 0..31 bits flipped), 50% random misses; max_distance 31");
    r.put("cores", Runtime.getRuntime().availableProcessors());
    r.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    r.put("store_load_seconds", round(loadSeconds));
    r.put("node_rebuild_seconds", round(rebuildSeconds));
    r.put("healthz", side(health, 1));
    r.put("match", side(match, 1));
    r.put("batch", side(batched, batch));
    r.put("match_hit_fraction", match.requests() == 0 ? 0 : round((double) match.hits() / match.requests()));
    r.put("in_process_matches_per_second", round(inProcess));
    r.put("match_vs_healthz_throughput", round(match.requestsPerSecond() / Math.max(1e-9, health.requestsPerSecond())));
    r.put("match_vs_in_process_throughput", round(match.requestsPerSecond() / Math.max(1e-9, inProcess)));
    r.put("batch_vs_in_process_throughput", round(batched.requestsPerSecond() * batch / Math.max(1e-9, inProcess)));
    return r;
  }

  private static Map<String, Object> side(HttpLoad.Result m, int signalsPerRequest) {
    return side(m.requests(), m.errors(), m.requestsPerSecond(), signalsPerRequest, m.p50Nanos(), m.p99Nanos(),
        m.meanNanos());
  }

  /** One load phase as the report shows it, whichever client drove it. */
  private static Map<String, Object> side(long requests, long errors, double perSecond, int signalsPerRequest,
      long p50Nanos, long p99Nanos, long meanNanos) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("requests", requests);
    s.put("errors", errors);
    s.put("requests_per_second", round(perSecond));
    s.put("signals_per_second", round(perSecond * signalsPerRequest));
    s.put("p50_micros", round(p50Nanos / 1e3));
    s.put("p99_micros", round(p99Nanos / 1e3));
    s.put("mean_micros", round(meanNanos / 1e3));
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The catalog's match rate without HTTP: the ceiling the API can approach. */
  static final class InProcessMatch {
    private InProcessMatch() {}

    static double rate(Catalog catalog, List<PdqHash> mix, int seconds) throws InterruptedException {
      int threads = Runtime.getRuntime().availableProcessors();
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      long[] counts = new long[threads];
      List<Thread> workers = new ArrayList<>();
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread w = new Thread(() -> {
          Instant now = Instant.now();
          int i = id;
          while (System.nanoTime() < deadline) {
            catalog.match(Signal.create(SignalType.PDQ, mix.get(i % mix.size()).toHex(), null), 31, now);
            i += threads;
            counts[id]++;
          }
        });
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      return total / ((System.nanoTime() - start) / 1e9);
    }
  }
}
