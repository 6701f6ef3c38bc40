package org.hashfed.node.catalog;

import java.util.List;
import java.util.Objects;

/**
 * How a query video matched a shared one: the share of the query's frames that matched (query%),
 * the share of the shared video's frames that were matched (compared%) and how many distinct
 * frames that is, which hashes matched (a
 * {@link org.hashfed.protocol.vpdq.VpdqPairing#via()}: {@code standard}, {@code content},
 * {@code centre}, {@code query-cropped} or {@code compared-cropped}), and the matched time ranges in
 * each video.
 */
public record VideoMatch(double queryPercent, double comparedPercent, int comparedMatched, String via,
    List<TimeRange> ranges, List<TimeRange> queryRanges) {

  /** Validates the percentages and copies the ranges. */
  public VideoMatch {
    percent(queryPercent, "query");
    percent(comparedPercent, "compared");
    if (comparedMatched < 0) {
      throw new IllegalArgumentException("matched frames " + comparedMatched + " (expected: >= 0)");
    }
    Objects.requireNonNull(via, "via");
    ranges = List.copyOf(ranges);
    queryRanges = List.copyOf(queryRanges);
  }

  private static void percent(double p, String what) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException(what + " percentage " + p + " (expected: 0..100)");
    }
  }

  /** A span of a video, in milliseconds from its start, both ends included. */
  public record TimeRange(long fromMillis, long toMillis) {

    /** Validates that the range does not end before it starts. */
    public TimeRange {
      if (fromMillis < 0 || toMillis < fromMillis) {
        throw new IllegalArgumentException("time range " + fromMillis + ".." + toMillis + " ms (expected: 0 <= from <= to)");
      }
    }
  }
}
