package org.hashfed.protocol.vpdq;

import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/** One hashed frame of a video: its position, its time from the start, its PDQ hash and quality. */
public final class VpdqFrame {

  private final int frameNumber;
  private final long timestampMillis;
  private final PdqHash hash;
  private final int quality;

  private VpdqFrame(int frameNumber, long timestampMillis, PdqHash hash, int quality) {
    this.frameNumber = frameNumber;
    this.timestampMillis = timestampMillis;
    this.hash = hash;
    this.quality = quality;
  }

  /**
   * A frame hash.
   *
   * @throws IllegalArgumentException when the frame number or timestamp is negative or the quality is
   *     outside 0..100
   */
  public static VpdqFrame of(int frameNumber, long timestampMillis, PdqHash hash, int quality) {
    Objects.requireNonNull(hash, "hash");
    if (frameNumber < 0) {
      throw new IllegalArgumentException("frame number " + frameNumber + " is negative (expected: 0 or more)");
    }
    if (timestampMillis < 0) {
      throw new IllegalArgumentException("timestamp " + timestampMillis + " ms is negative (expected: 0 or more)");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("invalid pdq quality " + quality + " (expected: 0..100)");
    }
    return new VpdqFrame(frameNumber, timestampMillis, hash, quality);
  }

  /** 0-based position of the frame in the video, in presentation order. */
  public int frameNumber() {
    return frameNumber;
  }

  /** Time of the frame from the start of the video, in milliseconds. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** Time of the frame from the start of the video, in seconds. */
  public double timestampSeconds() {
    return timestampMillis / 1000.0;
  }

  /** The frame's PDQ hash. */
  public PdqHash hash() {
    return hash;
  }

  /** The frame's PDQ quality, 0..100. */
  public int quality() {
    return quality;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VpdqFrame f && f.frameNumber == frameNumber && f.timestampMillis == timestampMillis
        && f.quality == quality && f.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(frameNumber, timestampMillis, hash, quality);
  }

  @Override
  public String toString() {
    return frameNumber + "," + quality + "," + hash.toHex() + "," + String.format(java.util.Locale.ROOT, "%.3f",
        timestampSeconds());
  }
}
