package org.hashfed.protocol.video.edit;

/**
 * The video shrunk into a corner of another picture (a fixed gradient with colour bands), as in a
 * reaction or commentary re-upload; the frame keeps its size.
 */
public final class PictureInPicture extends VideoEdit {

  private final double sizeFraction;
  private final Corner corner;

  private PictureInPicture(double sizeFraction, Corner corner) {
    this.sizeFraction = sizeFraction;
    this.corner = corner;
  }

  /**
   * The video at {@code sizeFraction} of its width and height (e.g. 0.4) in {@code corner}.
   *
   * @throws IllegalArgumentException unless 0.1 &lt;= sizeFraction &lt;= 0.9
   */
  public static PictureInPicture of(double sizeFraction, Corner corner) {
    checkRange("picture-in-picture size fraction", sizeFraction, 0.1, 0.9);
    return new PictureInPicture(sizeFraction, java.util.Objects.requireNonNull(corner, "corner"));
  }

  @Override
  public String name() {
    return "pip";
  }

  @Override
  public String toString() {
    return "pip=" + percent(sizeFraction) + ":" + corner.cliName();
  }

  @Override
  Picture apply(Picture in, double seconds) {
    Picture out = background(in.width(), in.height());
    Picture small = in.resize(even(in.width() * sizeFraction), even(in.height() * sizeFraction));
    int margin = in.width() / 25;
    out.paste(small, corner.x(in.width(), small.width(), margin), corner.y(in.height(), small.height(), margin));
    return out;
  }

  private static Picture background(int w, int h) {
    Picture p = Picture.filled(w, h, 0);
    byte[] rgb = p.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        rgb[i] = (byte) (40 + 150 * x / w);
        rgb[i + 1] = (byte) (60 + 120 * y / h);
        rgb[i + 2] = (byte) (((x / 16 + y / 16) & 1) == 0 ? 170 : 120);
      }
    }
    return p;
  }
}
