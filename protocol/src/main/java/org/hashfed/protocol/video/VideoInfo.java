package org.hashfed.protocol.video;

import java.util.Objects;

/**
 * What a decoder learnt of a video stream: codec, container, size, frame rate (the stream's average
 * frame rate, else its real base rate, as the vPDQ reference takes it), duration, and frames decoded.
 */
public record VideoInfo(String container, String codec, int width, int height, double fps, double durationSeconds,
    int frames) {

  /** Validates every field. */
  public VideoInfo {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(codec, "codec");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("video size " + width + "x" + height + " (expected: positive)");
    }
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new IllegalArgumentException("frame rate " + fps + " (expected: a finite number > 0)");
    }
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException("duration " + durationSeconds + " s (expected: a finite number >= 0)");
    }
    if (frames < 0) {
      throw new IllegalArgumentException("frame count " + frames + " (expected: 0 or more)");
    }
  }

  /** This info with the number of frames decoded. */
  public VideoInfo withFrames(int decoded) {
    return new VideoInfo(container, codec, width, height, fps, durationSeconds, decoded);
  }
}
