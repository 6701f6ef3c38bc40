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
import org.hashfed.protocol.vpdq.FrameSet;
import org.hashfed.protocol.vpdq.VpdqPairing;

/**
 * Matches a query video against the videos in the PDQ index by aggregating frame hits, as
 * python-threatexchange's vPDQ matcher does (query% and compared% over distinct frames of quality
 * 50 or more), over each {@link VpdqPairing} of the frame sets the two signals carry: a letterboxed
 * copy matches its source through the content hashes of one side and the standard hashes of the
 * other, a copy with a logo through the centre hashes of both, a cropped copy through its standard
 * hashes and the source's central 80%.
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

  /**
   * With the containment rule on, the most slots between two searched ones: below
   * {@link VideoThresholds#MIN_CONTAINED_FRAMES}, so a clip matched by that many consecutive query
   * frames is always searched for.
   */
  static final int CONTAINED_RUN = VideoThresholds.MIN_CONTAINED_FRAMES - 1;

  private VideoMatcher() {}

  /**
   * Every indexed video that some query frame hits, with its best pairing, best first; when the
   * query% threshold is above 0 and the query is not dense against any indexed video (the longest
   * sampling interval among them is under twice the query's), only the videos that
   * {@code thresholds} admit, with the same figures.
   *
   * <p>Those videos are found by searching the index for a subset of the query's frames only: a
   * video that matches at least q% of the query's n distinct frames is hit by any
   * n - ceil(n * q / 100) + 1 of them (a fifth of the frames and one more at 80%). With the
   * containment rule on, the subset also holds every {@link #CONTAINED_RUN}-th frame of each set, so
   * that a shared clip whose matched frames run through the query is hit too. Each video found is
   * then compared with every query frame directly, so its figures are exact.
   */
  static List<Hit> match(PdqMatcher index, IndexedVideo query, int maxDistance, VideoThresholds thresholds,
      long longestIntervalMillis, LongFunction<IndexedVideo> videoOf) {
    Map<Long, Candidate> candidates = new HashMap<>();
    double minQueryPercent = thresholds.queryPercent();
    boolean probe = minQueryPercent > 0 && query.intervalMillis() * 2 > longestIntervalMillis;
    int run = thresholds.containedPercent() > 0 ? CONTAINED_RUN : Integer.MAX_VALUE;
    for (int q : probe ? probes(query, minQueryPercent, run) : allSlots(query)) {
      FrameSet qs = query.set(q);
      int qi = q - query.offset(qs);
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
          c.hit(qs, qi, FrameRefs.slot(m.ref()), m.distance());
        }
      }
    }
    if (probe) {
      candidates.values().forEach(c -> c.compareAll(query, maxDistance));
    }
    List<Hit> out = new ArrayList<>(candidates.size());
    candidates.forEach((ref, c) -> {
      Hit h = c.best(ref, query);
      // a hit between sets that are never paired (a centre frame on a whole one) is no candidate
      if (h != null && (!probe || h.match().queryPercent() >= minQueryPercent || thresholds.contains(h.match()))) {
        out.add(h);
      }
    });
    out.sort(Comparator.comparingDouble((Hit h) -> -h.match().queryPercent())
        .thenComparingDouble(h -> -h.match().comparedPercent()).thenComparingLong(Hit::listingRef));
    return out;
  }

  /**
   * Every query video in {@code queries} (held under {@link FrameRefs} of its ref) that {@code shared}
   * matches by {@code thresholds}, best first: the retro-hunt's direction, where the new video is the
   * shared side and the held ones are the queries. Every frame of {@code shared} is searched, so every
   * pair of frames within {@code maxDistance} is found, and each query video's figures are those
   * {@link #match} gives for it against a catalog holding {@code shared} alone, from the same pairs.
   */
  static List<Hit> matchQueries(PdqMatcher queries, IndexedVideo shared, int maxDistance, VideoThresholds thresholds,
      LongFunction<IndexedVideo> queryOf) {
    Map<Long, Candidate> candidates = new HashMap<>();
    for (int s = 0; s < shared.slots(); s++) {
      for (PdqMatch m : queries.search(shared.hash(s), maxDistance, Integer.MAX_VALUE)) {
        if (!FrameRefs.isFrame(m.ref())) {
          continue;
        }
        long ref = FrameRefs.listingRef(m.ref());
        IndexedVideo q = queryOf.apply(ref);
        if (q == null) {
          continue;
        }
        int slot = FrameRefs.slot(m.ref());
        FrameSet qs = q.set(slot);
        candidates.computeIfAbsent(ref, r -> new Candidate(shared, q)).hit(qs, slot - q.offset(qs), s, m.distance());
      }
    }
    List<Hit> out = new ArrayList<>();
    candidates.forEach((ref, c) -> {
      Hit h = c.best(ref, c.query);
      if (h != null && thresholds.admits(h.match())) {
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

  /**
   * Evenly spread slots of each set, enough that a video reaching the percentage is hit by one, and
   * at most {@code run} slots apart.
   */
  static int[] probes(IndexedVideo query, double minQueryPercent, int run) {
    int[] all = new int[0];
    for (FrameSet set : FrameSet.values()) {
      int[] some = spread(query.offset(set), query.count(set), minQueryPercent, run);
      int start = all.length;
      all = Arrays.copyOf(all, start + some.length);
      System.arraycopy(some, 0, all, start, some.length);
    }
    return all;
  }

  private static int[] spread(int offset, int n, double minQueryPercent, int run) {
    int needed = (int) Math.ceil(n * minQueryPercent / 100);
    while (needed > 0 && 100.0 * (needed - 1) / n >= minQueryPercent) {
      needed--;
    }
    while (needed < n && 100.0 * needed / n < minQueryPercent) {
      needed++;
    }
    int k = (int) Math.min(n, Math.max(n - needed + 1, ((long) n + run - 1) / run));
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
  static double binnedPercent(IndexedVideo query, FrameSet set, int[] bestDistance, long width) {
    int offset = query.offset(set);
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
  static double firstOfBinPercent(IndexedVideo query, FrameSet set, int[] bestDistance, long width) {
    int offset = query.offset(set);
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

  /** Frame hits on one candidate, per pairing of a query set with one of the candidate's. */
  private static final class Candidate {
    private static final VpdqPairing[] PAIRINGS = VpdqPairing.values();
    private final IndexedVideo video;
    private final IndexedVideo query;
    private final int[][] bestDistance = new int[PAIRINGS.length][];
    private final BitSet[] candidateMatched = new BitSet[PAIRINGS.length];

    Candidate(IndexedVideo video, IndexedVideo query) {
      this.video = video;
      this.query = query;
    }

    /** Every query slot against every slot of the video, as the index would have found them. */
    void compareAll(IndexedVideo query, int maxDistance) {
      for (int q = 0; q < query.slots(); q++) {
        FrameSet qs = query.set(q);
        int qi = q - query.offset(qs);
        PdqHash h = query.hash(q);
        for (int slot = 0; slot < video.slots(); slot++) {
          int d = h.distance(video.hash(slot));
          if (d <= maxDistance) {
            hit(qs, qi, slot, d);
          }
        }
      }
    }

    void hit(FrameSet qs, int qi, int slot, int distance) {
      VpdqPairing pairing = VpdqPairing.of(qs, video.set(slot));
      if (pairing == null) {
        return;
      }
      int p = pairing.ordinal();
      if (bestDistance[p] == null) {
        bestDistance[p] = new int[query.count(qs)];
        Arrays.fill(bestDistance[p], Integer.MAX_VALUE);
        candidateMatched[p] = new BitSet();
      }
      bestDistance[p][qi] = Math.min(bestDistance[p][qi], distance);
      candidateMatched[p].set(slot);
    }

    /** The best pairing by query%, then compared%; null when no pairing has a hit. */
    Hit best(long ref, IndexedVideo query) {
      Hit best = null;
      for (VpdqPairing pairing : PAIRINGS) {
        int[] d = bestDistance[pairing.ordinal()];
        if (d == null) {
          continue;
        }
        int matchedQuery = 0;
        for (int x : d) {
          if (x != Integer.MAX_VALUE) {
            matchedQuery++;
          }
        }
        BitSet matched = candidateMatched[pairing.ordinal()];
        double queryPercent = isDense(query, video)
            ? Math.max(binnedPercent(query, pairing.query(), d, video.intervalMillis()),
                firstOfBinPercent(query, pairing.query(), d, video.intervalMillis()))
            : 100.0 * matchedQuery / d.length;
        double comparedPercent = 100.0 * matched.cardinality() / video.count(pairing.compared());
        if (best == null || queryPercent > best.match().queryPercent()
            || queryPercent == best.match().queryPercent() && comparedPercent > best.match().comparedPercent()) {
          VideoMatch m = new VideoMatch(Math.min(100, queryPercent), Math.min(100, comparedPercent),
              matched.cardinality(), pairing.via(), TimeRanges.of(video, matched), TimeRanges.ofQuery(query, pairing.query(), d));
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
