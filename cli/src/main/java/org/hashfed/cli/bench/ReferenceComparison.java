package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;

/**
 * hashfed's PDQ against the C++ reference, file by file: CPU time of one hash, decode included, on
 * one thread each. Files the reference cannot hash are listed and left out of the totals.
 */
final class ReferenceComparison {

  /** One file: CPU nanoseconds per hash in hashfed and in the reference (-1: it failed). */
  private record Row(Path file, long hashfedNanos, long referenceNanos) {}

  private final List<Row> rows;
  private final int repeats;

  private ReferenceComparison(List<Row> rows, int repeats) {
    this.rows = rows;
    this.repeats = repeats;
  }

  /** Hashes every file {@code repeats} times (after one warm-up) in hashfed, then in the reference. */
  static ReferenceComparison measure(ReferenceHasher reference, List<Path> paths, List<byte[]> images, int repeats)
      throws IOException, InterruptedException, ImageDecodeException {
    PdqHasher hasher = new PdqHasher();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      byte[] content = images.get(i);
      hasher.hash(ImageLoader.read(content));
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int r = 0; r < repeats; r++) {
        hasher.hash(ImageLoader.read(content));
      }
      long hashfed = (cpu.getCurrentThreadCpuTime() - t0) / repeats;
      rows.add(new Row(paths.get(i), hashfed, reference.cpuNanosPerHash(paths.get(i), repeats)));
    }
    return new ReferenceComparison(rows, repeats);
  }

  /** Sum over the files both hash of hashfed's and of the reference's CPU nanoseconds per hash. */
  private long[] totals() {
    long[] t = new long[3];
    for (Row r : rows) {
      if (r.referenceNanos >= 0) {
        t[0] += r.hashfedNanos;
        t[1] += r.referenceNanos;
        t[2]++;
      }
    }
    return t;
  }

  void printTable(PrintWriter out) {
    out.printf(Locale.ROOT, "%nAgainst the C++ reference: CPU ms per hash, decode included, 1 thread, %d hashes of each file%n",
        repeats);
    out.printf(Locale.ROOT, "%-40s %10s %10s %8s%n", "file", "hashfed", "reference", "ratio");
    for (Row r : rows) {
      String name = r.file.getFileName().toString();
      if (r.referenceNanos < 0) {
        out.printf(Locale.ROOT, "%-40s %10.2f %10s %8s%n", name, r.hashfedNanos / 1e6, "fails", "-");
      } else {
        out.printf(Locale.ROOT, "%-40s %10.2f %10.2f %7.2fx%n", name, r.hashfedNanos / 1e6, r.referenceNanos / 1e6,
            ratio(r.referenceNanos, r.hashfedNanos));
      }
    }
    long[] t = totals();
    if (t[2] == 0) {
      out.println("The reference hashed none of the files.");
      return;
    }
    out.printf(Locale.ROOT, "%-40s %10.2f %10.2f %7.2fx%n", "mean over " + t[2] + " files", t[0] / 1e6 / t[2],
        t[1] / 1e6 / t[2], ratio(t[1], t[0]));
    out.println("ratio: reference CPU / hashfed CPU (above 1: hashfed is faster). Reference CPU comes in clock ticks"
        + " (usually 10 ms) over all its hashes of a file.");
  }

  ObjectNode toJson(ObjectMapper m) {
    ObjectNode o = m.createObjectNode();
    o.put("repeats", repeats);
    ArrayNode files = o.putArray("files");
    for (Row r : rows) {
      ObjectNode f = files.addObject();
      f.put("file", r.file.getFileName().toString());
      f.put("hashfedMillis", r.hashfedNanos / 1e6);
      if (r.referenceNanos >= 0) {
        f.put("referenceMillis", r.referenceNanos / 1e6);
      } else {
        f.putNull("referenceMillis");
      }
    }
    long[] t = totals();
    o.put("comparedFiles", t[2]);
    if (t[2] > 0) {
      o.put("hashfedMillisPerFile", t[0] / 1e6 / t[2]);
      o.put("referenceMillisPerFile", t[1] / 1e6 / t[2]);
      o.put("ratio", ratio(t[1], t[0]));
    }
    return o;
  }

  private static double ratio(long reference, long hashfed) {
    return hashfed == 0 ? Double.POSITIVE_INFINITY : (double) reference / hashfed;
  }
}
