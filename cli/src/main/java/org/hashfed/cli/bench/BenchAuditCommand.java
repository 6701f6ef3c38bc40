package org.hashfed.cli.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.audit.AuditBundle;
import org.hashfed.protocol.audit.AuditReport;
import org.hashfed.protocol.audit.AuditVerifier;
import org.hashfed.protocol.log.MerkleTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench audit}: {@code hashfed audit verify --bundle} on a generated bundle, read and verify timed apart. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Writes an audit bundle of N signed PDQ submissions by M members (as hashfed audit export writes it), then "
          + "verifies it as hashfed audit verify --bundle does: the bundle read, then the roster, the checkpoint, "
          + "every entry's signature and feed chain and the root. Prints entries/s of the read, the verification "
          + "and both with the CPU time per entry (what a loaded machine cannot distort), the root recomputation "
          + "alone as a floor, and the cores used. With --keep FILE the bundle "
          + "stays, for timing hashfed audit verify --bundle FILE of another build on the same file."
    })
public final class BenchAuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--entries", paramLabel = "N", description = "Signed entries in the bundle (default: ${DEFAULT-VALUE}).")
  int entries = 100_000;

  @Option(names = "--members", paramLabel = "M", description = "Members whose feeds they are (default: ${DEFAULT-VALUE}).")
  int members = 4;

  @Option(names = "--keep", paramLabel = "FILE", description = "Write the bundle to FILE and keep it (default: a temporary file).")
  Path keep;

  @Override
  public Integer call() throws IOException {
    if (entries < 1 || entries > 10_000_000) {
      throw new ParameterException(spec.commandLine(), "invalid --entries " + entries + ": expected 1..10000000");
    }
    if (members < 1 || members > 100) {
      throw new ParameterException(spec.commandLine(), "invalid --members " + members + ": expected 1..100");
    }
    PrintWriter out = spec.commandLine().getOut();
    long t = System.nanoTime();
    SignedBenchLog log = SignedBenchLog.generate(entries, members);
    out.println(String.format(Locale.ROOT, "generated %,d signed entries of %d members in %.1f s", entries, members,
        seconds(t)));
    Path file = keep != null ? keep : Files.createTempFile("hashfed-bench-audit", ".json");
    try {
      try (OutputStream o = Files.newOutputStream(file)) {
        AuditBundle.export(log.source(), entries, log.note(), o, null);
      }
      out.println(String.format(Locale.ROOT, "bundle %s, %,d bytes, %d cores", file, Files.size(file),
          Runtime.getRuntime().availableProcessors()));
      t = System.nanoTime();
      MerkleTree again = MerkleTree.inMemory();
      log.leaves().forEach(again::append);
      row(out, "root recomputation only (floor)", entries / seconds(t));
      t = System.nanoTime();
      long cpu = processCpuNanos();
      AuditBundle bundle = AuditBundle.read(file);
      double read = seconds(t);
      long readCpu = processCpuNanos() - cpu;
      long v = System.nanoTime();
      AuditReport report = AuditVerifier.create(null, null, List.of(), null).verify(bundle);
      double verify = seconds(v);
      double total = seconds(t);
      long totalCpu = processCpuNanos() - cpu;
      if (!report.ok()) {
        spec.commandLine().getErr().println("hashfed bench audit: the generated bundle does not verify: "
            + report.findings());
        return ExitCodes.SERVER;
      }
      row(out, "bundle read", entries / read, readCpu);
      row(out, "verification", entries / verify, totalCpu - readCpu);
      row(out, "audit verify --bundle (both)", entries / total, totalCpu);
      out.println(String.format(Locale.ROOT, "CPU-bound on %d idle cores, audit verify --bundle would check %,.0f "
          + "entries/s", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().availableProcessors() * entries / (totalCpu / 1e9)));
      out.flush();
      return ExitCodes.OK;
    } finally {
      if (keep == null) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void row(PrintWriter out, String name, double rate) {
    out.println(String.format(Locale.ROOT, "%-34s %,14.0f entries/s", name, rate));
    out.flush();
  }

  // CPU time per entry is what a loaded machine cannot distort: wall-clock rates follow the other load
  private void row(PrintWriter out, String name, double rate, long cpuNanos) {
    out.println(String.format(Locale.ROOT, "%-34s %,14.0f entries/s %,10.1f us CPU per entry", name, rate,
        cpuNanos / 1e3 / entries));
    out.flush();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
