package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hashfed.cli.ExitCodes;
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
      "Starts N nodes on loopback (real mutual TLS), submits M entries at random nodes and measures, for each",
      "entry, the time from submission until it is matchable at every node (p50, p99, max), and the copies of",
      "each entry each node received. Runs the default tree push (fanout F) and, as the baseline in the same",
      "run, a naive flood in which every node forwards every new entry to every peer. Each mode submits two",
      "bursts to the same nodes: the first (cold) meets unopened connections, one mutual-TLS handshake per pair",
      "of peers with all N nodes sharing this machine, and a cold JIT; the second (warm) the steady state."
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

  @Option(names = "--seed", description = "Seed choosing the submitting nodes (default: ${DEFAULT-VALUE}).")
  long seed = 20_260_101L;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  /** The measurements of one burst in one mode. */
  record Result(String mode, String burst, double p50Ms, double p99Ms, double maxMs, double copiesPerEntryPerNode,
      double maxNodeCopiesPerEntry, int complete) {}

  @Override
  public Integer call() throws Exception {
    if (nodes < 2 || nodes > 64 || entries < 1 || entries > 1_000_000 || fanout < 1 || intervalMs < 0) {
      throw new ParameterException(spec.commandLine(), "expected --nodes 2..64, --entries 1..1000000, --fanout >= 1"
          + " and --interval-ms >= 0, got " + nodes + ", " + entries + ", " + fanout + ", " + intervalMs);
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
      report.put("results", results);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.printf("gossip: %d nodes, %d entries at random nodes, tree fanout %d; baseline: flood to every peer%n",
          nodes, entries, fanout);
      out.printf("%-6s %-5s %9s %9s %9s %16s %16s %9s%n", "mode", "burst", "p50 ms", "p99 ms", "max ms", "copies/entry/node",
          "worst node", "complete");
      for (Result r : results) {
        out.printf("%-6s %-5s %9.1f %9.1f %9.1f %16.2f %16.2f %5d/%d%n", r.mode(), r.burst(), r.p50Ms(), r.p99Ms(), r.maxMs(),
            r.copiesPerEntryPerNode(), r.maxNodeCopiesPerEntry(), r.complete(), entries);
      }
    }
    out.flush();
    return results.stream().allMatch(r -> r.complete() == entries) ? ExitCodes.OK : ExitCodes.SERVER;
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
      // The first burst meets cold connections (a mutual-TLS handshake per peer pair) and a cold
      // JIT in all N nodes at once; the second one is the federation's steady state.
      out.add(burst(mode, "cold", c, members, rnd, reached));
      out.add(burst(mode, "warm", c, members, rnd, reached));
      return out;
    } finally {
      deleteTree(root);
    }
  }

  private Result burst(String mode, String phase, LocalConsortium c, List<String> members, SplittableRandom rnd,
      Map<EntryId, long[]> reached) throws InterruptedException {
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
    AtomicInteger complete = new AtomicInteger();
    while (System.nanoTime() < deadline) {
      complete.set((int) submitted.keySet().stream().filter(id -> count(reached.get(id)) >= nodes).count());
      if (complete.get() == entries) {
        break;
      }
      Thread.sleep(20);
    }
    Thread.sleep(500);
    double[] latencies = submitted.entrySet().stream()
        .filter(e -> count(reached.get(e.getKey())) >= nodes)
        .mapToDouble(e -> (reached.get(e.getKey())[1] - e.getValue()) / 1e6).sorted().toArray();
    long totalReceived = 0;
    long worst = 0;
    for (int i = 0; i < nodes; i++) {
      long r = c.node(members.get(i)).sync().stats().received() - before[i];
      totalReceived += r;
      worst = Math.max(worst, r);
    }
    // Every entry is received by the N-1 nodes that did not sign it.
    double copies = totalReceived / ((double) entries * (nodes - 1));
    double worstCopies = worst / (entries * (nodes - 1) / (double) nodes);
    return new Result(mode, phase, pct(latencies, 0.50), pct(latencies, 0.99), pct(latencies, 1.0), copies,
        worstCopies, complete.get());
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
