package org.hashfed.protocol.vpdq;

import org.hashfed.protocol.video.RgbFrame;

/**
 * The part of a video's frames that shows content, without uniform borders (letterbox or pillarbox
 * bars), in source pixels; hashing it lets a video match a copy with bars added or removed.
 */
public final class ContentArea {

  private final int frameWidth;
  private final int frameHeight;
  private final int x;
  private final int y;
  private final int width;
  private final int height;

  private ContentArea(int frameWidth, int frameHeight, int x, int y, int width, int height) {
    this.frameWidth = frameWidth;
    this.frameHeight = frameHeight;
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
  }

  /**
   * The rectangle (x, y, width, height) of a {@code frameWidth x frameHeight} frame.
   *
   * @throws IllegalArgumentException when the rectangle is empty or not inside the frame
   */
  public static ContentArea of(int frameWidth, int frameHeight, int x, int y, int width, int height) {
    if (frameWidth <= 0 || frameHeight <= 0) {
      throw new IllegalArgumentException("frame size " + frameWidth + "x" + frameHeight + " (expected: positive)");
    }
    if (x < 0 || y < 0 || width <= 0 || height <= 0 || (long) x + width > frameWidth
        || (long) y + height > frameHeight) {
      throw new IllegalArgumentException("content area " + width + "x" + height + " at (" + x + ", " + y + ") of a "
          + frameWidth + "x" + frameHeight + " frame (expected: a non-empty rectangle inside the frame)");
    }
    return new ContentArea(frameWidth, frameHeight, x, y, width, height);
  }

  /** The whole {@code frameWidth x frameHeight} frame: no borders. */
  public static ContentArea wholeFrame(int frameWidth, int frameHeight) {
    return of(frameWidth, frameHeight, 0, 0, frameWidth, frameHeight);
  }

  /** Width of the frames this area belongs to. */
  public int frameWidth() {
    return frameWidth;
  }

  /** Height of the frames this area belongs to. */
  public int frameHeight() {
    return frameHeight;
  }

  /** Left edge, in pixels from the frame's left. */
  public int x() {
    return x;
  }

  /** Top edge, in pixels from the frame's top. */
  public int y() {
    return y;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** Whether the area is the whole frame (no borders were found). */
  public boolean isWholeFrame() {
    return x == 0 && y == 0 && width == frameWidth && height == frameHeight;
  }

  /**
   * This area of {@code frame} as a frame of its own, in a new packed RGB24 buffer the caller owns
   * (the frame itself when the area is the whole frame), with the same number and timestamp.
   *
   * @throws IllegalArgumentException when the frame is not of this area's frame size
   */
  public RgbFrame crop(RgbFrame frame) {
    if (frame.width() != frameWidth || frame.height() != frameHeight) {
      throw new IllegalArgumentException("frame of " + frame.width() + "x" + frame.height() + " (expected: "
          + frameWidth + "x" + frameHeight + ", the size this content area was found in)");
    }
    if (isWholeFrame()) {
      return frame;
    }
    byte[] src = frame.pixels();
    byte[] out = new byte[width * height * 3];
    for (int row = 0; row < height; row++) {
      System.arraycopy(src, ((y + row) * frameWidth + x) * 3, out, row * width * 3, width * 3);
    }
    return RgbFrame.wrap(frame.frameNumber(), frame.timestampSeconds(), width, height, out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentArea a && a.frameWidth == frameWidth && a.frameHeight == frameHeight && a.x == x
        && a.y == y && a.width == width && a.height == height;
  }

  @Override
  public int hashCode() {
    return ((((frameWidth * 31 + frameHeight) * 31 + x) * 31 + y) * 31 + width) * 31 + height;
  }

  @Override
  public String toString() {
    return "ContentArea[" + width + "x" + height + " at (" + x + ", " + y + ") of " + frameWidth + "x" + frameHeight
        + "]";
  }
}
