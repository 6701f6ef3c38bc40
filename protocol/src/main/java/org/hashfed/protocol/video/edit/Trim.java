package org.hashfed.protocol.video.edit;

/** Keeps one window of time: from a start, for some seconds or a fraction of the duration. */
public final class Trim extends VideoEdit {

  private final double startSeconds;
  private final double length;
  private final boolean fractionOfDuration;

  private Trim(double startSeconds, double length, boolean fractionOfDuration) {
    this.startSeconds = startSeconds;
    this.length = length;
    this.fractionOfDuration = fractionOfDuration;
  }

  /**
   * Keeps {@code lengthSeconds} from {@code startSeconds} (less if the video ends first).
   *
   * @throws IllegalArgumentException when the start is negative or the length not positive
   */
  public static Trim seconds(double startSeconds, double lengthSeconds) {
    return new Trim(checkRange("trim start (s)", startSeconds, 0, 1e6),
        checkRange("trim length (s)", lengthSeconds, 0.01, 1e6), false);
  }

  /**
   * Keeps {@code fraction} of the video's duration from {@code startSeconds}, e.g. 2 s and 0.6.
   *
   * @throws IllegalArgumentException when the start is negative or the fraction outside 0.01..1
   */
  public static Trim fraction(double startSeconds, double fraction) {
    return new Trim(checkRange("trim start (s)", startSeconds, 0, 1e6),
        checkRange("trim fraction", fraction, 0.01, 1), true);
  }

  @Override
  public String name() {
    return "trim";
  }

  @Override
  public String toString() {
    return "trim=" + startSeconds + ":" + (fractionOfDuration ? percent(length) : Double.toString(length));
  }

  @Override
  EditPlan plan(EditPlan in) {
    double duration = in.endSeconds() - in.startSeconds();
    if (fractionOfDuration && Double.isInfinite(duration)) {
      throw new IllegalArgumentException(this + ": the source does not declare its duration (use a length in seconds)");
    }
    double start = in.startSeconds() + startSeconds;
    if (start >= in.endSeconds()) {
      throw new IllegalArgumentException(this + ": starts at " + startSeconds + " s, after the end of the "
          + String.format("%.2f", duration) + " s video (expected: an earlier start)");
    }
    double end = start + (fractionOfDuration ? length * duration : length);
    return in.withWindow(start, Math.min(end, in.endSeconds()));
  }
}
