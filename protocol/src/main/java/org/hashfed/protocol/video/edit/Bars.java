package org.hashfed.protocol.video.edit;

/**
 * Adds bars of one colour: top and bottom ({@code letterbox}) or left and right ({@code pillarbox}).
 * The canvas grows so that each bar is the given fraction of the new dimension; the content keeps its
 * size and aspect, as when a 16:9 video is put into a taller or wider frame.
 */
public final class Bars extends VideoEdit {

  private final boolean letterbox;
  private final double fraction;
  private final int colour;

  private Bars(boolean letterbox, double fraction, int colour) {
    this.letterbox = letterbox;
    this.fraction = fraction;
    this.colour = colour;
  }

  /**
   * Black bars at the top and bottom, each {@code fraction} of the new height.
   *
   * @throws IllegalArgumentException unless 0.01 &lt;= fraction &lt;= 0.3
   */
  public static Bars letterbox(double fraction) {
    return letterbox(fraction, 0);
  }

  /** As {@link #letterbox(double)} with bars of {@code colour} ({@code 0xRRGGBB}). */
  public static Bars letterbox(double fraction, int colour) {
    return new Bars(true, checkRange("letterbox bar fraction", fraction, 0.01, 0.3), checkColour(colour));
  }

  /**
   * Black bars at the left and right, each {@code fraction} of the new width.
   *
   * @throws IllegalArgumentException unless 0.01 &lt;= fraction &lt;= 0.3
   */
  public static Bars pillarbox(double fraction) {
    return pillarbox(fraction, 0);
  }

  /** As {@link #pillarbox(double)} with bars of {@code colour} ({@code 0xRRGGBB}). */
  public static Bars pillarbox(double fraction, int colour) {
    return new Bars(false, checkRange("pillarbox bar fraction", fraction, 0.01, 0.3), checkColour(colour));
  }

  private static int checkColour(int colour) {
    if ((colour & ~0xffffff) != 0) {
      throw new IllegalArgumentException("bar colour " + Integer.toHexString(colour) + " (expected: RRGGBB)");
    }
    return colour;
  }

  @Override
  public String name() {
    return letterbox ? "letterbox" : "pillarbox";
  }

  @Override
  public String toString() {
    return name() + "=" + percent(fraction) + (colour == 0 ? "" : ":" + String.format("%06x", colour));
  }

  @Override
  EditPlan plan(EditPlan in) {
    return letterbox
        ? in.withSize(in.width(), grown(in.height()))
        : in.withSize(grown(in.width()), in.height());
  }

  private int grown(int content) {
    return Math.max(content + 2, even(Math.round(content / (1 - 2 * fraction))));
  }

  @Override
  Picture apply(Picture in, double seconds) {
    EditPlan size = plan(new EditPlan(in.width(), in.height(), 1, 0, 0, 0));
    Picture out = Picture.filled(size.width(), size.height(), colour);
    out.paste(in, (size.width() - in.width()) / 2, (size.height() - in.height()) / 2);
    return out;
  }
}
