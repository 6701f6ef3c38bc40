package org.hashfed.node.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.vpdq.FrameSet;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * The frames of a video that take part in matching, as python-threatexchange's vPDQ matcher takes
 * them: exact duplicate hashes removed and frames below quality 50 dropped, in each {@link FrameSet}
 * the signal carries (standard, then content area, then the two centre regions). Each distinct hash
 * remembers every time it occurs, so a match can report time ranges.
 *
 * <p>Slots number the distinct hashes set after set, in {@link FrameSet} order.
 */
final class IndexedVideo {

  private static final FrameSet[] SETS = FrameSet.values();

  private final PdqHash[] hashes;
  private final long[][] times;
  /** offsets[s] is the first slot of set s; offsets[SETS.length] the number of slots. */
  private final int[] offsets;
  private final long intervalMillis;

  private IndexedVideo(PdqHash[] hashes, long[][] times, int[] offsets, long intervalMillis) {
    this.hashes = hashes;
    this.times = times;
    this.offsets = offsets;
    this.intervalMillis = intervalMillis;
  }

  static IndexedVideo of(VideoHashes video) {
    List<VpdqFrame> frames = video.frames();
    List<PdqHash> hashes = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    int[] offsets = new int[SETS.length + 1];
    for (FrameSet set : SETS) {
      offsets[set.ordinal()] = hashes.size();
      List<PdqResult> results = set.of(video);
      Map<PdqHash, List<Long>> distinct = new LinkedHashMap<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).quality() >= PdqResult.MIN_SHAREABLE_QUALITY) {
          distinct.computeIfAbsent(results.get(i).hash(), h -> new ArrayList<>(1)).add(frames.get(i).timestampMillis());
        }
      }
      distinct.forEach((h, t) -> {
        hashes.add(h);
        times.add(t.stream().mapToLong(Long::longValue).toArray());
      });
    }
    offsets[SETS.length] = hashes.size();
    return new IndexedVideo(hashes.toArray(PdqHash[]::new), times.toArray(long[][]::new), offsets, interval(frames));
  }

  // The sampling interval, for joining matched frames into ranges: the median gap between frames.
  private static long interval(List<VpdqFrame> frames) {
    if (frames.size() < 2) {
      return 1000;
    }
    long[] gaps = new long[frames.size() - 1];
    for (int i = 1; i < frames.size(); i++) {
      gaps[i - 1] = frames.get(i).timestampMillis() - frames.get(i - 1).timestampMillis();
    }
    Arrays.sort(gaps);
    return Math.max(1, gaps[gaps.length / 2]);
  }

  /** Number of distinct hashes in all sets. */
  int slots() {
    return hashes.length;
  }

  /** Number of distinct hashes in {@code set}. */
  int count(FrameSet set) {
    return offsets[set.ordinal() + 1] - offsets[set.ordinal()];
  }

  /** The first slot of {@code set}. */
  int offset(FrameSet set) {
    return offsets[set.ordinal()];
  }

  /** The set a slot belongs to. */
  FrameSet set(int slot) {
    for (int s = SETS.length - 1; s > 0; s--) {
      if (slot >= offsets[s]) {
        return SETS[s];
      }
    }
    return SETS[0];
  }

  PdqHash hash(int slot) {
    return hashes[slot];
  }

  /** Every time (ms) at which the hash in {@code slot} occurs. */
  long[] times(int slot) {
    return times[slot];
  }

  /** The usual gap between sampled frames, in milliseconds. */
  long intervalMillis() {
    return intervalMillis;
  }
}
