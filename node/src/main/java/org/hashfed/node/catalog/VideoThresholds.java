package org.hashfed.node.catalog;

/**
 * When a video matches (spec/video.md section 3): python-threatexchange's rule, at least
 * {@code queryPercent} of the query's frames match some frame of the shared video and at least
 * {@code comparedPercent} of the shared video's frames are matched; or, when {@code containedPercent}
 * is above 0, the shared video lies inside the query: at least {@code containedPercent} of its frames,
 * and at least {@link #MIN_CONTAINED_FRAMES} of them, are matched (an upload that is a longer cut or a
 * compilation holding the shared clip).
 */
public record VideoThresholds(double queryPercent, double comparedPercent, double containedPercent) {

  /**
   * Distinct frames of the shared video that must match for the containment rule: a clip of a few
   * frames (a title card, a still) is too easily found inside long footage.
   */
  public static final int MIN_CONTAINED_FRAMES = 5;

  /** 80% of the query and 0% of the shared video, as python-threatexchange and HMA match, or 80% contained. */
  public static final VideoThresholds DEFAULTS = new VideoThresholds(80, 0, 80);

  /** python-threatexchange's and HMA's rule alone: 80% of the query, 0% of the shared video. */
  public static final VideoThresholds PYTHON_THREATEXCHANGE = new VideoThresholds(80, 0, 0);

  /** Validates the percentages. */
  public VideoThresholds {
    check(queryPercent, "query_percent");
    check(comparedPercent, "compared_percent");
    check(containedPercent, "contained_percent");
  }

  /** The query and compared thresholds without the containment rule. */
  public VideoThresholds(double queryPercent, double comparedPercent) {
    this(queryPercent, comparedPercent, 0);
  }

  private static void check(double p, String name) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("invalid " + name + " " + p + ": expected a number from 0 to 100");
    }
  }

  /** Whether a match reaches both thresholds or the containment rule. */
  public boolean admits(VideoMatch m) {
    return m.queryPercent() >= queryPercent && m.comparedPercent() >= comparedPercent || contains(m);
  }

  /** Whether a match is admitted by the containment rule. */
  public boolean contains(VideoMatch m) {
    return containedPercent > 0 && m.comparedPercent() >= containedPercent
        && m.comparedMatched() >= MIN_CONTAINED_FRAMES;
  }
}
