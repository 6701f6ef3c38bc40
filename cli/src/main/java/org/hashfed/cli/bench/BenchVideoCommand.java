package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.video.edit.VideoEdits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hashfed bench video}: recall and false matches of plain vPDQ and hashfed's matcher over
 * edited copies of source videos, hashing throughput against a decode-only baseline, and vPDQ query
 * latency against a linear scan, all in one run.
 */
@Command(
    name = "video",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark video matching. Recall: each source in DIR is edited (--edits) into a temporary folder, every "
          + "file is hashed, and every ordered pair is matched by plain vPDQ and by hashfed's matcher (query%% >= 80). "
          + "Throughput: seconds of video per CPU second, decode only (baseline), vPDQ and hashfed's signal, on 1 "
          + "and N threads. Latency: vPDQ queries against a catalog of synthetic videos, against a linear scan. "
          + "Run with enough heap for the catalog, e.g. HASHFED_JAVA_OPTS='-Xmx4g' for 10,000 x 600 frames."
    })
public final class BenchVideoCommand implements Callable<Integer> {

  /** One edited copy per entry, edits of one copy joined by commas. */
  static final List<String> DEFAULT_EDITS = List.of("scale=0.5", "letterbox=12%", "pillarbox=12%", "crop=10%",
      "logo=25%", "caption", "greyscale", "lowbitrate=150", "fps=15", "fps=24", "trim=1.5:60%", "pip=30%",
      "letterbox=12%,lowbitrate=150", "scale=0.5,fps=24", "crop=10%,greyscale");

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "protocol/src/test/resources/vpdq/videos",
      description = "Folder of source videos (default: ${DEFAULT-VALUE}, the vector videos of a checkout).")
  Path dir;

  @Option(names = "--sources", split = ",", paramLabel = "NAME",
      description = "Source videos of DIR to use, by file name or stem (default: all).")
  List<String> sources;

  @Option(names = "--edits", split = ";", paramLabel = "EDITS",
      description = "Edited copies, separated by ';', each a comma list of edits: scale=0.5, letterbox=12%%, "
          + "pillarbox=12%%, crop=10%%, logo=25%%:top-right, caption, greyscale, lowbitrate=150, fps=15, "
          + "trim=1.5:60%%, pip=30%% (default: 15 copies: every edit kind and some combinations).")
  List<String> edits;

  @Option(names = "--query-seconds", paramLabel = "S", defaultValue = "0",
      description = "Seconds between frames of a densely hashed query, 0 every frame (default: ${DEFAULT-VALUE}).")
  double querySeconds;

  @Option(names = "--index-videos", paramLabel = "N", defaultValue = "10000",
      description = "Synthetic videos in the catalog for the latency part (default: ${DEFAULT-VALUE}).")
  int indexVideos;

  @Option(names = "--frames", paramLabel = "M", defaultValue = "600",
      description = "Frames per synthetic video, one a second (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--queries", paramLabel = "Q", defaultValue = "100",
      description = "vPDQ queries timed against the catalog (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--scan-queries", paramLabel = "Q", defaultValue = "2",
      description = "Of those, how many also run on the linear scan (default: ${DEFAULT-VALUE}).")
  int scanQueries;

  @Option(names = "--threads", paramLabel = "N", description = "Threads for the parallel runs (default: all cores).")
  Integer threads;

  @Option(names = "--skip", split = ",", paramLabel = "PART",
      description = "Parts to leave out: recall, throughput, latency.")
  List<String> skip = List.of();

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic catalog (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print the results as JSON instead of tables.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<String> copies = edits == null ? DEFAULT_EDITS : edits;
    validate(n, copies);
    List<Path> files = sourceFiles();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "video");
    report.put("date", Instant.now().toString());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    report.put("sources", files.stream().map(f -> f.getFileName().toString()).toList());
    PrintWriter out = spec.commandLine().getOut();
    VideoReportTable table = new VideoReportTable(out, json);
    if (!skip.contains("recall")) {
      Path work = Files.createTempDirectory("hashfed-bench-video");
      try {
        VideoRecall.Result r = VideoRecall.run(files, copies, work, querySeconds, n);
        report.put("recall", VideoReportTable.recall(r, querySeconds));
        table.printRecall(r, querySeconds);
      } finally {
        deleteTree(work);
      }
    }
    if (!skip.contains("throughput")) {
      List<VideoThroughput.Run> runs = VideoThroughput.run(files, n, querySeconds);
      List<VideoThroughput.PerFile> perFile = VideoThroughput.perFile(files);
      report.put("throughput", VideoReportTable.throughput(runs, perFile, querySeconds));
      table.printThroughput(runs, perFile, querySeconds);
    }
    if (!skip.contains("latency")) {
      VideoQueryLatency.Result r = VideoQueryLatency.run(indexVideos, frames, queries, scanQueries, seed);
      report.put("latency", VideoReportTable.latency(r));
      table.printLatency(r);
    }
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void validate(int n, List<String> copies) {
    check(n >= 1 && n <= 1024, "--threads", n, "1..1024");
    check(querySeconds >= 0 && querySeconds <= 0.5, "--query-seconds", querySeconds, "0..0.5 (0 every frame)");
    check(indexVideos >= 1 && indexVideos <= 1_000_000, "--index-videos", indexVideos, "1..1000000");
    check(frames >= 1 && frames <= 7200, "--frames", frames, "1..7200");
    check((long) indexVideos * frames <= 100_000_000, "--index-videos x --frames", (long) indexVideos * frames,
        "at most 100000000 frame hashes");
    check(queries >= 1, "--queries", queries, "1 or more");
    check(scanQueries >= 0, "--scan-queries", scanQueries, "0 or more");
    for (String s : skip) {
      check(List.of("recall", "throughput", "latency").contains(s), "--skip", s, "recall, throughput or latency");
    }
    for (String e : copies) {
      try {
        VideoEdits.parseList(e);
      } catch (IllegalArgumentException ex) {
        throw new ParameterException(spec.commandLine(), "invalid --edits: " + ex.getMessage());
      }
    }
  }

  private List<Path> sourceFiles() throws IOException {
    boolean needed = !skip.containsAll(List.of("recall", "throughput"));
    if (!needed) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "not a directory: " + dir
          + " (expected: a folder of source videos; run from a checkout for the default)");
    }
    try {
      List<Path> files = VideoRecall.sources(dir, sources);
      if (files.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "no videos in " + dir + " (expected .mp4, .mkv, .webm, .mov or .avi)");
      }
      return files;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "invalid --sources: " + e.getMessage());
    }
  }

  private void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value + ": expected " + expected);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
