package org.hashfed.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.hashfed.node.catalog.Catalog;
import org.hashfed.node.catalog.CatalogMatch;
import org.hashfed.node.catalog.Listing;
import org.hashfed.node.catalog.VideoThresholds;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * The latency half of {@code hashfed bench video}: vPDQ queries against a catalog of synthetic
 * videos, against a linear scan over the same frame hashes in the same run; both must find the same
 * videos.
 *
 * <p>A synthetic video is a random walk of PDQ hashes, one a second, each 1 to 40 bits from the one
 * before (still scenes and cuts alike), so neighbouring frames of one video often sit within the
 * match distance of each other as in real footage, and different videos never do. A query is one
 * indexed video with 0 to 16 bits of noise on each frame.
 */
final class VideoQueryLatency {

  /** Latencies of the index and of the scan, and whether every query found its video. */
  record Result(int videos, int framesPerVideo, double buildSeconds, long[] indexMicros, long[] indexCpuMicros,
      long[] containedMicros, long[] fullMicros, long[] scanMicros, int queriesFound, int scanAgreed,
      int scanCompared) {}

  private static final Instant NOW = Instant.parse("2026-12-03T00:00:00Z");
  private static final MemberId MEMBER = MemberId.parse("bench");
  private static final List<Label> LABELS = List.of(Label.parse("content:attack-livestream"));
  private static final int MAX_DISTANCE = 31;

  private VideoQueryLatency() {}

  static Result run(int videos, int frames, int queries, int scanQueries, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // the scan's copy of every frame hash: four words per frame, video i's frames at i * frames
    long[] words = new long[Math.multiplyExact(Math.multiplyExact(videos, frames), 4)];
    long t0 = System.nanoTime();
    Catalog.Builder builder = Catalog.builder(videos);
    for (int v = 0; v < videos; v++) {
      long[] w = {random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()};
      List<VpdqFrame> list = new ArrayList<>(frames);
      for (int f = 0; f < frames; f++) {
        flip(w, 1 + random.nextInt(40), random);
        System.arraycopy(w, 0, words, (v * frames + f) * 4, 4);
        list.add(VpdqFrame.of(f * 30, f * 1000L, PdqHash.ofWords(w[0], w[1], w[2], w[3]), 100));
      }
      builder.add(listing(v, VideoHashes.of(list)));
    }
    Catalog catalog = builder.build();
    double buildSeconds = (System.nanoTime() - t0) / 1e9;

    long[] indexMicros = new long[queries];
    long[] indexCpuMicros = new long[queries];
    long[] fullMicros = new long[queries];
    long[] containedMicros = new long[queries];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] scanMicros = new long[Math.min(scanQueries, queries)];
    int found = 0;
    int agreed = 0;
    for (int q = 0; q < queries; q++) {
      int target = random.nextInt(videos);
      List<PdqHash> query = noisyCopy(words, target, frames, random);
      VideoHashes hashes = VideoHashes.of(framesOf(query));
      long c = cpu.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      // python-threatexchange's rule, which the scan applies too
      List<CatalogMatch> m = catalog.match(Signal.vpdq(hashes), MAX_DISTANCE, VideoThresholds.PYTHON_THREATEXCHANGE,
          NOW, Optional::of);
      indexMicros[q] = (System.nanoTime() - s) / 1000;
      indexCpuMicros[q] = (cpu.getCurrentThreadCpuTime() - c) / 1000;
      // the node's default rule: containment makes the subset a quarter of the frames
      s = System.nanoTime();
      catalog.match(Signal.vpdq(hashes), MAX_DISTANCE, VideoThresholds.DEFAULTS, NOW, Optional::of);
      containedMicros[q] = (System.nanoTime() - s) / 1000;
      // the catalog searching the index for every query frame, as before it searched a subset:
      // with a minimum query% of 0 it must find every video any frame hits
      s = System.nanoTime();
      catalog.match(Signal.vpdq(hashes), MAX_DISTANCE, new VideoThresholds(0, 0), NOW, Optional::of);
      fullMicros[q] = (System.nanoTime() - s) / 1000;
      Set<Integer> byIndex = new HashSet<>();
      m.forEach(match -> byIndex.add(videoOf(match.listing())));
      found += byIndex.contains(target) ? 1 : 0;
      if (q < scanMicros.length) {
        s = System.nanoTime();
        Set<Integer> byScan = scan(words, videos, frames, query);
        scanMicros[q] = (System.nanoTime() - s) / 1000;
        agreed += byScan.equals(byIndex) ? 1 : 0;
      }
    }
    return new Result(videos, frames, buildSeconds, indexMicros, indexCpuMicros, containedMicros, fullMicros,
        scanMicros, found, agreed, scanMicros.length);
  }

  /**
   * The baseline: every query frame against every indexed frame; a video matches when at least 80%
   * of the query's frames are within the distance of one of its frames.
   */
  static Set<Integer> scan(long[] words, int videos, int frames, List<PdqHash> query) {
    int[] hits = new int[videos];
    int[] lastQuery = new int[videos];
    Arrays.fill(lastQuery, -1);
    for (int q = 0; q < query.size(); q++) {
      long a0 = query.get(q).word(0);
      long a1 = query.get(q).word(1);
      long a2 = query.get(q).word(2);
      long a3 = query.get(q).word(3);
      for (int i = 0, n = videos * frames; i < n; i++) {
        int o = i * 4;
        int d = Long.bitCount(a0 ^ words[o]) + Long.bitCount(a1 ^ words[o + 1])
            + Long.bitCount(a2 ^ words[o + 2]) + Long.bitCount(a3 ^ words[o + 3]);
        if (d <= MAX_DISTANCE) {
          int v = i / frames;
          if (lastQuery[v] != q) {
            lastQuery[v] = q;
            hits[v]++;
          }
        }
      }
    }
    Set<Integer> out = new HashSet<>();
    for (int v = 0; v < videos; v++) {
      if (100.0 * hits[v] / query.size() >= VideoThresholds.PYTHON_THREATEXCHANGE.queryPercent()) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<PdqHash> noisyCopy(long[] words, int video, int frames, SplittableRandom random) {
    List<PdqHash> out = new ArrayList<>(frames);
    long[] w = new long[4];
    for (int f = 0; f < frames; f++) {
      System.arraycopy(words, (video * frames + f) * 4, w, 0, 4);
      flip(w, random.nextInt(17), random);
      out.add(PdqHash.ofWords(w[0], w[1], w[2], w[3]));
    }
    return out;
  }

  private static List<VpdqFrame> framesOf(List<PdqHash> hashes) {
    List<VpdqFrame> out = new ArrayList<>(hashes.size());
    for (int f = 0; f < hashes.size(); f++) {
      out.add(VpdqFrame.of(f * 30, f * 1000L, hashes.get(f), 100));
    }
    return out;
  }

  // Flips n distinct bits, so a step is exactly n bits.
  private static void flip(long[] w, int n, SplittableRandom random) {
    long[] mask = new long[4];
    int flipped = 0;
    while (flipped < n) {
      int bit = random.nextInt(256);
      if ((mask[bit >> 6] & 1L << bit) == 0) {
        mask[bit >> 6] |= 1L << bit;
        flipped++;
      }
    }
    for (int i = 0; i < 4; i++) {
      w[i] ^= mask[i];
    }
  }

  private static Listing listing(int video, VideoHashes hashes) {
    return Listing.create(EntryId.parse(String.format(Locale.ROOT, "%064x", video + 1)), MEMBER, Signal.vpdq(hashes),
        LABELS, Optional.empty(), NOW, Optional.empty());
  }

  private static int videoOf(Listing l) {
    return Integer.parseInt(l.entryId().hex().substring(48), 16) - 1;
  }
}
