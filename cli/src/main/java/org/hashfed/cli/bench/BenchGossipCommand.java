package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.Node;
import org.hashfed.node.config.SyncOptions;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.signal.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench gossip}: tree push with fanout against a naive flood to everyone, same consortium size and load. */
@Command(
    name = "gossip",
    mixinStandardHelpOptions = true,
    description = {
      "Starts N nodes on loopback (real mutual TLS), submits M entries at random "
          + "nodes and measures, for each entry, the time from submission until it is "
          + "matchable at every node (p50, p99, max), and the copies of each entry each "
          + "node received. Runs the default tree push (fanout F) and, as the baseline in "
          + "the same run, a naive flood in which every node forwards every new entry to "
          + "every peer. "
          + "Each mode submits bursts of M to the same nodes: the first (cold) right after "
          + "they start, while they open their links to each other (one mutual-TLS "
          + "handshake per pair of peers, all N nodes sharing this machine) with a cold "
          + "JIT; then W warm-up bursts that are not measured; then B bursts measured "
          + "together (warm): the steady state of nodes that have run for a while. The "
          + "jit column is the JIT compilers' time during each phase."
    })
public final class BenchGossipCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N", description = "Nodes in the consortium, 2..64 (default: ${DEFAULT-VALUE}).")
  int nodes = 20;

  @Option(names = "--entries", paramLabel = "M", description = "Entries submitted (default: ${DEFAULT-VALUE}).")
  int entries = 500;

  @Option(names = "--fanout", paramLabel = "F", description = "Push fanout of the tree mode (default: ${DEFAULT-VALUE}).")
  int fanout = 3;

  @Option(names = "--interval-ms", paramLabel = "MS",
      description = "Pause between submissions in milliseconds (default: ${DEFAULT-VALUE}).")
  int intervalMs = 2;

  @Option(names = "--warmup-bursts", paramLabel = "W",
      description = "Unmeasured bursts between the cold and the warm ones (default: ${DEFAULT-VALUE}).")
  int warmupBursts = 5;

  @Option(names = "--bursts", paramLabel = "B",
      description = "Warm bursts measured together (default: ${DEFAULT-VALUE}).")
  int bursts = 3;

  @Option(names = "--idle-s", paramLabel = "S",
      description = "After the warm bursts, wait S seconds without submissions and measure one more burst"
          + " (idle): whether links that were quiet for a while are still open (default: ${DEFAULT-VALUE}: none).")
  int idleSeconds;

  @Option(names = "--seed", description = "Seed choosing the submitting nodes (default: ${DEFAULT-VALUE}).")
  long seed = 20_260_101L;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  /** The measurements of one phase (cold or warm) in one mode. */
  record Result(String mode, String burst, double p50Ms, double p99Ms, double maxMs, double copiesPerEntryPerNode,
      double maxNodeCopiesPerEntry, int complete, int submitted, long jitMs) {}

  /** What one burst measured: each complete entry's latency, and the envelopes each node received. */
  private record Burst(double[] latenciesMs, long[] receivedPerNode, int complete, int submitted) {}

  @Override
  public Integer call() throws Exception {
    if (nodes < 2 || nodes > 64 || entries < 1 || entries > 1_000_000 || fanout < 1 || intervalMs < 0) {
      throw new ParameterException(spec.commandLine(), "expected --nodes 2..64, --entries 1..1000000, --fanout >= 1"
          + " and --interval-ms >= 0, got " + nodes + ", " + entries + ", " + fanout + ", " + intervalMs);
    }
    if (warmupBursts < 0 || warmupBursts > 100 || bursts < 1 || bursts > 100 || idleSeconds < 0
        || idleSeconds > 3600) {
      throw new ParameterException(spec.commandLine(), "expected --warmup-bursts 0..100, --bursts 1..100 and"
          + " --idle-s 0..3600, got --warmup-bursts " + warmupBursts + ", --bursts " + bursts + ", --idle-s "
          + idleSeconds);
    }
    Logger quiet = Logger.getLogger("org.hashfed");
    Level before = quiet.getLevel();
    quiet.setLevel(Level.WARNING);
    List<Result> results = new ArrayList<>();
    try {
      results.addAll(run("tree", SyncOptions.PushMode.TREE));
      results.addAll(run("flood", SyncOptions.PushMode.FLOOD));
    } finally {
      quiet.setLevel(before);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("nodes", nodes);
      report.put("entries", entries);
      report.put("fanout", fanout);
      report.put("warmup_bursts", warmupBursts);
      report.put("bursts", bursts);
      report.put("idle_s", idleSeconds);
      report.put("results", results);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.printf("gossip: %d nodes, bursts of %d entries at random nodes %d ms apart, tree fanout %d; baseline: flood"
          + " to every peer; warm = %d bursts after %d unmeasured%n", nodes, entries, intervalMs, fanout, bursts,
          warmupBursts);
      out.printf("%-6s %-5s %9s %9s %9s %17s %10s %11s %8s%n", "mode", "burst", "p50 ms", "p99 ms", "max ms",
          "copies/entry/node", "worst node", "complete", "jit ms");
      for (Result r : results) {
        out.printf("%-6s %-5s %9.1f %9.1f %9.1f %17.2f %10.2f %11s %8d%n", r.mode(), r.burst(), r.p50Ms(), r.p99Ms(),
            r.maxMs(), r.copiesPerEntryPerNode(), r.maxNodeCopiesPerEntry(), r.complete() + "/" + r.submitted(),
            r.jitMs());
      }
    }
    out.flush();
    return results.stream().allMatch(r -> r.complete() == r.submitted()) ? ExitCodes.OK : ExitCodes.SERVER;
  }

  private List<Result> run(String mode, SyncOptions.PushMode push) throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("hashfed-bench-gossip");
    List<String> members = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      members.add(String.format("member-%02d", i));
    }
    Map<EntryId, long[]> reached = new ConcurrentHashMap<>();
    try (LocalConsortium c = LocalConsortium.prepare(root, members, b -> b.workerThreads(2)
        .sync(SyncOptions.defaults().withFanout(fanout).withPush(push)))) {
      c.startAll();
      for (String m : members) {
        c.node(m).sync().onAccepted(e -> {
          long now = System.nanoTime();
          long[] r = reached.computeIfAbsent(e.id(), k -> new long[2]);
          synchronized (r) {
            r[0]++;
            r[1] = Math.max(r[1], now);
          }
        });
      }
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Result> out = new ArrayList<>();
      // The first burst meets connections still opening (a mutual-TLS handshake per peer pair)
      // and a cold JIT in all N nodes at once. With 20 nodes on 2 cores the JIT keeps compiling
      // for several bursts after that, which a node that has run for a while no longer does.
      long jit = jitMillis();
      Burst cold = burst(c, members, rnd, reached);
      out.add(result(mode, "cold", List.of(cold), jitMillis() - jit));
      for (int i = 0; i < warmupBursts; i++) {
        burst(c, members, rnd, reached);
      }
      jit = jitMillis();
      List<Burst> warm = new ArrayList<>();
      for (int i = 0; i < bursts; i++) {
        warm.add(burst(c, members, rnd, reached));
      }
      out.add(result(mode, "warm", warm, jitMillis() - jit));
      if (idleSeconds > 0) {
        Thread.sleep(idleSeconds * 1000L);
        jit = jitMillis();
        Burst idle = burst(c, members, rnd, reached);
        out.add(result(mode, "idle", List.of(idle), jitMillis() - jit));
      }
      return out;
    } finally {
      deleteTree(root);
    }
  }

  private Burst burst(LocalConsortium c, List<String> members, SplittableRandom rnd, Map<EntryId, long[]> reached)
      throws InterruptedException {
    Map<EntryId, Long> submitted = new ConcurrentHashMap<>();
    long[] before = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      before[i] = c.node(members.get(i)).sync().stats().received();
    }
    byte[] md5 = new byte[16];
    for (int i = 0; i < entries; i++) {
      Node at = c.node(members.get(rnd.nextInt(nodes)));
      for (int j = 0; j < md5.length; j++) {
        md5[j] = (byte) rnd.nextInt(256);
      }
      Submit s = Submit.of(Signal.parse("md5", HexFormat.of().formatHex(md5)),
          List.of(Label.parse("behavior:glorification")));
      long t0 = System.nanoTime();
      EntryId id = at.ledger().orElseThrow().submit(s).entryId();
      submitted.put(id, t0);
      if (intervalMs > 0) {
        Thread.sleep(intervalMs);
      }
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    int complete = 0;
    while (System.nanoTime() < deadline) {
      complete = (int) submitted.keySet().stream().filter(id -> count(reached.get(id)) >= nodes).count();
      if (complete == entries) {
        break;
      }
      Thread.sleep(20);
    }
    // Late copies (relays around a failed push, anti-entropy) still count towards this burst.
    Thread.sleep(500);
    double[] latencies = submitted.entrySet().stream()
        .filter(e -> count(reached.get(e.getKey())) >= nodes)
        .mapToDouble(e -> (reached.get(e.getKey())[1] - e.getValue()) / 1e6).toArray();
    long[] received = new long[nodes];
    for (int i = 0; i < nodes; i++) {
      received[i] = c.node(members.get(i)).sync().stats().received() - before[i];
    }
    return new Burst(latencies, received, complete, entries);
  }

  /** One row from one or more bursts: latencies pooled, copies summed per node. */
  private Result result(String mode, String phase, List<Burst> measured, long jitMs) {
    double[] latencies = measured.stream().flatMapToDouble(b -> Arrays.stream(b.latenciesMs())).sorted()
        .toArray();
    long[] perNode = new long[nodes];
    int complete = 0;
    int submitted = 0;
    for (Burst b : measured) {
      for (int i = 0; i < nodes; i++) {
        perNode[i] += b.receivedPerNode()[i];
      }
      complete += b.complete();
      submitted += b.submitted();
    }
    long total = Arrays.stream(perNode).sum();
    long worst = Arrays.stream(perNode).max().orElse(0);
    // Every entry is received by the N-1 nodes that did not sign it.
    double copies = total / ((double) submitted * (nodes - 1));
    double worstCopies = worst / (submitted * (nodes - 1) / (double) nodes);
    return new Result(mode, phase, pct(latencies, 0.50), pct(latencies, 0.99), pct(latencies, 1.0), copies,
        worstCopies, complete, submitted, jitMs);
  }

  /** Total time the JIT compilers spent so far in this JVM, or 0 where the JVM does not tell. */
  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  private static long count(long[] r) {
    if (r == null) {
      return 0;
    }
    synchronized (r) {
      return r[0];
    }
  }

  private static double pct(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = Math.max(0, (int) Math.ceil(q * sorted.length) - 1);
    return sorted[Math.min(sorted.length - 1, rank)];
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
