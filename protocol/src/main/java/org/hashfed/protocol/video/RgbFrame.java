package org.hashfed.protocol.video;

/**
 * One decoded frame as packed RGB24, {@code height} rows of {@code width * 3} bytes, no padding.
 *
 * <p>The pixel array belongs to the decoder and is reused for the next frame: a sink that keeps
 * pixels copies them.
 */
public final class RgbFrame {

  private final int frameNumber;
  private final double timestampSeconds;
  private final int width;
  private final int height;
  private final byte[] rgb;

  private RgbFrame(int frameNumber, double timestampSeconds, int width, int height, byte[] rgb) {
    this.frameNumber = frameNumber;
    this.timestampSeconds = timestampSeconds;
    this.width = width;
    this.height = height;
    this.rgb = rgb;
  }

  /**
   * A frame view over {@code rgb}, which is not copied (see the class comment).
   *
   * @throws IllegalArgumentException when a number is out of range or the buffer is too small
   */
  public static RgbFrame wrap(int frameNumber, double timestampSeconds, int width, int height, byte[] rgb) {
    if (frameNumber < 0) {
      throw new IllegalArgumentException("frame number " + frameNumber + " is negative (expected: 0 or more)");
    }
    if (!(timestampSeconds >= 0) || Double.isInfinite(timestampSeconds)) {
      throw new IllegalArgumentException("timestamp " + timestampSeconds + " s (expected: a finite number >= 0)");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size " + width + "x" + height + " (expected: positive)");
    }
    if (rgb == null || rgb.length < (long) width * height * 3) {
      throw new IllegalArgumentException("RGB buffer of " + (rgb == null ? "null" : rgb.length + " bytes")
          + " for " + width + "x" + height + " (expected: at least width x height x 3 bytes)");
    }
    return new RgbFrame(frameNumber, timestampSeconds, width, height, rgb);
  }

  /** 0-based position in presentation order. */
  public int frameNumber() {
    return frameNumber;
  }

  /** Seconds from the start, as the vPDQ reference computes them: frame number / frame rate. */
  public double timestampSeconds() {
    return timestampSeconds;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** The decoder's pixel buffer itself, not a copy (see the class comment). */
  public byte[] pixels() {
    return rgb;
  }
}
