package org.hashfed.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hashfed.cli.bench.VideoRecall.Method;
import org.hashfed.node.catalog.VideoThresholds;

/** Tables and JSON objects of {@code hashfed bench video}, one per part. */
final class VideoReportTable {

  private final PrintWriter out;
  private final boolean quiet;

  VideoReportTable(PrintWriter out, boolean json) {
    this.out = out;
    this.quiet = json;
  }

  void printRecall(VideoRecall.Result r, double querySeconds) {
    if (quiet) {
      return;
    }
    Method[] methods = Method.values();
    out.printf(Locale.ROOT, "Video recall: %d files from %d sources; pairs of a source and its copy, both directions; "
        + "match when query%% >= %.0f (python-threatexchange), from '+ contained' on also when compared%% >= %.0f "
        + "over %d or more frames; dense query every %s s%n",
        r.samples().size(), r.samples().stream().map(VideoRecall.Sample::source).distinct().count(),
        VideoRecall.QUERY_PERCENT, VideoThresholds.DEFAULTS.containedPercent(), VideoThresholds.MIN_CONTAINED_FRAMES,
        querySeconds);
    out.printf(Locale.ROOT, "%-30s", "edit");
    for (Method m : methods) {
      out.printf(Locale.ROOT, " %16s", m.title);
    }
    out.println();
    int[] total = new int[methods.length];
    int pairs = 0;
    for (String e : r.edits()) {
      int n = r.pairsByEdit().get(e);
      pairs += n;
      out.printf(Locale.ROOT, "%-30s", e);
      for (Method m : methods) {
        int k = r.matchedByEdit().get(e)[m.ordinal()];
        total[m.ordinal()] += k;
        out.printf(Locale.ROOT, " %16s", VideoRecall.percent(k, n));
      }
      out.println();
    }
    out.printf(Locale.ROOT, "%-30s", "total");
    for (Method m : methods) {
      out.printf(Locale.ROOT, " %16s", VideoRecall.percent(total[m.ordinal()], pairs));
    }
    out.println();
    out.printf(Locale.ROOT, "%-30s", "false matches (" + r.crossPairs() + " pairs)");
    for (Method m : methods) {
      out.printf(Locale.ROOT, " %16s", r.falseMatches()[m.ordinal()] + " (max " + Math.round(r.bestFalseQueryPercent()[m.ordinal()]) + "%)");
    }
    out.println();
    if (r.sameFootagePairs() > 0) {
      out.printf(Locale.ROOT, "%-30s", "chair-19 <-> chair-22 (" + r.sameFootagePairs() + ")");
      for (Method m : methods) {
        out.printf(Locale.ROOT, " %16s", VideoRecall.percent(r.sameFootageMatched()[m.ordinal()], r.sameFootagePairs()));
      }
      out.println();
      out.println("chair-19 and chair-22 are cuts of the same footage: their pairs count as true, never as false.");
    }
    out.println("False matches: ordered pairs of files from different footage that match (max: highest query% among them;");
    out.println("compared% too for '+ contained' and '+ dense query', whose rule, the node's default, also admits a shared");
    out.println("video contained in the query). '+ centre' and later columns match the signal's centre sets through the pairings");
    out.println("of spec/video.md section 3.");
    r.failures().forEach(f -> out.println("not generated: " + f));
    out.println();
  }

  void printThroughput(List<VideoThroughput.Run> runs, List<VideoThroughput.PerFile> perFile, double querySeconds) {
    if (quiet) {
      return;
    }
    double video = runs.get(0).videoSeconds();
    out.printf(Locale.ROOT, "Hashing throughput: %d files, %.1f s of video; seconds of video per second%n",
        perFile.size(), video);
    out.printf(Locale.ROOT, "%-28s %8s %9s %9s %12s %13s%n", "pass", "threads", "wall s", "CPU s", "video s/CPU s",
        "video s/wall s");
    for (VideoThroughput.Run r : runs) {
      String title = r.mode() == VideoThroughput.Mode.DENSE_QUERY ? r.mode().title + ", " + querySeconds + " s"
          : r.mode().title;
      out.printf(Locale.ROOT, "%-28s %8d %9.2f %9.2f %12.1f %13.1f%n", title, r.threads(), r.wallSeconds(),
          r.cpuSeconds(), r.perCpuSecond(), r.perWallSecond());
    }
    out.printf(Locale.ROOT, "%-36s %10s %8s %14s %14s %11s%n", "file (1 thread)", "size", "s", "decode s/CPU s",
        "vPDQ s/CPU s", "hash share");
    for (VideoThroughput.PerFile f : perFile) {
      out.printf(Locale.ROOT, "%-36s %10s %8.1f %14.1f %14.1f %10.0f%%%n", f.file(), f.width() + "x" + f.height(),
          f.durationSeconds(), f.durationSeconds() / f.decodeCpuSeconds(), f.durationSeconds() / f.vpdqCpuSeconds(),
          100 * Math.max(0, 1 - f.decodeCpuSeconds() / f.vpdqCpuSeconds()));
    }
    out.println("CPU s: the process's CPU time (FFmpeg, JIT and GC included). Hash share: vPDQ's CPU beyond decoding.");
    out.println();
  }

  void printLatency(VideoQueryLatency.Result r) {
    if (quiet) {
      return;
    }
    out.printf(Locale.ROOT, "vPDQ query latency: %,d synthetic videos x %d frames (%,d frame hashes), built in %.1f s%n",
        r.videos(), r.framesPerVideo(), (long) r.videos() * r.framesPerVideo(), r.buildSeconds());
    out.printf(Locale.ROOT, "%-14s %8s %10s %10s %10s%n", "", "queries", "p50 ms", "p99 ms", "max ms");
    row("catalog", r.indexMicros());
    row("  CPU time", r.indexCpuMicros());
    row("+ contained", r.containedMicros());
    row("all frames", r.fullMicros());
    row("linear scan", r.scanMicros());
    if (r.scanMicros().length > 0) {
      out.printf(Locale.ROOT, "catalog vs scan at the median: %.0fx; results agree on %d of %d queries%n",
          (double) quantile(r.scanMicros(), 0.5) / Math.max(1, quantile(r.indexMicros(), 0.5)), r.scanAgreed(),
          r.scanCompared());
    }
    out.printf(Locale.ROOT, "catalog vs all frames searched at the median: %.1fx%n",
        (double) quantile(r.fullMicros(), 0.5) / Math.max(1, quantile(r.indexMicros(), 0.5)));
    out.printf(Locale.ROOT, "queries that found their video: %d of %d%n", r.queriesFound(), r.indexMicros().length);
    out.println("catalog: query% >= 80, searching the index for a fifth of the frames and one more; CPU time: the query thread's.");
    out.println("+ contained: the node's default rule, also admitting a shared video inside the query (a quarter of the frames).");
    out.println("all frames: the catalog at query% >= 0, searching for every frame (the matcher before it searched a subset).");
    out.println();
  }

  private void row(String name, long[] micros) {
    if (micros.length == 0) {
      return;
    }
    out.printf(Locale.ROOT, "%-14s %8d %10.1f %10.1f %10.1f%n", name, micros.length, quantile(micros, 0.5) / 1e3,
        quantile(micros, 0.99) / 1e3, quantile(micros, 1) / 1e3);
  }

  static Map<String, Object> recall(VideoRecall.Result r, double querySeconds) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("query_seconds", querySeconds);
    o.put("query_percent", VideoRecall.QUERY_PERCENT);
    o.put("contained_percent", VideoThresholds.DEFAULTS.containedPercent());
    o.put("files", r.samples().size());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String e : r.edits()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("edit", e);
      row.put("pairs", r.pairsByEdit().get(e));
      for (Method m : Method.values()) {
        row.put(m.name().toLowerCase(Locale.ROOT), r.matchedByEdit().get(e)[m.ordinal()]);
      }
      rows.add(row);
    }
    o.put("edits", rows);
    o.put("cross_pairs", r.crossPairs());
    Map<String, Object> falses = new LinkedHashMap<>();
    Map<String, Object> best = new LinkedHashMap<>();
    for (Method m : Method.values()) {
      falses.put(m.name().toLowerCase(Locale.ROOT), r.falseMatches()[m.ordinal()]);
      best.put(m.name().toLowerCase(Locale.ROOT), round(r.bestFalseQueryPercent()[m.ordinal()]));
    }
    o.put("false_matches", falses);
    o.put("max_false_query_percent", best);
    o.put("failures", r.failures());
    return o;
  }

  static Map<String, Object> throughput(List<VideoThroughput.Run> runs, List<VideoThroughput.PerFile> perFile,
      double querySeconds) {
    Map<String, Object> o = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (VideoThroughput.Run r : runs) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pass", r.mode().name().toLowerCase(Locale.ROOT));
      row.put("threads", r.threads());
      row.put("video_seconds", round(r.videoSeconds()));
      row.put("wall_seconds", round(r.wallSeconds()));
      row.put("cpu_seconds", round(r.cpuSeconds()));
      row.put("video_seconds_per_cpu_second", round(r.perCpuSecond()));
      row.put("video_seconds_per_wall_second", round(r.perWallSecond()));
      rows.add(row);
    }
    o.put("query_seconds", querySeconds);
    o.put("runs", rows);
    List<Map<String, Object>> files = new ArrayList<>();
    for (VideoThroughput.PerFile f : perFile) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", f.file());
      row.put("width", f.width());
      row.put("height", f.height());
      row.put("seconds", round(f.durationSeconds()));
      row.put("decode_cpu_seconds", round(f.decodeCpuSeconds()));
      row.put("vpdq_cpu_seconds", round(f.vpdqCpuSeconds()));
      files.add(row);
    }
    o.put("files", files);
    return o;
  }

  static Map<String, Object> latency(VideoQueryLatency.Result r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("videos", r.videos());
    o.put("frames_per_video", r.framesPerVideo());
    o.put("build_seconds", round(r.buildSeconds()));
    o.put("catalog", side(r.indexMicros()));
    o.put("catalog_cpu", side(r.indexCpuMicros()));
    o.put("catalog_contained", side(r.containedMicros()));
    o.put("all_frames", side(r.fullMicros()));
    o.put("linear_scan", side(r.scanMicros()));
    o.put("queries_found", r.queriesFound());
    o.put("scan_agreed", r.scanAgreed());
    o.put("scan_compared", r.scanCompared());
    return o;
  }

  private static Map<String, Object> side(long[] micros) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("queries", micros.length);
    s.put("p50_millis", micros.length == 0 ? 0 : round(quantile(micros, 0.5) / 1e3));
    s.put("p99_millis", micros.length == 0 ? 0 : round(quantile(micros, 0.99) / 1e3));
    return s;
  }

  static long quantile(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1 < 0 ? 0
        : (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
