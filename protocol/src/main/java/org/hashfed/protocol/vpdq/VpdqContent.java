package org.hashfed.protocol.vpdq;

import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.pdq.PdqResult;

/**
 * The hashes of a video's content area: the rectangle left when uniform borders (letterbox or
 * pillarbox bars) are cut off, and one PDQ result per standard frame, in the same order.
 *
 * <p>Plain vPDQ hashes whole frames, so a copy with bars added or removed matches none of the
 * original's frames; hashing the content area as well lets such copies match.
 */
public final class VpdqContent {

  private final int x;
  private final int y;
  private final int width;
  private final int height;
  private final List<PdqResult> frames;

  private VpdqContent(int x, int y, int width, int height, List<PdqResult> frames) {
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
    this.frames = frames;
  }

  /**
   * Content hashes for the rectangle at ({@code x}, {@code y}) of {@code width x height} pixels.
   *
   * @throws IllegalArgumentException when a coordinate is negative, a size is not positive or there
   *     are no frames
   */
  public static VpdqContent of(int x, int y, int width, int height, List<PdqResult> frames) {
    if (x < 0 || y < 0 || width <= 0 || height <= 0) {
      throw new IllegalArgumentException("content area " + width + "x" + height + " at " + x + "," + y
          + " (expected: x, y >= 0 and a positive size)");
    }
    List<PdqResult> copy = List.copyOf(Objects.requireNonNull(frames, "frames"));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("content area without frames (expected: one hash per standard frame)");
    }
    return new VpdqContent(x, y, width, height, copy);
  }

  /** Left edge of the content area in the video's pixels. */
  public int x() {
    return x;
  }

  /** Top edge of the content area in the video's pixels. */
  public int y() {
    return y;
  }

  /** Width of the content area in pixels. */
  public int width() {
    return width;
  }

  /** Height of the content area in pixels. */
  public int height() {
    return height;
  }

  /** One hash per standard frame, in the same order. */
  public List<PdqResult> frames() {
    return frames;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VpdqContent c && c.x == x && c.y == y && c.width == width && c.height == height
        && c.frames.equals(frames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(x, y, width, height, frames);
  }
}
