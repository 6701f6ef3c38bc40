package org.hashfed.protocol.video.edit;

/**
 * An opaque logo in a corner: a 2:1 box with a border and a checked pattern, the same in every
 * frame, drawn without fonts so the output is the same on every machine.
 */
public final class Logo extends VideoEdit {

  private static final int BORDER = 0xffffff;
  private static final int[] CELLS = {0xd02020, 0x2040c0};

  private final double widthFraction;
  private final Corner corner;

  private Logo(double widthFraction, Corner corner) {
    this.widthFraction = widthFraction;
    this.corner = corner;
  }

  /**
   * A logo {@code widthFraction} of the frame width wide (e.g. 0.25) in {@code corner}.
   *
   * @throws IllegalArgumentException unless 0.02 &lt;= widthFraction &lt;= 0.9
   */
  public static Logo of(double widthFraction, Corner corner) {
    checkRange("logo width fraction", widthFraction, 0.02, 0.9);
    return new Logo(widthFraction, java.util.Objects.requireNonNull(corner, "corner"));
  }

  @Override
  public String name() {
    return "logo";
  }

  @Override
  public String toString() {
    return "logo=" + percent(widthFraction) + ":" + corner.cliName();
  }

  @Override
  Picture apply(Picture in, double seconds) {
    int w = Math.max(4, (int) Math.round(in.width() * widthFraction));
    int h = Math.min(in.height(), Math.max(2, w / 2));
    int margin = in.width() / 50;
    int x = corner.x(in.width(), w, margin);
    int y = corner.y(in.height(), h, margin);
    int border = Math.max(1, h / 12);
    in.fill(x, y, w, h, BORDER);
    int cell = Math.max(1, (h - 2 * border) / 4);
    for (int cy = 0; y + border + cy * cell < y + h - border; cy++) {
      for (int cx = 0; x + border + cx * cell < x + w - border; cx++) {
        int cw = Math.min(cell, x + w - border - (x + border + cx * cell));
        int ch = Math.min(cell, y + h - border - (y + border + cy * cell));
        in.fill(x + border + cx * cell, y + border + cy * cell, cw, ch, CELLS[(cx + cy) & 1]);
      }
    }
    return in;
  }
}
