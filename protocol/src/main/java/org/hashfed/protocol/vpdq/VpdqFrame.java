package org.hashfed.protocol.vpdq;

import java.util.Objects;
import org.hashfed.protocol.pdq.PdqHash;

/** The PDQ hash of one video frame: its 0-based number, its time from the start, the hash and its quality. */
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
   * A frame hash; the timestamp is in milliseconds, the precision the reference prints ({@code %.3f} s).
   *
   * @throws IllegalArgumentException when a number is out of range
   */
  public static VpdqFrame of(int frameNumber, long timestampMillis, PdqHash hash, int quality) {
    if (frameNumber < 0) {
      throw new IllegalArgumentException("vPDQ frame number " + frameNumber + " (expected: 0 or more)");
    }
    if (timestampMillis < 0) {
      throw new IllegalArgumentException("vPDQ timestamp " + timestampMillis + " ms (expected: 0 or more)");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("vPDQ quality " + quality + " (expected: 0..100)");
    }
    return new VpdqFrame(frameNumber, timestampMillis, Objects.requireNonNull(hash, "hash"), quality);
  }

  /** 0-based number of the frame in decoder output order. */
  public int frameNumber() {
    return frameNumber;
  }

  /** Milliseconds from the start: frame number / frame rate, rounded. */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** The timestamp in seconds. */
  public double timestampSeconds() {
    return timestampMillis / 1000.0;
  }

  /** The frame's PDQ hash. */
  public PdqHash hash() {
    return hash;
  }

  /** PDQ quality, 0..100; python-threatexchange ignores frames under 50 when matching. */
  public int quality() {
    return quality;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VpdqFrame)) {
      return false;
    }
    VpdqFrame f = (VpdqFrame) o;
    return frameNumber == f.frameNumber && timestampMillis == f.timestampMillis && quality == f.quality
        && hash.equals(f.hash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(frameNumber, timestampMillis, hash, quality);
  }

  @Override
  public String toString() {
    return frameNumber + "," + quality + "," + hash.toHex() + "," + timestampMillis + "ms";
  }
}
