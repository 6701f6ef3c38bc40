package org.hashfed.cli.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.store.Store;
import org.hashfed.node.watch.WatchedItem;
import org.hashfed.node.watch.Watchlist;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqCentre;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * {@code hashfed bench watch --video-seconds S}: watched videos and a new shared video matched
 * against all of them, the watch list's index of watched frames against the baseline of a catalog
 * of the new video matched by each watched video in turn.
 */
final class WatchVideoBench {

  private static final int BATCH = 100;

  private final int size;
  private final int seconds;
  private final int signals;
  private final int baselineVideos;
  private final long seed;

  WatchVideoBench(int size, int seconds, int signals, int baselineVideos, long seed) {
    this.size = size;
    this.seconds = seconds;
    this.signals = signals;
    this.baselineVideos = baselineVideos;
    this.seed = seed;
  }

  /** Runs in {@code store} (throw-away) and returns the report; {@code results_agree} says whether every copy was found. */
  Map<String, Object> run(Store store) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapBefore = rt.totalMemory() - rt.freeMemory();
    Watchlist watch = Watchlist.open(store, Clock.systemUTC(), Duration.ofDays(7), size, 1_000_000_000L);
    List<VideoHashes> watched = new ArrayList<>(size);
    Instant now = EntryTime.truncate(Instant.now());
    long start = System.nanoTime();
    List<WatchedItem> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < size; i++) {
      VideoHashes v = video(random);
      watched.add(v);
      batch.add(WatchedItem.create("v" + i, List.of(Signal.vpdq(v)), now));
      if (batch.size() == BATCH || i == size - 1) {
        watch.record(batch);
        batch.clear();
      }
    }
    long recordNanos = System.nanoTime() - start;
    System.gc();
    long heapAfter = rt.totalMemory() - rt.freeMemory();
    long[] times = new long[signals];
    boolean agree = true;
    // even positions share a watched video again (its copy), odd ones unrelated footage
    for (int i = 0; i < signals; i++) {
      VideoHashes shared = i % 2 == 0 ? watched.get(random.nextInt(size)) : video(random);
      long t = System.nanoTime();
      int hits = watch.matches(Signal.vpdq(shared)).size();
      times[i] = System.nanoTime() - t;
      agree &= i % 2 == 0 ? hits >= 1 : hits == 0;
    }
    int sample = Math.min(size, baselineVideos);
    Catalog one = Catalog.create();
    one.add(Listing.create(EntryId.parse("0".repeat(63) + "1"), MemberId.parse("bench"), Signal.vpdq(video(random)),
        List.of(), Optional.empty(), now, Optional.empty()));
    long b = System.nanoTime();
    for (int i = 0; i < sample; i++) {
      one.match(Signal.vpdq(watched.get(i)), Watchlist.MAX_PDQ_DISTANCE, now);
    }
    double perWatchedMs = (System.nanoTime() - b) / 1e6 / sample;
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "watch-video");
    report.put("date", Instant.now().toString());
    report.put("videos", size);
    report.put("video_seconds", seconds);
    report.put("frame_hashes", watch.videoFrames());
    report.put("heap_mib", (heapAfter - heapBefore) >> 20);
    report.put("seed", seed);
    report.put("record_videos_per_second", Math.round(size / (recordNanos / 1e9)));
    report.put("new_video_p50_ms", Math.round(BenchWatchCommand.percentile(times, 50) / 1e5) / 10.0);
    report.put("new_video_p99_ms", Math.round(BenchWatchCommand.percentile(times, 99) / 1e5) / 10.0);
    report.put("baseline_per_watched_video_ms", Math.round(perWatchedMs * 1000) / 1000.0);
    report.put("baseline_new_video_ms", Math.round(perWatchedMs * size));
    report.put("results_agree", agree);
    return report;
  }

  // Unrelated frames of quality 90, one a second, with the two centre sets as a node's hashing gives them.
  private VideoHashes video(SplittableRandom random) {
    List<VpdqFrame> frames = new ArrayList<>(seconds);
    List<PdqResult> narrow = new ArrayList<>(seconds);
    List<PdqResult> wide = new ArrayList<>(seconds);
    for (int s = 0; s < seconds; s++) {
      frames.add(VpdqFrame.of(s * 30, s * 1000L, SyntheticPdqCorpus.random(random), 90));
      narrow.add(PdqResult.of(SyntheticPdqCorpus.random(random), 90));
      wide.add(PdqResult.of(SyntheticPdqCorpus.random(random), 90));
    }
    return VideoHashes.of(frames, Optional.empty(), Optional.of(VpdqCentre.of(narrow, wide)));
  }
}
