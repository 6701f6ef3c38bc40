package org.hashfed.protocol.video.edit;

/**
 * One edit of a video, the way a re-upload changes it (scaled, bars added, cropped, a logo...).
 * Edits are immutable values made by each kind's validating factory or read from their
 * command-line form by {@link VideoEdits#parse}; {@link #toString()} gives that form back.
 */
public abstract sealed class VideoEdit
    permits Scale, Bars, Crop, Logo, Caption, Greyscale, LowBitrate, FrameRate, Trim, PictureInPicture {

  VideoEdit() {
  }

  /** The kind's name on a command line, e.g. {@code scale}. */
  public abstract String name();

  /** The command-line form, e.g. {@code scale=0.5}, which {@link VideoEdits#parse} reads back. */
  @Override
  public abstract String toString();

  /**
   * The output after this edit, given the output before it.
   *
   * @throws IllegalArgumentException when the edit cannot apply to that video (the message says why)
   */
  EditPlan plan(EditPlan in) {
    return in;
  }

  /** The picture after this edit; {@code seconds} is the frame's time in the output. */
  Picture apply(Picture in, double seconds) {
    return in;
  }

  /** {@code v} rounded down to an even number of at least 2, as 4:2:0 encoders need. */
  static int even(double v) {
    return Math.max(2, ((int) Math.floor(v)) & ~1);
  }

  /** A fraction as a short percentage for {@link #toString()}, e.g. {@code 12.5%}. */
  static String percent(double fraction) {
    double p = fraction * 100;
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }

  static double checkRange(String what, double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(what + " " + v + " (expected: from " + min + " to " + max + ")");
    }
    return v;
  }
}
