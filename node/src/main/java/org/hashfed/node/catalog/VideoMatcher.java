package org.hashfed.node.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.hashfed.node.match.PdqMatch;
import org.hashfed.node.match.PdqMatcher;
import org.hashfed.protocol.pdq.PdqHash;

/**
 * Matches a query video against the videos in the PDQ index by aggregating frame hits, as
 * python-threatexchange's vPDQ matcher does (query% and compared% over distinct frames of quality
 * 50 or more), over each pairing of standard and content-area hashes: a letterboxed copy matches its
 * source through the content hashes of one side and the standard hashes of the other.
 *
 * <p>A query sampled at least twice as densely as a candidate (a query hashed from a file at several
 * frames a second, against videos shared at one a second) is counted by time: its frames fall into
 * bins of the candidate's sampling interval, and query% is the share of bins in which some frame
 * matched. Frame for frame, a dense query would count the frames between the candidate's samples as
 * misses; by time, it measures what the frame-count rule measures for two copies sampled at the same
 * phase, whatever phase the copies were sampled at (a trimmed or re-timed copy). A dense query never
 * does worse than the same file hashed at the candidate's interval: query% is also counted by the
 * frame-count rule over the frames that open a bin, and the larger of the two counts (a bin whose
 * frames are all below quality 50 in the candidate can never match by time).
 */
final class VideoMatcher {

  /** One candidate video and how well the query matched it. */
  record Hit(long listingRef, VideoMatch match, int distance) {}

  private VideoMatcher() {}

  /**
   * Every indexed video that some query frame hits, with its best pairing, best first; when
   * {@code minQueryPercent} is above 0 and the query is not dense against any indexed video (the
   * longest sampling interval among them is under twice the query's), only the videos that reach it,
   * with the same figures.
   *
   * <p>Those videos are found by searching the index for a subset of the query's frames only: a
   * video that matches at least {@code minQueryPercent} of the query's n distinct frames is hit by
   * any n - ceil(n * minQueryPercent / 100) + 1 of them (a fifth of the frames and one more at 80%).
   * Each video found is then compared with every query frame directly, so its figures are exact.
   */
  static List<Hit> match(PdqMatcher index, IndexedVideo query, int maxDistance, double minQueryPercent,
      long longestIntervalMillis, LongFunction<IndexedVideo> videoOf) {
    Map<Long, Candidate> candidates = new HashMap<>();
    boolean probe = minQueryPercent > 0 && query.intervalMillis() * 2 > longestIntervalMillis;
    for (int q : probe ? probes(query, minQueryPercent) : allSlots(query)) {
      int qv = query.isContent(q) ? 1 : 0;
      int qi = qv == 0 ? q : q - query.standardCount();
      for (PdqMatch m : index.search(query.hash(q), maxDistance, Integer.MAX_VALUE)) {
        if (!FrameRefs.isFrame(m.ref())) {
          continue;
        }
        long listing = FrameRefs.listingRef(m.ref());
        IndexedVideo v = videoOf.apply(listing);
        if (v == null) {
          continue;
        }
        Candidate c = candidates.computeIfAbsent(listing, l -> new Candidate(v, query));
        if (!probe) {
          c.hit(qv, qi, FrameRefs.slot(m.ref()), m.distance());
        }
      }
    }
    if (probe) {
      candidates.values().forEach(c -> c.compareAll(query, maxDistance));
    }
    List<Hit> out = new ArrayList<>(candidates.size());
    candidates.forEach((ref, c) -> {
      Hit h = c.best(ref, query);
      if (!probe || h.match().queryPercent() >= minQueryPercent) {
        out.add(h);
      }
    });
    out.sort(Comparator.comparingDouble((Hit h) -> -h.match().queryPercent())
        .thenComparingDouble(h -> -h.match().comparedPercent()).thenComparingLong(Hit::listingRef));
    return out;
  }

  private static int[] allSlots(IndexedVideo query) {
    int[] all = new int[query.slots()];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** Evenly spread slots of each set, enough that a video reaching the percentage is hit by one. */
  static int[] probes(IndexedVideo query, double minQueryPercent) {
    int[] standard = spread(0, query.standardCount(), minQueryPercent);
    int[] content = spread(query.standardCount(), query.contentCount(), minQueryPercent);
    int[] all = Arrays.copyOf(standard, standard.length + content.length);
    System.arraycopy(content, 0, all, standard.length, content.length);
    return all;
  }

  private static int[] spread(int offset, int n, double minQueryPercent) {
    int needed = (int) Math.ceil(n * minQueryPercent / 100);
    while (needed > 0 && 100.0 * (needed - 1) / n >= minQueryPercent) {
      needed--;
    }
    while (needed < n && 100.0 * needed / n < minQueryPercent) {
      needed++;
    }
    int k = Math.min(n, n - needed + 1);
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = offset + (int) ((long) i * n / k);
    }
    return out;
  }

  /** Whether the query is sampled at least twice as densely as the candidate. */
  static boolean isDense(IndexedVideo query, IndexedVideo candidate) {
    return query.intervalMillis() * 2 <= candidate.intervalMillis();
  }

  /** The share of bins of {@code width} ms holding a query frame that hold a matched one. */
  static double binnedPercent(IndexedVideo query, int set, int[] bestDistance, long width) {
    int offset = set == 0 ? 0 : query.standardCount();
    int n = 0;
    for (int i = 0; i < bestDistance.length; i++) {
      n += query.times(offset + i).length;
    }
    // bins as sorted numbers, not a bit set: a timestamp may be up to 2^32 ms
    long[] all = new long[n];
    long[] matched = new long[n];
    int a = 0;
    int m = 0;
    for (int i = 0; i < bestDistance.length; i++) {
      for (long t : query.times(offset + i)) {
        all[a++] = t / width;
        if (bestDistance[i] != Integer.MAX_VALUE) {
          matched[m++] = t / width;
        }
      }
    }
    return 100.0 * distinct(matched, m) / distinct(all, a);
  }

  /**
   * The frame-count rule over the query frames that open a bin of {@code width} ms: the frames the
   * query would have kept hashed at the candidate's interval.
   */
  static double firstOfBinPercent(IndexedVideo query, int set, int[] bestDistance, long width) {
    int offset = set == 0 ? 0 : query.standardCount();
    int sampled = 0;
    int matched = 0;
    for (int i = 0; i < bestDistance.length; i++) {
      for (long t : query.times(offset + i)) {
        if (t % width < query.intervalMillis()) {
          sampled++;
          matched += bestDistance[i] != Integer.MAX_VALUE ? 1 : 0;
          break;
        }
      }
    }
    return sampled == 0 ? 0 : 100.0 * matched / sampled;
  }

  private static int distinct(long[] values, int length) {
    Arrays.sort(values, 0, length);
    int count = 0;
    for (int i = 0; i < length; i++) {
      if (i == 0 || values[i] != values[i - 1]) {
        count++;
      }
    }
    return count;
  }

  /** Frame hits on one candidate, per pairing (query standard/content x candidate standard/content). */
  private static final class Candidate {
    private final IndexedVideo video;
    private final int[] queryCounts;
    private final int[][] bestDistance = new int[4][];
    private final BitSet[] candidateMatched = new BitSet[4];

    Candidate(IndexedVideo video, IndexedVideo query) {
      this.video = video;
      this.queryCounts = new int[] {query.standardCount(), query.contentCount()};
    }

    /** Every query slot against every slot of the video, as the index would have found them. */
    void compareAll(IndexedVideo query, int maxDistance) {
      for (int q = 0; q < query.slots(); q++) {
        int qv = query.isContent(q) ? 1 : 0;
        int qi = qv == 0 ? q : q - query.standardCount();
        PdqHash h = query.hash(q);
        for (int slot = 0; slot < video.slots(); slot++) {
          int d = h.distance(video.hash(slot));
          if (d <= maxDistance) {
            hit(qv, qi, slot, d);
          }
        }
      }
    }

    void hit(int qv, int qi, int slot, int distance) {
      int cv = video.isContent(slot) ? 1 : 0;
      int pair = qv * 2 + cv;
      if (bestDistance[pair] == null) {
        bestDistance[pair] = new int[queryCounts[qv]];
        Arrays.fill(bestDistance[pair], Integer.MAX_VALUE);
        candidateMatched[pair] = new BitSet();
      }
      bestDistance[pair][qi] = Math.min(bestDistance[pair][qi], distance);
      candidateMatched[pair].set(slot);
    }

    Hit best(long ref, IndexedVideo query) {
      Hit best = null;
      for (int pair = 0; pair < 4; pair++) {
        if (bestDistance[pair] == null) {
          continue;
        }
        int[] d = bestDistance[pair];
        int matchedQuery = 0;
        for (int x : d) {
          if (x != Integer.MAX_VALUE) {
            matchedQuery++;
          }
        }
        int candidateTotal = pair % 2 == 0 ? video.standardCount() : video.contentCount();
        double queryPercent = isDense(query, video)
            ? Math.max(binnedPercent(query, pair / 2, d, video.intervalMillis()),
                firstOfBinPercent(query, pair / 2, d, video.intervalMillis()))
            : 100.0 * matchedQuery / d.length;
        double comparedPercent = 100.0 * candidateMatched[pair].cardinality() / candidateTotal;
        if (best == null || queryPercent > best.match().queryPercent()
            || queryPercent == best.match().queryPercent() && comparedPercent > best.match().comparedPercent()) {
          VideoMatch m = new VideoMatch(Math.min(100, queryPercent), Math.min(100, comparedPercent),
              pair == 0 ? "standard" : "content", TimeRanges.of(video, candidateMatched[pair]),
              TimeRanges.ofQuery(query, pair / 2, d));
          best = new Hit(ref, m, median(d));
        }
      }
      return best;
    }

    private static int median(int[] distances) {
      int[] matched = Arrays.stream(distances).filter(x -> x != Integer.MAX_VALUE).sorted().toArray();
      return matched[matched.length / 2];
    }
  }
}
