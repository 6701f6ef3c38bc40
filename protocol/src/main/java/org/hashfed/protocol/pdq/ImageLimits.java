package org.hashfed.protocol.pdq;

import java.time.Duration;
import java.util.Objects;

/**
 * The budget of one image decode: pixels, JPEG scans and wall-clock decoding time. Pixels and scans
 * are read from the file's header and checked before anything is decoded; an image over any limit
 * is refused with an {@link ImageDecodeException} of reason {@code LIMIT} naming the limit and the
 * value.
 *
 * <p>The pixel cap also bounds memory: the decoded image may take at most {@code maxPixels x 4}
 * bytes (8-bit RGBA), so an image of more bytes per pixel (16-bit PNG) is held to proportionally
 * fewer pixels.
 */
public final class ImageLimits {

  /** Bytes per pixel the pixel cap stands for: 8-bit RGBA. */
  public static final int BYTES_PER_PIXEL = 4;
  /** 50 megapixels: a full-resolution photo of today's largest phone sensors. */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  /** Encoders write about 10 scans in a progressive JPEG; a hundred leaves room for odd ones. */
  public static final int DEFAULT_MAX_JPEG_SCANS = 100;
  /** Thirty seconds of decoding. */
  public static final Duration DEFAULT_MAX_DECODE_TIME = Duration.ofSeconds(30);

  private static final ImageLimits DEFAULTS =
      new ImageLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_JPEG_SCANS, DEFAULT_MAX_DECODE_TIME);

  private final long maxPixels;
  private final int maxJpegScans;
  private final Duration maxDecodeTime;

  private ImageLimits(long maxPixels, int maxJpegScans, Duration maxDecodeTime) {
    this.maxPixels = maxPixels;
    this.maxJpegScans = maxJpegScans;
    this.maxDecodeTime = maxDecodeTime;
  }

  /** The documented defaults. */
  public static ImageLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Limits with every value given.
   *
   * @throws IllegalArgumentException when a value is not positive
   */
  public static ImageLimits of(long maxPixels, int maxJpegScans, Duration maxDecodeTime) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("max pixels " + maxPixels + " (expected: more than 0)");
    }
    if (maxJpegScans <= 0) {
      throw new IllegalArgumentException("max JPEG scans " + maxJpegScans + " (expected: more than 0)");
    }
    Objects.requireNonNull(maxDecodeTime, "maxDecodeTime");
    if (maxDecodeTime.isNegative() || maxDecodeTime.isZero()) {
      throw new IllegalArgumentException("max decode time " + maxDecodeTime + " (expected: more than 0)");
    }
    return new ImageLimits(maxPixels, maxJpegScans, maxDecodeTime);
  }

  /** Most pixels (width x height) of an image of up to {@link #BYTES_PER_PIXEL} bytes per pixel. */
  public long maxPixels() {
    return maxPixels;
  }

  /** Most scans (SOS markers) in a JPEG, counted before it is decoded. */
  public int maxJpegScans() {
    return maxJpegScans;
  }

  /** Longest wall-clock time one decode may take. */
  public Duration maxDecodeTime() {
    return maxDecodeTime;
  }

  /** These limits with another pixel cap. */
  public ImageLimits withMaxPixels(long v) {
    return of(v, maxJpegScans, maxDecodeTime);
  }

  /** These limits with another JPEG scan cap. */
  public ImageLimits withMaxJpegScans(int v) {
    return of(maxPixels, v, maxDecodeTime);
  }

  /** These limits with another decoding time cap. */
  public ImageLimits withMaxDecodeTime(Duration v) {
    return of(maxPixels, maxJpegScans, v);
  }

  /**
   * Refuses an image whose header declares more than these limits allow.
   *
   * @throws ImageDecodeException with reason LIMIT, naming the limit and the value
   */
  void check(ImageHeader header) throws ImageDecodeException {
    checkPixels(header.format().name(), header.width(), header.height());
    long bytes = header.pixels() * header.bytesPerPixel();
    if (header.bytesPerPixel() > BYTES_PER_PIXEL && bytes > maxPixels * BYTES_PER_PIXEL) {
      throw new ImageDecodeException(ImageDecodeException.Reason.LIMIT, header.format() + " image of "
          + header.width() + "x" + header.height() + " pixels at " + header.bytesPerPixel() + " bytes per pixel ("
          + bytes + " bytes decoded) exceeds the limit of " + maxPixels * BYTES_PER_PIXEL + " bytes (" + maxPixels
          + " pixels at " + BYTES_PER_PIXEL + " bytes)");
    }
    if (header.format() == ImageFormat.JPEG && header.scans() > maxJpegScans) {
      throw new ImageDecodeException(ImageDecodeException.Reason.LIMIT, "JPEG image with more than "
          + maxJpegScans + " scans exceeds the limit of " + maxJpegScans + " scans");
    }
  }

  /**
   * Refuses a size over the pixel cap; for the size a decoder reports, which must agree with the header.
   *
   * @throws ImageDecodeException with reason LIMIT, naming the limit and the value
   */
  void checkPixels(String format, long width, long height) throws ImageDecodeException {
    long pixels = width * height;
    if (pixels > maxPixels) {
      throw new ImageDecodeException(ImageDecodeException.Reason.LIMIT, format + " image of " + width + "x" + height
          + " pixels (" + pixels + ") exceeds the limit of " + maxPixels + " pixels");
    }
  }

  @Override
  public String toString() {
    return "ImageLimits[pixels " + maxPixels + ", JPEG scans " + maxJpegScans + ", decode time " + maxDecodeTime + "]";
  }
}
