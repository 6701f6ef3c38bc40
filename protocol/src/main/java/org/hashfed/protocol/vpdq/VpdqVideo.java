package org.hashfed.protocol.vpdq;

import java.util.List;
import java.util.Objects;

/** The vPDQ hashes of a video with the stream properties they were computed from. */
public final class VpdqVideo {

  private final double fps;
  private final double secondsPerHash;
  private final int width;
  private final int height;
  private final double durationSeconds;
  private final String codec;
  private final List<VpdqFrame> frames;

  private VpdqVideo(double fps, double secondsPerHash, int width, int height, double durationSeconds, String codec,
      List<VpdqFrame> frames) {
    this.fps = fps;
    this.secondsPerHash = secondsPerHash;
    this.width = width;
    this.height = height;
    this.durationSeconds = durationSeconds;
    this.codec = codec;
    this.frames = frames;
  }

  /**
   * A hashed video; the frame list is copied.
   *
   * @throws IllegalArgumentException when a number is out of range
   */
  public static VpdqVideo of(double fps, double secondsPerHash, int width, int height, double durationSeconds,
      String codec, List<VpdqFrame> frames) {
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("frame rate " + fps + " (expected: a finite number > 0)");
    }
    VpdqHasher.checkSecondsPerHash(secondsPerHash);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("video size " + width + "x" + height + " (expected: positive)");
    }
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException("duration " + durationSeconds + " s (expected: a finite number >= 0)");
    }
    return new VpdqVideo(fps, secondsPerHash, width, height, durationSeconds, Objects.requireNonNull(codec, "codec"),
        List.copyOf(frames));
  }

  /** Frames per second used for sampling and timestamps (avg_frame_rate, else r_frame_rate). */
  public double fps() {
    return fps;
  }

  /** The sampling interval asked for; 0 means every frame. */
  public double secondsPerHash() {
    return secondsPerHash;
  }

  /** Frame width in pixels, as the stream declares it. */
  public int width() {
    return width;
  }

  /** Frame height in pixels, as the stream declares it. */
  public int height() {
    return height;
  }

  /** Declared duration in seconds; 0 when the file does not say. */
  public double durationSeconds() {
    return durationSeconds;
  }

  /** FFmpeg's name of the video codec, e.g. {@code h264}. */
  public String codec() {
    return codec;
  }

  /** The hashed frames in frame order; unmodifiable. */
  public List<VpdqFrame> frames() {
    return frames;
  }

  @Override
  public String toString() {
    return "VpdqVideo[" + width + "x" + height + " " + codec + " " + fps + " fps, " + durationSeconds + " s, "
        + frames.size() + " hashes every " + secondsPerHash + " s]";
  }
}
