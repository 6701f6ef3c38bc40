package org.hashfed.protocol.vpdq;

import java.util.Locale;

/**
 * A fixed part of every frame, given as fractions of the frame's width and height (for example the
 * central 60%), so that one region applies to videos of any size.
 */
public final class FrameRegion {

  private final double left;
  private final double top;
  private final double right;
  private final double bottom;

  private FrameRegion(double left, double top, double right, double bottom) {
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
  }

  /**
   * The region from {@code left} to {@code right} of the width and {@code top} to {@code bottom} of
   * the height, each a fraction from 0 (left or top edge) to 1 (right or bottom edge).
   *
   * @throws IllegalArgumentException unless 0 &lt;= left &lt; right &lt;= 1 and 0 &lt;= top &lt; bottom &lt;= 1
   */
  public static FrameRegion of(double left, double top, double right, double bottom) {
    if (!(left >= 0 && left < right && right <= 1) || !(top >= 0 && top < bottom && bottom <= 1)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "frame region x %s..%s, y %s..%s (expected: 0 <= left < right <= 1 and 0 <= top < bottom <= 1)",
          left, right, top, bottom));
    }
    return new FrameRegion(left, top, right, bottom);
  }

  /**
   * The centred region {@code share} of the width and of the height, e.g. 0.6 for x and y 20-80%.
   *
   * @throws IllegalArgumentException unless 0 &lt; share &lt;= 1
   */
  public static FrameRegion centre(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("centre share " + share + " (expected: 0 < share <= 1)");
    }
    double margin = (1 - share) / 2;
    return of(margin, margin, 1 - margin, 1 - margin);
  }

  /**
   * This region of a {@code frameWidth x frameHeight} frame in pixels, edges rounded to the nearest
   * pixel and at least one pixel wide and high.
   *
   * @throws IllegalArgumentException when the frame size is not positive
   */
  public ContentArea areaOf(int frameWidth, int frameHeight) {
    if (frameWidth <= 0 || frameHeight <= 0) {
      throw new IllegalArgumentException("frame size " + frameWidth + "x" + frameHeight + " (expected: positive)");
    }
    int x = Math.min(frameWidth - 1, (int) Math.round(left * frameWidth));
    int y = Math.min(frameHeight - 1, (int) Math.round(top * frameHeight));
    int width = Math.max(1, (int) Math.round(right * frameWidth) - x);
    int height = Math.max(1, (int) Math.round(bottom * frameHeight) - y);
    return ContentArea.of(frameWidth, frameHeight, x, y, width, height);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameRegion r && r.left == left && r.top == top && r.right == right && r.bottom == bottom;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(left) * 31 * 31 * 31 + Double.hashCode(top) * 31 * 31 + Double.hashCode(right) * 31
        + Double.hashCode(bottom);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "FrameRegion[x %.0f-%.0f%%, y %.0f-%.0f%%]", left * 100, right * 100, top * 100,
        bottom * 100);
  }
}
