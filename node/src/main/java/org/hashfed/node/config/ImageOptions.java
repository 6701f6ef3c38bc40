package org.hashfed.node.config;

import java.time.Duration;
import org.hashfed.protocol.pdq.ImageLimits;

/**
 * How the node decodes uploaded images (spec/config.md, {@code image.*}): the decoding budget of one
 * upload, and the size of the decoding pool and its queue, which keep hostile images away from
 * matching and writes.
 */
public final class ImageOptions {

  private final ImageLimits limits;
  private final int decodeThreads;
  private final int queue;

  private ImageOptions(ImageLimits limits, int decodeThreads, int queue) {
    this.limits = limits;
    this.decodeThreads = decodeThreads;
    this.queue = queue;
  }

  /** 50 megapixels, 100 JPEG scans, ten seconds of decoding, two decoding threads, sixteen waiting. */
  public static ImageOptions defaults() {
    return new ImageOptions(ImageLimits.defaults().withMaxDecodeTime(Duration.ofSeconds(10)), 2, 16);
  }

  /**
   * Validated options.
   *
   * @throws ConfigException naming the first option out of range
   */
  public static ImageOptions of(long maxPixels, int maxJpegScans, Duration decodeTimeout, int decodeThreads,
      int queue) {
    if (maxPixels < 64 * 64 || maxPixels > 1L << 30) {
      throw new ConfigException("invalid image.max_pixels " + maxPixels + ": expected 4096..1073741824");
    }
    if (maxJpegScans < 1 || maxJpegScans > 10_000) {
      throw new ConfigException("invalid image.max_jpeg_scans " + maxJpegScans + ": expected 1..10000");
    }
    if (decodeTimeout.isNegative() || decodeTimeout.isZero() || decodeTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException("invalid image.decode_timeout_ms " + decodeTimeout.toMillis() + ": expected 1..600000");
    }
    if (decodeThreads < 1 || decodeThreads > 64) {
      throw new ConfigException("invalid image.decode_threads " + decodeThreads + ": expected 1..64");
    }
    if (queue < 0 || queue > 1024) {
      throw new ConfigException("invalid image.queue " + queue + ": expected 0..1024");
    }
    return new ImageOptions(ImageLimits.of(maxPixels, maxJpegScans, decodeTimeout), decodeThreads, queue);
  }

  /** The decoding budget of one upload. */
  public ImageLimits limits() {
    return limits;
  }

  /** Threads decoding images at once. */
  public int decodeThreads() {
    return decodeThreads;
  }

  /** Uploads that may wait for a decoding thread; more are answered 503 with Retry-After. */
  public int queue() {
    return queue;
  }

  /** These options with another pixel cap. */
  public ImageOptions withMaxPixels(long v) {
    return of(v, limits.maxJpegScans(), limits.maxDecodeTime(), decodeThreads, queue);
  }

  /** These options with another JPEG scan cap. */
  public ImageOptions withMaxJpegScans(int v) {
    return of(limits.maxPixels(), v, limits.maxDecodeTime(), decodeThreads, queue);
  }

  /** These options with another decoding time cap. */
  public ImageOptions withDecodeTimeout(Duration v) {
    return of(limits.maxPixels(), limits.maxJpegScans(), v, decodeThreads, queue);
  }

  /** These options with another pool size. */
  public ImageOptions withDecodeThreads(int v) {
    return of(limits.maxPixels(), limits.maxJpegScans(), limits.maxDecodeTime(), v, queue);
  }

  /** These options with another queue length. */
  public ImageOptions withQueue(int v) {
    return of(limits.maxPixels(), limits.maxJpegScans(), limits.maxDecodeTime(), decodeThreads, v);
  }

  @Override
  public String toString() {
    return "ImageOptions[" + limits + ", decodeThreads=" + decodeThreads + ", queue=" + queue + "]";
  }
}
