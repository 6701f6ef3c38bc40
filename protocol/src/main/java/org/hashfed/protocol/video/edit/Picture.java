package org.hashfed.protocol.video.edit;

import java.util.Arrays;
import org.hashfed.protocol.video.RgbFrame;

/**
 * A packed RGB24 image owned by the edit pipeline. Unlike the value classes of the API it is
 * mutable ({@link #fill}, {@link #paste}): edits build a new picture per frame and paint into it,
 * which keeps per-frame work to one allocation.
 */
final class Picture {

  private final int width;
  private final int height;
  private final byte[] rgb;

  private Picture(int width, int height, byte[] rgb) {
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /** A picture of one colour ({@code 0xRRGGBB}). */
  static Picture filled(int width, int height, int colour) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("picture size " + width + "x" + height + " (expected: positive)");
    }
    Picture p = new Picture(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    p.fill(0, 0, width, height, colour);
    return p;
  }

  /** A copy of a decoded frame, whose buffer the decoder reuses. */
  static Picture copyOf(RgbFrame frame) {
    int n = frame.width() * frame.height() * 3;
    return new Picture(frame.width(), frame.height(), Arrays.copyOf(frame.pixels(), n));
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /** The pixels themselves, {@code height} rows of {@code width * 3} bytes. */
  byte[] rgb() {
    return rgb;
  }

  /** Paints a rectangle, clipped to the picture, in {@code 0xRRGGBB}. */
  void fill(int x, int y, int w, int h, int colour) {
    byte r = (byte) (colour >> 16);
    byte g = (byte) (colour >> 8);
    byte b = (byte) colour;
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + w);
    for (int row = Math.max(0, y); row < Math.min(height, y + h); row++) {
      for (int i = (row * width + x0) * 3, end = (row * width + x1) * 3; i < end; i += 3) {
        rgb[i] = r;
        rgb[i + 1] = g;
        rgb[i + 2] = b;
      }
    }
  }

  /** Copies {@code src} into this picture with its top-left corner at (x, y), clipped. */
  void paste(Picture src, int x, int y) {
    int x0 = Math.max(0, x);
    int x1 = Math.min(width, x + src.width);
    if (x1 <= x0) {
      return;
    }
    for (int row = Math.max(0, y); row < Math.min(height, y + src.height); row++) {
      System.arraycopy(src.rgb, ((row - y) * src.width + (x0 - x)) * 3, rgb, (row * width + x0) * 3, (x1 - x0) * 3);
    }
  }

  /** The rectangle (x, y, w, h), which must lie inside the picture, as a new picture. */
  Picture crop(int x, int y, int w, int h) {
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > width || y + h > height) {
      throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y + " of " + width + "x" + height
          + " (expected: a non-empty rectangle inside the picture)");
    }
    Picture out = new Picture(w, h, new byte[w * h * 3]);
    for (int row = 0; row < h; row++) {
      System.arraycopy(rgb, ((y + row) * width + x) * 3, out.rgb, row * w * 3, w * 3);
    }
    return out;
  }

  /**
   * This picture resampled to {@code w x h} by averaging the source pixels each output pixel covers
   * (nearest pixel when enlarging): deterministic and alias-free enough for the small shrink factors
   * the edits use, without a native scaler per call.
   */
  Picture resize(int w, int h) {
    if (w == width && h == height) {
      return this;
    }
    Picture out = Picture.filled(w, h, 0);
    for (int oy = 0; oy < h; oy++) {
      int sy0 = (int) ((long) oy * height / h);
      int sy1 = Math.max(sy0 + 1, (int) ((long) (oy + 1) * height / h));
      for (int ox = 0; ox < w; ox++) {
        int sx0 = (int) ((long) ox * width / w);
        int sx1 = Math.max(sx0 + 1, (int) ((long) (ox + 1) * width / w));
        int r = 0;
        int g = 0;
        int b = 0;
        for (int sy = sy0; sy < sy1; sy++) {
          for (int i = (sy * width + sx0) * 3, end = (sy * width + sx1) * 3; i < end; i += 3) {
            r += rgb[i] & 0xff;
            g += rgb[i + 1] & 0xff;
            b += rgb[i + 2] & 0xff;
          }
        }
        int n = (sy1 - sy0) * (sx1 - sx0);
        int o = (oy * w + ox) * 3;
        out.rgb[o] = (byte) ((r + n / 2) / n);
        out.rgb[o + 1] = (byte) ((g + n / 2) / n);
        out.rgb[o + 2] = (byte) ((b + n / 2) / n);
      }
    }
    return out;
  }
}
