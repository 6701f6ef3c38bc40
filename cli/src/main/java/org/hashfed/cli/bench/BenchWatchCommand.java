package org.hashfed.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.node.match.LinearScanIndex;
import org.hashfed.node.store.Store;
import org.hashfed.node.watch.WatchedItem;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hashfed bench watch}: matching a new signal against watched PDQ hashes, against a linear scan of them. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = {
      "Records a synthetic corpus of watched PDQ hashes (one per item, in requests of 1000, into a throw-away store) "
          + "and measures what the node does for each signal that becomes matchable: match it against the watch "
          + "list (distance 31), p50/p99 per signal, against a linear scan of the same hashes; half the signals are "
          + "a watched hash with 0..31 bits flipped, half random. Reports the heap the watch list holds after a full "
          + "collection: at 10,000,000 items run with HASHFED_JAVA_OPTS=-Xmx2g, the heap it must fit in.",
      "",
      "With --video-seconds S, the items are synthetic videos of S seconds (one hash a second, with the two centre "
          + "sets) and each new signal a video, half of them a watched one shared again: its match against every "
          + "watched video, p50/p99, against a catalog of the new video matched by each watched video in turn "
          + "(timed on --baseline-videos of them, scaled to all)."
    })
public final class BenchWatchCommand implements Callable<Integer> {

  private static final int BATCH = 1000;

  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", description = "Watched items (default: ${DEFAULT-VALUE}).")
  int size = 1_000_000;

  @Option(names = "--signals", paramLabel = "S", description = "New signals timed on the watch list (default: ${DEFAULT-VALUE}).")
  int signals = 10_000;

  @Option(names = "--scan-signals", paramLabel = "S",
      description = "New signals timed on the linear scan, a prefix of the others (default: 200, at most --signals).")
  Integer scanSignals;

  @Option(names = "--seed", description = "Seed of the corpus and signals (default: ${DEFAULT-VALUE}).")
  long seed = 20_260_101L;

  @Option(names = "--video-seconds", paramLabel = "S",
      description = "Watch videos of S seconds instead of PDQ hashes (1..3600; --size counts videos).")
  Integer videoSeconds;

  @Option(names = "--video-signals", paramLabel = "S",
      description = "With --video-seconds, new videos timed on the watch list (default: ${DEFAULT-VALUE}).")
  int videoSignals = 100;

  @Option(names = "--baseline-videos", paramLabel = "B",
      description = "With --video-seconds, watched videos the baseline is timed on (default: ${DEFAULT-VALUE}).")
  int baselineVideos = 1000;

  @Option(names = "--json", description = "Print the results as JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    check(size >= 1 && size <= 100_000_000, "--size", size, "1..100000000");
    check(signals >= 2 && signals <= 10_000_000, "--signals", signals, "2..10000000");
    check(scanSignals == null || (scanSignals >= 1 && scanSignals <= signals), "--scan-signals", scanSignals,
        "1.." + signals + " (--signals)");
    if (videoSeconds != null) {
      return videos();
    }
    int scanned = scanSignals != null ? scanSignals : Math.min(200, signals);
    SyntheticPdqCorpus corpus = new SyntheticPdqCorpus(seed, size);
    Signal[] mix = mix(corpus);
    Path dir = Files.createTempDirectory("hashfed-bench-watch");
    Map<String, Object> report = new LinkedHashMap<>();
    try (Store store = Store.openForBulkLoad(dir)) {
      long heapBefore = heapAfterFullGc();
      Watchlist watch = Watchlist.open(store, Clock.systemUTC(), Duration.ofDays(7), size);
      long start = System.nanoTime();
      record(watch, corpus);
      long recordNanos = System.nanoTime() - start;
      long heapAfter = heapAfterFullGc();
      long[] watchTimes = new long[signals];
      int[] watchHits = new int[signals];
      for (int i = 0; i < signals; i++) {
        long t = System.nanoTime();
        watchHits[i] = watch.matches(mix[i]).size();
        watchTimes[i] = System.nanoTime() - t;
      }
      LinearScanIndex scan = LinearScanIndex.create(size);
      for (int i = 0; i < size; i++) {
        scan.add(i, corpus.hash(i));
      }
      long[] scanTimes = new long[scanned];
      boolean agree = true;
      for (int i = 0; i < scanned; i++) {
        long t = System.nanoTime();
        int hits = scan.search(PdqHash.fromHex(mix[i].value()), Watchlist.MAX_PDQ_DISTANCE, Integer.MAX_VALUE).size();
        scanTimes[i] = System.nanoTime() - t;
        agree &= hits == watchHits[i];
      }
      report.put("benchmark", "watch");
      report.put("date", Instant.now().toString());
      report.put("size", size);
      report.put("seed", seed);
      report.put("max_distance", Watchlist.MAX_PDQ_DISTANCE);
      report.put("record_items_per_second", Math.round(size / (recordNanos / 1e9)));
      report.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
      report.put("watch_list_heap_mib", (heapAfter - heapBefore) >> 20);
      report.put("watch_list_heap_bytes_per_item", (heapAfter - heapBefore) / size);
      report.put("watch_list", latencies(watchTimes, Arrays.stream(watchHits).filter(h -> h > 0).count()));
      report.put("linear_scan", latencies(scanTimes, -1));
      report.put("speedup_p50", Math.round(10.0 * percentile(scanTimes, 50) / Math.max(1, percentile(watchTimes, 50)))
          / 10.0);
      report.put("results_agree", agree);
    } finally {
      delete(dir);
    }
    print(report);
    return (Boolean) report.get("results_agree") ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private Integer videos() throws Exception {
    check(videoSeconds >= 1 && videoSeconds <= VideoHashes.MAX_FRAMES, "--video-seconds", videoSeconds,
        "1.." + VideoHashes.MAX_FRAMES);
    check(size <= 10_000_000, "--size", size, "1..10000000 with --video-seconds");
    check(videoSignals >= 2 && videoSignals <= 100_000, "--video-signals", videoSignals, "2..100000");
    check(baselineVideos >= 1, "--baseline-videos", baselineVideos, "1 or more");
    Path dir = Files.createTempDirectory("hashfed-bench-watch");
    Map<String, Object> report;
    try (Store store = Store.openForBulkLoad(dir)) {
      report = new WatchVideoBench(size, videoSeconds, videoSignals, baselineVideos, seed).run(store);
    } finally {
      delete(dir);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.printf("%-34s %s videos of %s s, %s frame hashes, %s MiB of heap%n", "watched", size, videoSeconds,
          report.get("frame_hashes"), report.get("heap_mib"));
      out.printf("%-34s %s%n", "record (videos/s)", report.get("record_videos_per_second"));
      out.printf("%-34s %s / %s%n", "new video, watch list p50/p99 (ms)", report.get("new_video_p50_ms"),
          report.get("new_video_p99_ms"));
      out.printf("%-34s %s (%s per watched video)%n", "new video, baseline (ms)", report.get("baseline_new_video_ms"),
          report.get("baseline_per_watched_video_ms"));
      out.printf("%-34s %s%n", "results agree", report.get("results_agree"));
    }
    out.flush();
    return (Boolean) report.get("results_agree") ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }

  private void record(Watchlist watch, SyntheticPdqCorpus corpus) throws Exception {
    Instant now = EntryTime.truncate(Instant.now());
    List<WatchedItem> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < size; i++) {
      batch.add(WatchedItem.create("c" + i, List.of(Signal.pdq(corpus.hash(i).toHex(), null)), now));
      if (batch.size() == BATCH || i == size - 1) {
        watch.record(batch);
        batch.clear();
      }
    }
  }

  // Even positions are hits, odd ones random misses.
  private Signal[] mix(SyntheticPdqCorpus corpus) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x3A7C4E1DL);
    Signal[] mix = new Signal[signals];
    for (int i = 0; i < signals; i++) {
      PdqHash h = i % 2 == 0
          ? SyntheticPdqCorpus.flip(corpus.hash(random.nextInt(size)), random.nextInt(Watchlist.MAX_PDQ_DISTANCE + 1),
              random)
          : SyntheticPdqCorpus.random(random);
      mix[i] = Signal.pdq(h.toHex(), null);
    }
    return mix;
  }

  private static Map<String, Object> latencies(long[] nanos, long matched) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signals", nanos.length);
    m.put("p50_us", percentile(nanos, 50) / 1000.0);
    m.put("p99_us", percentile(nanos, 99) / 1000.0);
    if (matched >= 0) {
      m.put("signals_matched", matched);
    }
    return m;
  }

  // What the watch list holds, for sizing -Xmx: a full collection first, so garbage is not counted.
  private static long heapAfterFullGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  static long percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private void print(Map<String, Object> report) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      @SuppressWarnings("unchecked") Map<String, Object> w = (Map<String, Object>) report.get("watch_list");
      @SuppressWarnings("unchecked") Map<String, Object> s = (Map<String, Object>) report.get("linear_scan");
      out.printf("%-28s %14s %14s%n", "watched PDQ hashes: " + size, "watch list", "linear scan");
      out.printf("%-28s %14s %14s%n", "signal match p50 (us)", w.get("p50_us"), s.get("p50_us"));
      out.printf("%-28s %14s %14s%n", "signal match p99 (us)", w.get("p99_us"), s.get("p99_us"));
      out.printf("%-28s %14s %14s%n", "record (items/s)", report.get("record_items_per_second"), "");
      out.printf("%-28s %14s %14s%n", "heap after GC (MiB)", report.get("watch_list_heap_mib"), "");
      out.printf("%-28s %14s %14s%n", "heap per item (bytes)", report.get("watch_list_heap_bytes_per_item"), "");
      out.printf("%-28s %14s%n", "max heap (MiB)", report.get("max_heap_mib"));
      out.printf("%-28s %14s%n", "speedup p50", report.get("speedup_p50"));
      out.printf("%-28s %14s%n", "results agree", report.get("results_agree"));
    }
    out.flush();
  }

  private void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " " + value + ": expected " + expected);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the benchmark store " + dir, e);
    }
  }
}
