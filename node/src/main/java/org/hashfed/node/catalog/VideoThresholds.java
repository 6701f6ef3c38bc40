package org.hashfed.node.catalog;

/**
 * When a video matches: at least {@code queryPercent} of the query's frames match some frame of the
 * shared video, and at least {@code comparedPercent} of the shared video's frames are matched
 * (python-threatexchange's defaults are 80 and 0).
 */
public record VideoThresholds(double queryPercent, double comparedPercent) {

  /** 80% of the query, 0% of the shared video, as python-threatexchange and HMA match. */
  public static final VideoThresholds DEFAULTS = new VideoThresholds(80, 0);

  /** Validates both percentages. */
  public VideoThresholds {
    check(queryPercent, "query_percent");
    check(comparedPercent, "compared_percent");
  }

  private static void check(double p, String name) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("invalid " + name + " " + p + ": expected a number from 0 to 100");
    }
  }

  /** Whether a pair of percentages reaches both thresholds. */
  public boolean admits(double query, double compared) {
    return query >= queryPercent && compared >= comparedPercent;
  }
}
