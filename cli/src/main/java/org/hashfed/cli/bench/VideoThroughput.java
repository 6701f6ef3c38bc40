package org.hashfed.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hashfed.protocol.video.FfmpegVideoDecoder;
import org.hashfed.protocol.video.FrameSink;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.VideoSignals;
import org.hashfed.protocol.vpdq.VpdqHasher;

/**
 * The throughput half of {@code hashfed bench video}: seconds of video processed per second, for a
 * decode-only pass (the baseline: what any hasher pays), plain vPDQ and hashfed's signal, on one
 * thread and on N threads over the files.
 *
 * <p>CPU time is the process's, so FFmpeg's own threads, the JIT and GC count: on one thread it is
 * close to the work of one core.
 */
final class VideoThroughput {

  /** What a pass over a file does. */
  enum Mode {
    DECODE("decode only"),
    VPDQ("vPDQ, 1 s"),
    SIGNAL("hashfed signal, 1 s"),
    DENSE_QUERY("dense query");

    final String title;

    Mode(String title) {
      this.title = title;
    }
  }

  /** One timed pass over every file. */
  record Run(Mode mode, int threads, double videoSeconds, double wallSeconds, double cpuSeconds) {

    /** Seconds of video per second of CPU. */
    double perCpuSecond() {
      return videoSeconds / cpuSeconds;
    }

    /** Seconds of video per second of wall time. */
    double perWallSecond() {
      return videoSeconds / wallSeconds;
    }
  }

  /** One file's single-thread figures. */
  record PerFile(String file, int width, int height, double durationSeconds, double decodeCpuSeconds,
      double vpdqCpuSeconds) {}

  private VideoThroughput() {}

  /** A warm-up pass, then each mode on 1 thread and (if more than 1) on {@code threads}. */
  static List<Run> run(List<Path> files, int threads, double querySeconds) throws Exception {
    Map<Path, Double> durations = new HashMap<>();
    for (Path f : files) {
      durations.put(f, decode(f).durationSeconds());
    }
    // warm-up: the JIT compiles the hashing and the decode callbacks before anything is timed
    pass(files, durations, Mode.SIGNAL, 1, querySeconds);
    List<Run> runs = new ArrayList<>();
    for (Mode m : Mode.values()) {
      runs.add(pass(files, durations, m, 1, querySeconds));
      if (threads > 1) {
        runs.add(pass(files, durations, m, threads, querySeconds));
      }
    }
    return runs;
  }

  /** Decode-only and vPDQ CPU time of each file alone, on the calling thread. */
  static List<PerFile> perFile(List<Path> files) throws Exception {
    List<PerFile> out = new ArrayList<>();
    for (Path f : files) {
      long c0 = cpuNanos();
      VideoInfo info = decode(f);
      long c1 = cpuNanos();
      once(f, Mode.VPDQ, 0);
      long c2 = cpuNanos();
      out.add(new PerFile(f.getFileName().toString(), info.width(), info.height(), info.durationSeconds(),
          (c1 - c0) / 1e9, (c2 - c1) / 1e9));
    }
    return out;
  }

  private static Run pass(List<Path> files, Map<Path, Double> durations, Mode mode, int threads,
      double querySeconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Double>> tasks = new ArrayList<>();
      for (Path f : files) {
        tasks.add(() -> {
          once(f, mode, querySeconds);
          return durations.get(f);
        });
      }
      long c0 = cpuNanos();
      long t0 = System.nanoTime();
      double seconds = 0;
      for (Future<Double> d : pool.invokeAll(tasks)) {
        seconds += d.get();
      }
      long wall = System.nanoTime() - t0;
      long cpu = cpuNanos() - c0;
      return new Run(mode, threads, seconds, wall / 1e9, cpu / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void once(Path f, Mode mode, double querySeconds) throws Exception {
    switch (mode) {
      case DECODE -> decode(f);
      case VPDQ -> VpdqHasher.hash(f, 1.0, VideoLimits.defaults());
      case SIGNAL -> VideoSignals.hash(f, 1.0, VideoLimits.defaults());
      case DENSE_QUERY -> VideoSignals.hash(f, querySeconds, VideoLimits.defaults());
    }
  }

  // Decoded but never converted to RGB: the cost every hasher pays before its first hash.
  private static VideoInfo decode(Path f) throws Exception {
    return FfmpegVideoDecoder.create().decode(f, VideoLimits.defaults(), new FrameSink() {
      @Override
      public void start(VideoInfo info) {}

      @Override
      public boolean wants(int frameNumber) {
        return false;
      }

      @Override
      public void frame(RgbFrame frame) {}
    });
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
