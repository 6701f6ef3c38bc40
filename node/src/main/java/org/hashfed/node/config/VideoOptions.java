package org.hashfed.node.config;

import java.time.Duration;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.VpdqHasher;

/**
 * How the node hashes uploaded videos (spec/config.md, {@code video.*}): the decoding budget of one
 * upload, the seconds between hashed frames, and the size of the decoding pool and its queue, which
 * keep slow videos away from image matching.
 */
public final class VideoOptions {

  private final VideoLimits limits;
  private final double secondsPerHash;
  private final int decodeThreads;
  private final int queue;

  private VideoOptions(VideoLimits limits, double secondsPerHash, int decodeThreads, int queue) {
    this.limits = limits;
    this.secondsPerHash = secondsPerHash;
    this.decodeThreads = decodeThreads;
    this.queue = queue;
  }

  /** One hour of video at most, 4K frames, two minutes of decoding, one decoding thread, four waiting. */
  public static VideoOptions defaults() {
    return new VideoOptions(VideoLimits.defaults().withMaxDuration(Duration.ofHours(1))
        .withMaxDecodeTime(Duration.ofMinutes(2)), VpdqHasher.DEFAULT_SECONDS_PER_HASH, 1, 4);
  }

  /**
   * Validated options; the file size limit is the route's ({@code limits.max_file_bytes}).
   *
   * @throws ConfigException naming the first option out of range
   */
  public static VideoOptions of(Duration maxDuration, long maxFramePixels, Duration decodeTimeout, double secondsPerHash,
      int decodeThreads, int queue) {
    if (maxDuration.isNegative() || maxDuration.isZero() || maxDuration.compareTo(Duration.ofHours(24)) > 0) {
      throw new ConfigException("invalid video.max_seconds " + maxDuration.toSeconds() + ": expected 1..86400");
    }
    if (maxFramePixels < 64 * 64 || maxFramePixels > 8192L * 8192) {
      throw new ConfigException("invalid video.max_frame_pixels " + maxFramePixels + ": expected 4096..67108864");
    }
    if (decodeTimeout.isNegative() || decodeTimeout.isZero() || decodeTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new ConfigException("invalid video.decode_timeout_ms " + decodeTimeout.toMillis() + ": expected 1..3600000");
    }
    if (!(secondsPerHash >= 0 && secondsPerHash <= 60)) {
      throw new ConfigException("invalid video.seconds_per_hash " + secondsPerHash + ": expected 0..60 (0 = every frame)");
    }
    if (decodeThreads < 1 || decodeThreads > 64) {
      throw new ConfigException("invalid video.decode_threads " + decodeThreads + ": expected 1..64");
    }
    if (queue < 0 || queue > 1024) {
      throw new ConfigException("invalid video.queue " + queue + ": expected 0..1024");
    }
    VideoLimits limits = VideoLimits.defaults().withMaxDuration(maxDuration).withMaxFramePixels(maxFramePixels)
        .withMaxDecodeTime(decodeTimeout);
    return new VideoOptions(limits, secondsPerHash, decodeThreads, queue);
  }

  /** The decoding budget of one upload, its file size capped at {@code maxFileBytes}. */
  public VideoLimits limits(long maxFileBytes) {
    return limits.withMaxFileBytes(maxFileBytes);
  }

  /** Seconds between hashed frames (0: every frame). */
  public double secondsPerHash() {
    return secondsPerHash;
  }

  /** Threads decoding videos at once. */
  public int decodeThreads() {
    return decodeThreads;
  }

  /** Uploads that may wait for a decoding thread; more are answered 503 with Retry-After. */
  public int queue() {
    return queue;
  }

  /** These options with another duration cap. */
  public VideoOptions withMaxDuration(Duration v) {
    return of(v, limits.maxFramePixels(), limits.maxDecodeTime(), secondsPerHash, decodeThreads, queue);
  }

  /** These options with another frame size cap. */
  public VideoOptions withMaxFramePixels(long v) {
    return of(limits.maxDuration(), v, limits.maxDecodeTime(), secondsPerHash, decodeThreads, queue);
  }

  /** These options with another decoding time cap. */
  public VideoOptions withDecodeTimeout(Duration v) {
    return of(limits.maxDuration(), limits.maxFramePixels(), v, secondsPerHash, decodeThreads, queue);
  }

  /** These options with another sampling interval. */
  public VideoOptions withSecondsPerHash(double v) {
    return of(limits.maxDuration(), limits.maxFramePixels(), limits.maxDecodeTime(), v, decodeThreads, queue);
  }

  /** These options with another pool size. */
  public VideoOptions withDecodeThreads(int v) {
    return of(limits.maxDuration(), limits.maxFramePixels(), limits.maxDecodeTime(), secondsPerHash, v, queue);
  }

  /** These options with another queue length. */
  public VideoOptions withQueue(int v) {
    return of(limits.maxDuration(), limits.maxFramePixels(), limits.maxDecodeTime(), secondsPerHash, decodeThreads, v);
  }

  @Override
  public String toString() {
    return "VideoOptions[" + limits + ", secondsPerHash=" + secondsPerHash + ", decodeThreads=" + decodeThreads
        + ", queue=" + queue + "]";
  }
}
