package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.FollowOptions;
import org.hashfed.node.config.NodeConfig;
import org.hashfed.node.entries.Appended;
import org.hashfed.node.entries.Ledger;
import org.hashfed.node.follow.Follower;
import org.hashfed.node.peer.TlsIdentity;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench followers}: match requests/s of 1..F read followers behind HAProxy, the leader alone as baseline, and the lag. */
@Command(
    name = "followers",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a real node (the leader) with N synthetic PDQ submissions and up to F read followers of it, all "
          + "in this process on loopback, and drives GET /v1/match?type=pdq from a Vert.x HTTP client with C "
          + "connections for S seconds per phase: the leader alone (directly, and through HAProxy), then 1, 2, ... F "
          + "followers behind HAProxy (round robin; Debian's haproxy package, required). Then the lag: entries "
          + "submitted on the leader one at a time, each timed until every follower can match it, once idle and "
          + "once under the load of the last phase; last, the leader alone again, to show a change of the machine's load during the run. Leader, followers, HAProxy and client share the machine's "
          + "cores: the aggregate grows with followers only while cores are left over."
    })
public final class BenchFollowersCommand implements Callable<Integer> {

  private static final int MAX_HIT_FLIPS = 31;
  private static final int DISTINCT_QUERIES = 20_000;
  private static final String MEMBER = "bench";
  private static final int FIRST_WARMUP_SECONDS = 5;

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", description = "PDQ submissions loaded (default: ${DEFAULT-VALUE}).")
  int size = 100_000;

  @Option(names = "--followers", paramLabel = "F", description = "Most followers measured (default: ${DEFAULT-VALUE}).")
  int followers = 3;

  @Option(names = "--connections", paramLabel = "C", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int connections = 16;

  @Option(names = "--duration", paramLabel = "S", description = "Seconds per measured phase (default: ${DEFAULT-VALUE}).")
  int duration = 10;

  @Option(names = "--warmup", paramLabel = "S", description = "Seconds of unmeasured load before each phase (default: ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Option(names = "--lag-samples", paramLabel = "K", description = "Entries timed for the lag, idle and under load each (default: ${DEFAULT-VALUE}).")
  int lagSamples = 50;

  @Option(names = "--seed", description = "Seed of the corpus and queries (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    check(size >= 1 && size <= 10_000_000, "--size", size, "1..10000000");
    check(followers >= 1 && followers <= 8, "--followers", followers, "1..8");
    check(connections >= 1 && connections <= 1024, "--connections", connections, "1..1024");
    check(duration >= 1 && duration <= 3600, "--duration", duration, "1..3600");
    check(warmup >= 0 && warmup <= 600, "--warmup", warmup, "0..600");
    check(lagSamples >= 1 && lagSamples <= 10_000, "--lag-samples", lagSamples, "1..10000");
    Path haproxy = Haproxy.find().orElse(null);
    if (haproxy == null) {
      spec.commandLine().getErr().println("hashfed bench followers: haproxy is not installed (apt-get install haproxy)");
      return ExitCodes.USAGE;
    }
    Path dir = Files.createTempDirectory("hashfed-bench-followers");
    try {
      Map<String, Object> report = run(dir, haproxy);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      } else {
        print(out, report);
      }
      out.flush();
      return ExitCodes.OK;
    } finally {
      deleteTree(dir);
    }
  }

  private Map<String, Object> run(Path dir, Path haproxy) throws Exception {
    Path leaderDir = dir.resolve("leader");
    NodeConfig plain = NodeConfig.builder().dataDir(leaderDir).member(MEMBER).port(0).peerPort(0).build();
    SyntheticPdqCorpus corpus = new SyntheticPdqCorpus(seed, size);
    SyntheticFeedLoader.load(plain, corpus);
    // A first start makes the roster and the admin key; each follower then copies them with the
    // entries (it checks each entry against the roster).
    Node first = Node.start(plain);
    first.awaitReady(Duration.ofHours(1));
    String key = first.firstAdminKey().orElseThrow().secret();
    first.stop();
    List<Path> followerDirs = new ArrayList<>();
    List<TlsFingerprint> pins = new ArrayList<>();
    for (int i = 1; i <= followers; i++) {
      Path d = dir.resolve("follower-" + i);
      followerDirs.add(d);
      pins.add(TlsIdentity.loadOrCreate(d, MEMBER).fingerprint());
    }
    Node leader = Node.start(plain.toBuilder().followers(pins).build());
    List<Follower> running = new ArrayList<>();
    Map<String, Object> r = new LinkedHashMap<>();
    try {
      leader.awaitReady(Duration.ofHours(1));
      List<String> paths = matchPaths(corpus);
      List<Map<String, Object>> phases = new ArrayList<>();
      // the first phase also warms the JIT of client and leader up: a longer warm-up
      phases.add(phase("leader alone, direct", 0,
          measure(new HttpLoad(leader.port(), connections, key), paths, Math.max(warmup, FIRST_WARMUP_SECONDS)), null));
      double baseline = (Double) phases.get(0).get("requests_per_second");
      try (Haproxy lb = Haproxy.start(haproxy, dir, List.of(leader.port()))) {
        phases.add(phase("leader alone, via HAProxy", 0, measure(new HttpLoad(lb.port(), connections, key), paths),
            baseline));
      }
      long started = System.nanoTime();
      Map<String, Object> underLoad = null;
      for (int n = 1; n <= followers; n++) {
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        running.add(Follower.start(followerConfig(followerDirs.get(n - 1), leader), Clock.systemUTC()));
        double copySeconds = (System.nanoTime() - t) / 1e9;
        // leader and follower share this process: its CPU time is what the copy cost, whatever the machine's load
        double copyCpuSeconds = (processCpuNanos() - cpu) / 1e9;
        List<Integer> ports = running.stream().map(Follower::port).toList();
        try (Haproxy lb = Haproxy.start(haproxy, dir, ports)) {
          HttpLoad balanced = new HttpLoad(lb.port(), connections, key);
          CompletableFuture<List<Long>> lag = null;
          if (n == followers) {
            lag = CompletableFuture.supplyAsync(() -> lagNanos(leader, running, lagSamples, warmup + 1));
          }
          Map<String, Object> p = phase(n + (n == 1 ? " follower" : " followers") + " via HAProxy", n,
              measure(balanced, paths), baseline);
          p.put("follower_start_seconds", round(copySeconds));
          p.put("follower_start_cpu_seconds", round(copyCpuSeconds));
          phases.add(p);
          if (lag != null) {
            underLoad = lagSummary(lag.get());
          }
        }
      }
      r.put("followers_started_seconds", round((System.nanoTime() - started) / 1e9));
      // the baseline again at the end, followers idle: a machine whose load changed during the run shows here
      phases.add(phase("leader alone, direct, again", 0,
          measure(new HttpLoad(leader.port(), connections, key), paths, warmup), baseline));
      r.put("phases", phases);
      r.put("lag_idle", lagSummary(lagNanos(leader, running, lagSamples, 0)));
      r.put("lag_under_load", underLoad);
      r.put("benchmark", "followers");
      r.put("date", Instant.now().toString());
      r.put("size", size);
      r.put("connections", connections);
      r.put("duration_seconds", duration);
      r.put("load_balancer", Haproxy.version(haproxy) + ", balance roundrobin");
      r.put("cores", Runtime.getRuntime().availableProcessors());
      r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      return r;
    } finally {
      for (Follower f : running) {
        f.stop();
      }
      leader.stop();
    }
  }

  private HttpLoad.Result measure(HttpLoad load, List<String> paths) throws Exception {
    return measure(load, paths, warmup);
  }

  private HttpLoad.Result measure(HttpLoad load, List<String> paths, int warmupSeconds) throws Exception {
    List<HttpLoad.Request> requests = paths.stream().map(HttpLoad.Request::get).toList();
    try {
      load.run(requests, warmupSeconds);
      return load.run(requests, duration);
    } finally {
      load.close();
    }
  }

  // Submits entries on the leader one at a time, starting after {@code delaySeconds}, and times
  // each until every follower's catalog holds it: the time from the leader's acknowledgement to
  // matchable on the slowest follower.
  private static List<Long> lagNanos(Node leader, List<Follower> followers, int samples, int delaySeconds) {
    LockSupport.parkNanos(Duration.ofSeconds(delaySeconds).toNanos());
    Ledger l = leader.ledger().orElseThrow();
    SplittableRandom random = new SplittableRandom(samples * 31L + delaySeconds);
    List<Long> out = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      Signal s = Signal.create(SignalType.PDQ, SyntheticPdqCorpus.random(random).toHex(), 100);
      Appended a = l.submit(Submit.of(s, List.of(Label.parse("behavior:glorification"))));
      long acknowledged = System.nanoTime();
      for (Follower f : followers) {
        long deadline = acknowledged + Duration.ofSeconds(60).toNanos();
        while (!f.ledger().catalog().contains(a.entryId())) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("entry " + a.entryId() + " did not reach a follower within 60 s");
          }
          LockSupport.parkNanos(50_000);
        }
      }
      out.add(System.nanoTime() - acknowledged);
    }
    return out;
  }

  private static Map<String, Object> lagSummary(List<Long> nanos) {
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", sorted.length);
    m.put("p50_ms", round(sorted[(int) (0.50 * (sorted.length - 1))] / 1e6));
    m.put("p99_ms", round(sorted[(int) Math.ceil(0.99 * (sorted.length - 1))] / 1e6));
    m.put("max_ms", round(sorted[sorted.length - 1] / 1e6));
    return m;
  }

  private static Map<String, Object> phase(String name, int followerCount, HttpLoad.Result m, Double baseline) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("phase", name);
    p.put("followers", followerCount);
    p.put("requests", m.requests());
    p.put("errors", m.errors());
    p.put("requests_per_second", round(m.requestsPerSecond()));
    p.put("p50_micros", round(m.p50Nanos() / 1e3));
    p.put("p99_micros", round(m.p99Nanos() / 1e3));
    p.put("vs_leader_alone", baseline == null ? 1.0 : round(m.requestsPerSecond() / Math.max(1e-9, baseline)));
    return p;
  }

  private static NodeConfig followerConfig(Path dir, Node leader) {
    return NodeConfig.builder().dataDir(dir).member(MEMBER).port(0).follow(FollowOptions.create(
        PeerUrl.parse("https://127.0.0.1:" + leader.peerPort()),
        TlsIdentity.loadOrCreate(leader.config().dataDir(), MEMBER).fingerprint(),
        "http://127.0.0.1:" + leader.port())).build();
  }

  // Even positions are hits, odd ones random misses, as in bench http.
  private List<String> matchPaths(SyntheticPdqCorpus corpus) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x51ED270B27E5C4A3L);
    List<String> paths = new ArrayList<>(DISTINCT_QUERIES);
    for (int i = 0; i < DISTINCT_QUERIES; i++) {
      PdqHash h = i % 2 == 0
          ? SyntheticPdqCorpus.flip(corpus.hash(random.nextInt(size)), random.nextInt(MAX_HIT_FLIPS + 1), random)
          : SyntheticPdqCorpus.random(random);
      paths.add("/v1/match?type=pdq&value=" + h.toHex());
    }
    return paths;
  }

  @SuppressWarnings("unchecked")
  private static void print(PrintWriter out, Map<String, Object> r) {
    out.printf("hashfed bench followers: %,d PDQ submissions, %s connections, %s s per phase, %s cores shared by all%n",
        (Integer) r.get("size"), r.get("connections"), r.get("duration_seconds"), r.get("cores"));
    out.printf("load balancer: %s; %s; %s%n%n", r.get("load_balancer"), r.get("java"), r.get("date"));
    String row = "%-30s %12s %10s %10s %10s %10s%n";
    out.printf(row, "", "requests/s", "p50 ms", "p99 ms", "errors", "vs leader");
    for (Map<String, Object> p : (List<Map<String, Object>>) r.get("phases")) {
      out.printf(row, p.get("phase"), String.format("%,.0f", (Double) p.get("requests_per_second")),
          String.format("%.2f", (Double) p.get("p50_micros") / 1e3), String.format("%.2f", (Double) p.get("p99_micros") / 1e3),
          p.get("errors"), String.format("%.2fx", (Double) p.get("vs_leader_alone")));
    }
    out.println();
    for (String k : List.of("lag_idle", "lag_under_load")) {
      Map<String, Object> lag = (Map<String, Object>) r.get(k);
      out.printf("%-30s p50 %s ms, p99 %s ms, max %s ms over %s entries%n",
          k.equals("lag_idle") ? "lag, idle" : "lag, under the last phase's load", lag.get("p50_ms"), lag.get("p99_ms"),
          lag.get("max_ms"), lag.get("samples"));
    }
    out.println("(lag: from the leader acknowledging a submission to every follower able to match it)");
  }

  private void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value + ": expected " + expected);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
