package org.hashfed.protocol.video.edit;

/** Resizes every frame, by a factor or to a size; dimensions are kept even for 4:2:0 encoders. */
public final class Scale extends VideoEdit {

  private final double factor;
  private final int width;
  private final int height;

  private Scale(double factor, int width, int height) {
    this.factor = factor;
    this.width = width;
    this.height = height;
  }

  /**
   * Scales both dimensions by {@code factor}, e.g. 0.5 for half size.
   *
   * @throws IllegalArgumentException unless 0.05 &lt;= factor &lt;= 4
   */
  public static Scale by(double factor) {
    return new Scale(checkRange("scale factor", factor, 0.05, 4), 0, 0);
  }

  /**
   * Scales to exactly {@code width x height}, which must be even.
   *
   * @throws IllegalArgumentException when a dimension is odd or outside 2..8192
   */
  public static Scale to(int width, int height) {
    if (width < 2 || height < 2 || width > 8192 || height > 8192 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("scale size " + width + "x" + height + " (expected: even, from 2 to 8192)");
    }
    return new Scale(0, width, height);
  }

  @Override
  public String name() {
    return "scale";
  }

  @Override
  public String toString() {
    return "scale=" + (factor > 0 ? Double.toString(factor) : width + "x" + height);
  }

  @Override
  EditPlan plan(EditPlan in) {
    return factor > 0 ? in.withSize(even(in.width() * factor), even(in.height() * factor)) : in.withSize(width, height);
  }

  @Override
  Picture apply(Picture in, double seconds) {
    EditPlan size = plan(new EditPlan(in.width(), in.height(), 1, 0, 0, 0));
    return in.resize(size.width(), size.height());
  }
}
