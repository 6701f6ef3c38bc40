package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hashfed bench hash}: PDQ throughput over a folder of images, decode and hash timed
 * separately, on one thread (the baseline) and on all cores, files read into memory first.
 */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark PDQ hashing of the images in DIR: files/s, MB/s and the split between decoding and "
          + "hashing, on 1 thread (baseline) and on N threads. Files are read into memory first, so disk "
          + "speed does not count; a warm-up pass runs before timing.",
      "",
      "With --reference, also hashes every file with the C++ reference (pdq-photo-hasher) and prints "
          + "each file's CPU time per hash, decode included, in both on one thread, and the ratio."
    })
public final class BenchHashCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images (searched recursively).")
  Path dir;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel run (default: all cores).")
  Integer threads;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "3", description = "Passes over the images per run (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--json", description = "Print the results as one JSON array (an object of runs and reference with --reference).")
  boolean json;

  @Option(names = "--reference", paramLabel = "BINARY",
      description = "The C++ reference's pdq-photo-hasher, built with libjpeg and libpng: compare per file (Linux).")
  Path reference;

  @Option(names = "--reference-repeats", paramLabel = "N", defaultValue = "20",
      description = "Hashes of each file per side in the comparison (default: ${DEFAULT-VALUE}).")
  int referenceRepeats;

  @Spec CommandSpec spec;

  /** Totals of one timed run. */
  private static final class Run {
    int threads;
    long files;
    long bytes;
    long wallNanos;
    long decodeNanos;
    long hashNanos;
  }

  @Override
  public Integer call() throws Exception {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1 || rounds < 1) {
      throw new ParameterException(spec.commandLine(), "--threads and --rounds must be 1 or more (got " + n + ", " + rounds + ")");
    }
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "not a directory: " + dir + " (expected: a folder of images)");
    }
    if (referenceRepeats < 1) {
      throw new ParameterException(spec.commandLine(), "--reference-repeats must be 1 or more (got " + referenceRepeats + ")");
    }
    ReferenceHasher ref = null;
    if (reference != null) {
      try {
        ref = ReferenceHasher.of(reference);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--reference: " + e.getMessage());
      }
    }
    List<Path> paths = new ArrayList<>();
    List<byte[]> images = load(dir, paths);
    if (images.isEmpty()) {
      spec.commandLine().getErr().println("hashfed: no decodable images in " + dir);
      return ExitCodes.NOT_FOUND;
    }
    measure(images, 1, 1);
    List<Run> runs = new ArrayList<>();
    runs.add(measure(images, 1, rounds));
    if (n > 1) {
      runs.add(measure(images, n, rounds));
    }
    ReferenceComparison comparison = ref == null ? null : ReferenceComparison.measure(ref, paths, images, referenceRepeats);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, runs, comparison);
    } else {
      printTable(out, runs, images.size());
      if (comparison != null) {
        comparison.printTable(out);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<byte[]> load(Path dir, List<Path> paths) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<byte[]> images = new ArrayList<>();
    for (Path f : files) {
      if (FileHasher.sniff(f).isPresent()) {
        byte[] content = Files.readAllBytes(f);
        try {
          ImageLoader.read(content);
          images.add(content);
          paths.add(f);
        } catch (ImageDecodeException e) {
          // A benchmark measures what decodes; bad files are hashfed hash's business.
        }
      }
    }
    return images;
  }

  private static Run measure(List<byte[]> images, int threads, int rounds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<long[]>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        tasks.add(() -> work(images, rounds, first, threads));
      }
      long start = System.nanoTime();
      List<Future<long[]>> results = pool.invokeAll(tasks);
      Run run = new Run();
      run.wallNanos = System.nanoTime() - start;
      run.threads = threads;
      for (Future<long[]> f : results) {
        long[] r = f.get();
        run.files += r[0];
        run.bytes += r[1];
        run.decodeNanos += r[2];
        run.hashNanos += r[3];
      }
      return run;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Thread {@code first} of {@code stride} takes every stride-th image; returns files, bytes, decode and hash nanos. */
  private static long[] work(List<byte[]> images, int rounds, int first, int stride) throws ImageDecodeException {
    PdqHasher hasher = new PdqHasher();
    // Thread CPU time, not wall time, for the phase split: on a shared machine it does not count
    // the time other processes hold the core.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] totals = new long[4];
    for (int r = 0; r < rounds; r++) {
      for (int i = first; i < images.size(); i += stride) {
        byte[] content = images.get(i);
        long t0 = cpu.getCurrentThreadCpuTime();
        BufferedImage image = ImageLoader.read(content);
        long t1 = cpu.getCurrentThreadCpuTime();
        hasher.hash(image);
        long t2 = cpu.getCurrentThreadCpuTime();
        totals[0]++;
        totals[1] += content.length;
        totals[2] += t1 - t0;
        totals[3] += t2 - t1;
      }
    }
    return totals;
  }

  private static void printTable(PrintWriter out, List<Run> runs, int distinct) {
    out.printf(Locale.ROOT, "PDQ hashing: %d images, %d cores, Java %s%n", distinct,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    out.printf(Locale.ROOT, "%-8s %7s %9s %8s %12s %12s %14s %14s%n",
        "threads", "files", "files/s", "MB/s", "decode ms/f", "hash ms/f", "decode/s/thr", "hash/s/thr");
    for (Run r : runs) {
      double wall = r.wallNanos / 1e9;
      out.printf(Locale.ROOT, "%-8d %7d %9.1f %8.1f %12.2f %12.2f %14.1f %14.1f%n",
          r.threads, r.files, r.files / wall, r.bytes / 1e6 / wall,
          r.decodeNanos / 1e6 / r.files, r.hashNanos / 1e6 / r.files,
          r.files / (r.decodeNanos / 1e9), r.files / (r.hashNanos / 1e9));
    }
    out.println("files/s and MB/s: wall clock. ms/f and /s/thr: CPU time of the hashing threads in each phase.");
    out.println("Speed-up of the last row over the 1-thread baseline: "
        + String.format(Locale.ROOT, "%.2fx", speedUp(runs)));
  }

  private static double speedUp(List<Run> runs) {
    Run base = runs.get(0);
    Run last = runs.get(runs.size() - 1);
    return ((double) last.files / last.wallNanos) / ((double) base.files / base.wallNanos);
  }

  private static void printJson(PrintWriter out, List<Run> runs, ReferenceComparison comparison) throws IOException {
    ObjectMapper m = new ObjectMapper();
    ArrayNode arr = m.createArrayNode();
    for (Run r : runs) {
      double wall = r.wallNanos / 1e9;
      ObjectNode o = arr.addObject();
      o.put("threads", r.threads);
      o.put("files", r.files);
      o.put("bytes", r.bytes);
      o.put("seconds", wall);
      o.put("filesPerSecond", r.files / wall);
      o.put("megabytesPerSecond", r.bytes / 1e6 / wall);
      o.put("decodeMillisPerFile", r.decodeNanos / 1e6 / r.files);
      o.put("hashMillisPerFile", r.hashNanos / 1e6 / r.files);
    }
    if (comparison == null) {
      out.println(m.writeValueAsString(arr));
      return;
    }
    ObjectNode both = m.createObjectNode();
    both.set("runs", arr);
    both.set("reference", comparison.toJson(m));
    out.println(m.writeValueAsString(both));
  }
}
