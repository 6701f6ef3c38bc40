package org.hashfed.protocol.video;

import java.time.Duration;
import java.util.Objects;

/**
 * The budget of one video decode: file size, duration, pixels per frame, frames decoded and
 * wall-clock decoding time. An untrusted upload that exceeds any of them is refused with an error
 * naming the limit.
 */
public final class VideoLimits {

  /** 1 GiB of file. */
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
  /** Three hours of video. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(3);
  /** 4096 x 2304 pixels (a little over 4K UHD) per frame. */
  public static final long DEFAULT_MAX_FRAME_PIXELS = 4096L * 2304;
  /** Three hours at 60 frames per second. */
  public static final long DEFAULT_MAX_FRAMES = 3L * 3600 * 60;
  /** Ten minutes of decoding. */
  public static final Duration DEFAULT_MAX_DECODE_TIME = Duration.ofMinutes(10);

  private static final VideoLimits DEFAULTS = new VideoLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_DURATION,
      DEFAULT_MAX_FRAME_PIXELS, DEFAULT_MAX_FRAMES, DEFAULT_MAX_DECODE_TIME);

  private final long maxFileBytes;
  private final Duration maxDuration;
  private final long maxFramePixels;
  private final long maxFrames;
  private final Duration maxDecodeTime;

  private VideoLimits(long maxFileBytes, Duration maxDuration, long maxFramePixels, long maxFrames,
      Duration maxDecodeTime) {
    this.maxFileBytes = maxFileBytes;
    this.maxDuration = maxDuration;
    this.maxFramePixels = maxFramePixels;
    this.maxFrames = maxFrames;
    this.maxDecodeTime = maxDecodeTime;
  }

  /** The documented defaults. */
  public static VideoLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Limits with every value given.
   *
   * @throws IllegalArgumentException when a value is not positive
   */
  public static VideoLimits of(long maxFileBytes, Duration maxDuration, long maxFramePixels, long maxFrames,
      Duration maxDecodeTime) {
    positive("max file bytes", maxFileBytes);
    positive("max frame pixels", maxFramePixels);
    positive("max frames", maxFrames);
    positive("max duration", Objects.requireNonNull(maxDuration, "maxDuration"));
    positive("max decode time", Objects.requireNonNull(maxDecodeTime, "maxDecodeTime"));
    return new VideoLimits(maxFileBytes, maxDuration, maxFramePixels, maxFrames, maxDecodeTime);
  }

  private static void positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " " + v + " (expected: more than 0)");
    }
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " " + d + " (expected: more than 0)");
    }
  }

  /** Largest file accepted, in bytes. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** Longest video accepted, by its declared duration and by the timestamps decoded. */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** Most pixels in one frame (width x height), checked before the first frame is decoded. */
  public long maxFramePixels() {
    return maxFramePixels;
  }

  /** Most frames decoded. */
  public long maxFrames() {
    return maxFrames;
  }

  /** Longest wall-clock time one decode may take. */
  public Duration maxDecodeTime() {
    return maxDecodeTime;
  }

  /** These limits with another file size cap. */
  public VideoLimits withMaxFileBytes(long v) {
    return of(v, maxDuration, maxFramePixels, maxFrames, maxDecodeTime);
  }

  /** These limits with another duration cap. */
  public VideoLimits withMaxDuration(Duration v) {
    return of(maxFileBytes, v, maxFramePixels, maxFrames, maxDecodeTime);
  }

  /** These limits with another frame size cap. */
  public VideoLimits withMaxFramePixels(long v) {
    return of(maxFileBytes, maxDuration, v, maxFrames, maxDecodeTime);
  }

  /** These limits with another frame count cap. */
  public VideoLimits withMaxFrames(long v) {
    return of(maxFileBytes, maxDuration, maxFramePixels, v, maxDecodeTime);
  }

  /** These limits with another decoding time cap. */
  public VideoLimits withMaxDecodeTime(Duration v) {
    return of(maxFileBytes, maxDuration, maxFramePixels, maxFrames, v);
  }

  @Override
  public String toString() {
    return "VideoLimits[file " + maxFileBytes + " B, duration " + maxDuration + ", frame " + maxFramePixels
        + " px, frames " + maxFrames + ", decode time " + maxDecodeTime + "]";
  }
}
