package org.hashfed.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.LongBinaryOperator;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.log.ProvenanceLog;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.audit.AuditReport;
import org.hashfed.protocol.audit.AuditVerifier;
import org.hashfed.protocol.log.MerkleTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hashfed bench log}: the provenance log on RocksDB (the node's own classes) against the
 * in-memory tree as baseline: append throughput, inclusion and consistency proof latency, and
 * audit verification throughput of signed entries against recomputing the root alone.
 */
@Command(
    name = "log",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the provenance log: appends/s into RocksDB (batches of --batch leaves, one fsync each) and "
          + "into memory (baseline), inclusion and consistency proof latency p50/p99 at the full size, and "
          + "hashfed audit verify entries/s over --verify-entries signed entries (baseline: root recomputation only)."
    })
public final class BenchLogCommand implements Callable<Integer> {

  @Option(names = "--size", paramLabel = "N", defaultValue = "1000000", description = "Leaves to append (default: ${DEFAULT-VALUE}).")
  long size;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "1000", description = "Leaves per store write (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--proofs", paramLabel = "P", defaultValue = "2000", description = "Proofs timed per kind (default: ${DEFAULT-VALUE}).")
  int proofs;

  @Option(names = "--verify-entries", paramLabel = "E", defaultValue = "20000",
      description = "Signed entries for the audit verify measurement (default: ${DEFAULT-VALUE}).")
  int verifyEntries;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the temporary store (default: the system temp dir).")
  Path parent;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (size < 2 || batch < 1 || proofs < 1 || verifyEntries < 1) {
      spec.commandLine().getErr().println("hashfed bench log: --size must be >= 2 and --batch, --proofs, --verify-entries >= 1");
      return ExitCodes.USAGE;
    }
    Path dir = parent == null ? Files.createTempDirectory("hashfed-bench-log") : Files.createTempDirectory(parent, "hashfed-bench-log");
    try {
      out.println(String.format(Locale.ROOT, "%-34s %14s %12s %12s", "measurement (size " + size + ")", "rate", "p50", "p99"));
      MerkleTree memory = MerkleTree.inMemory();
      double memRate = appendRate(size, b -> memory.appendLeafHashes(hashes(b)));
      row(out, "append, in memory (baseline)", memRate, "leaves/s");
      try (Store store = Store.open(dir.resolve("store"))) {
        ProvenanceLog log = ProvenanceLog.open(store);
        double rocksRate = appendRate(size, log::appendDocuments);
        row(out, "append, RocksDB log (fsync/batch)", rocksRate, "leaves/s");
        Random random = new Random(1);
        latency(out, "inclusion proof, in memory", (i, n) -> memory.inclusionProof(i, n).size(), random);
        latency(out, "inclusion proof, RocksDB", (i, n) -> log.inclusionProof(i, n).size(), random);
        latency(out, "consistency proof, in memory", (i, n) -> memory.consistencyProof(i + 1, n).size(), random);
        latency(out, "consistency proof, RocksDB", (i, n) -> log.consistencyProof(i + 1, n).size(), random);
      }
      auditRates(out);
      return ExitCodes.OK;
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface BatchSink {
    void accept(List<byte[]> leaves);
  }

  private double appendRate(long n, BatchSink sink) {
    long started = System.nanoTime();
    byte[] template = new byte[64];
    for (long done = 0; done < n; ) {
      int b = (int) Math.min(batch, n - done);
      List<byte[]> leaves = new ArrayList<>(b);
      for (int i = 0; i < b; i++) {
        byte[] leaf = template.clone();
        long v = done + i;
        for (int k = 0; k < 8; k++) {
          leaf[k] = (byte) (v >>> (8 * k));
        }
        leaves.add(leaf);
      }
      sink.accept(leaves);
      done += b;
    }
    return n / ((System.nanoTime() - started) / 1e9);
  }

  private static List<org.hashfed.protocol.log.Hash32> hashes(List<byte[]> leaves) {
    List<org.hashfed.protocol.log.Hash32> out = new ArrayList<>(leaves.size());
    leaves.forEach(l -> out.add(org.hashfed.protocol.log.Rfc6962.leafHash(l)));
    return out;
  }

  private void latency(PrintWriter out, String name, LongBinaryOperator proof, Random random) {
    long[] nanos = new long[proofs];
    for (int i = 0; i < proofs; i++) {
      long index = Math.floorMod(random.nextLong(), size - 1);
      long t = System.nanoTime();
      proof.applyAsLong(index, size);
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    out.println(String.format(Locale.ROOT, "%-34s %14s %10.1f µs %10.1f µs", name, "",
        nanos[proofs / 2] / 1e3, nanos[(int) (proofs * 0.99)] / 1e3));
    out.flush();
  }

  private void auditRates(PrintWriter out) throws IOException {
    SignedBenchLog log = SignedBenchLog.generate(verifyEntries, 1);
    long t = System.nanoTime();
    MerkleTree again = MerkleTree.inMemory();
    log.leaves().forEach(again::append);
    if (!again.root().equals(log.root())) {
      throw new IllegalStateException("root recomputation differs");
    }
    row(out, "audit: root only (baseline)", verifyEntries / ((System.nanoTime() - t) / 1e9), "entries/s");
    t = System.nanoTime();
    AuditReport report = AuditVerifier.create(null, null, List.of(), null).verify(log.source());
    double rate = verifyEntries / ((System.nanoTime() - t) / 1e9);
    if (!report.ok()) {
      throw new IllegalStateException("the benchmark log does not verify: " + report.findings());
    }
    row(out, "audit verify (signatures, feeds, root)", rate, "entries/s");
  }

  private static void row(PrintWriter out, String name, double rate, String unit) {
    out.println(String.format(Locale.ROOT, "%-34s %14s", name, String.format(Locale.ROOT, "%,.0f %s", rate, unit)));
    out.flush();
  }
}
