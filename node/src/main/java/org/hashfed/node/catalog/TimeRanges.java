package org.hashfed.node.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.hashfed.node.catalog.VideoMatch.TimeRange;
import org.hashfed.protocol.vpdq.FrameSet;

/**
 * Joins the times of matched frames into ranges: frames less than two and a half sampling intervals
 * apart belong to one range, so one unmatched frame in a run does not split it.
 */
final class TimeRanges {

  /** Most ranges reported per video: a match that scatters further is summarised by its first ranges. */
  static final int MAX_RANGES = 32;

  private TimeRanges() {}

  /** The ranges of a candidate's matched slots. */
  static List<TimeRange> of(IndexedVideo video, BitSet slots) {
    List<Long> times = new ArrayList<>();
    for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
      for (long t : video.times(s)) {
        times.add(t);
      }
    }
    return join(times.stream().mapToLong(Long::longValue).toArray(), video.intervalMillis());
  }

  /** The ranges of the query's matched frames in one of its sets. */
  static List<TimeRange> ofQuery(IndexedVideo query, FrameSet set, int[] bestDistance) {
    int offset = query.offset(set);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < bestDistance.length; i++) {
      if (bestDistance[i] != Integer.MAX_VALUE) {
        for (long t : query.times(offset + i)) {
          times.add(t);
        }
      }
    }
    return join(times.stream().mapToLong(Long::longValue).toArray(), query.intervalMillis());
  }

  static List<TimeRange> join(long[] times, long intervalMillis) {
    Arrays.sort(times);
    List<TimeRange> out = new ArrayList<>();
    long gap = intervalMillis * 5 / 2;
    int i = 0;
    while (i < times.length && out.size() < MAX_RANGES) {
      long from = times[i];
      long to = from;
      while (i + 1 < times.length && times[i + 1] - to <= gap) {
        to = times[++i];
      }
      out.add(new TimeRange(from, to));
      i++;
    }
    return out;
  }
}
