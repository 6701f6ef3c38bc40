package org.hashfed.protocol.video.edit;

/** Cuts a fraction off each side, then keeps the smaller size or scales back to the original one. */
public final class Crop extends VideoEdit {

  private final double fraction;
  private final boolean keepSize;

  private Crop(double fraction, boolean keepSize) {
    this.fraction = fraction;
    this.keepSize = keepSize;
  }

  /**
   * Cuts {@code fraction} of the width off the left and right and of the height off the top and
   * bottom; with {@code keepSize} the rest is scaled back to the original size.
   *
   * @throws IllegalArgumentException unless 0.01 &lt;= fraction &lt;= 0.3
   */
  public static Crop of(double fraction, boolean keepSize) {
    return new Crop(checkRange("crop fraction", fraction, 0.01, 0.3), keepSize);
  }

  @Override
  public String name() {
    return "crop";
  }

  @Override
  public String toString() {
    return "crop=" + percent(fraction) + (keepSize ? ":keep" : "");
  }

  @Override
  EditPlan plan(EditPlan in) {
    return keepSize ? in : in.withSize(even(in.width() * (1 - 2 * fraction)), even(in.height() * (1 - 2 * fraction)));
  }

  @Override
  Picture apply(Picture in, double seconds) {
    int w = even(in.width() * (1 - 2 * fraction));
    int h = even(in.height() * (1 - 2 * fraction));
    Picture cut = in.crop((in.width() - w) / 2, (in.height() - h) / 2, w, h);
    return keepSize ? cut.resize(in.width(), in.height()) : cut;
  }
}
