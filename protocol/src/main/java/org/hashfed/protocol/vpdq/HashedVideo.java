package org.hashfed.protocol.vpdq;

import java.util.Objects;

/**
 * A video file's signal hashes with the stream properties they were computed from, for showing a
 * user what was hashed (the signal itself carries only the frames).
 */
public final class HashedVideo {

  private final VideoHashes hashes;
  private final double fps;
  private final double secondsPerHash;
  private final double durationSeconds;

  private HashedVideo(VideoHashes hashes, double fps, double secondsPerHash, double durationSeconds) {
    this.hashes = hashes;
    this.fps = fps;
    this.secondsPerHash = secondsPerHash;
    this.durationSeconds = durationSeconds;
  }

  /** The signal hashes of {@code video}'s stream. */
  static HashedVideo of(VideoHashes hashes, VpdqVideo video) {
    return new HashedVideo(Objects.requireNonNull(hashes, "hashes"), video.fps(), video.secondsPerHash(),
        video.durationSeconds());
  }

  /** What a {@code vpdq} signal carries. */
  public VideoHashes hashes() {
    return hashes;
  }

  /** The stream's frame rate. */
  public double fps() {
    return fps;
  }

  /** The sampling interval asked for; 0 means every frame. */
  public double secondsPerHash() {
    return secondsPerHash;
  }

  /** Declared duration in seconds; 0 when the file does not say. */
  public double durationSeconds() {
    return durationSeconds;
  }
}
