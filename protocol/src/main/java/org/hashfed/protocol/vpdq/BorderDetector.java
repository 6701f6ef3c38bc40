package org.hashfed.protocol.vpdq;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.hashfed.protocol.video.FrameSink;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoDecoder;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;

/**
 * Finds uniform borders (letterbox and pillarbox bars, black or any other flat colour) over sampled
 * frames of one video: a row or column is border only when it is flat in every sample and keeps its
 * colour, so content that is briefly dark is not cut. Rows are measured over the full width and
 * columns over the full height, so bars of two different colours on the two axes are not found.
 *
 * <p>Not thread-safe: one detector takes the frames of one video, then gives its {@link #contentArea()}.
 */
public final class BorderDetector {

  /** Frames {@link #detect} samples, spread evenly through the video. */
  public static final int DEFAULT_SAMPLES = 30;
  /** Borders thinner than this share of their dimension are ignored (encoder edge noise, odd sizes). */
  static final double MIN_BORDER = 0.02;
  /** A content area smaller than this share of a dimension is not trusted (a dark, flat video). */
  static final double MIN_CONTENT = 0.4;
  // Compressed flat bars show a channel standard deviation of 1 to 3; textured content far more.
  private static final double MAX_SPREAD = 6;
  private static final double MAX_DRIFT = 10;
  private static final double MAX_COLOUR_DISTANCE = 12;

  private final int width;
  private final int height;
  private final LineStatistics rows;
  private final LineStatistics columns;
  private final long[] rowSum;
  private final long[] rowSquares;
  private final long[] columnSum;
  private final long[] columnSquares;
  private int frames;

  private BorderDetector(int width, int height) {
    this.width = width;
    this.height = height;
    this.rows = new LineStatistics(height);
    this.columns = new LineStatistics(width);
    this.rowSum = new long[height * 3];
    this.rowSquares = new long[height * 3];
    this.columnSum = new long[width * 3];
    this.columnSquares = new long[width * 3];
  }

  /**
   * A detector for frames of {@code width x height}.
   *
   * @throws IllegalArgumentException when a dimension is not positive
   */
  public static BorderDetector forFrameSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size " + width + "x" + height + " (expected: positive)");
    }
    return new BorderDetector(width, height);
  }

  /**
   * Decodes {@code file} with {@code decoder}, converting only {@link #DEFAULT_SAMPLES} frames spread
   * through it, and finds its content area.
   *
   * @throws VideoDecodeException when the video cannot be decoded within {@code limits}
   */
  public static ContentArea detect(VideoDecoder decoder, Path file, VideoLimits limits) throws VideoDecodeException {
    Sampler sampler = new Sampler(DEFAULT_SAMPLES);
    decoder.decode(file, limits, sampler);
    if (sampler.detector == null || sampler.detector.frames == 0) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID, file.getFileName() + ": no frames decoded");
    }
    return sampler.detector.contentArea();
  }

  /**
   * Measures one frame's rows and columns.
   *
   * @throws IllegalArgumentException when the frame is not of this detector's size
   */
  public void add(RgbFrame frame) {
    if (frame.width() != width || frame.height() != height) {
      throw new IllegalArgumentException("frame " + frame.frameNumber() + " is " + frame.width() + "x"
          + frame.height() + " (expected: " + width + "x" + height + ")");
    }
    Arrays.fill(rowSum, 0);
    Arrays.fill(rowSquares, 0);
    Arrays.fill(columnSum, 0);
    Arrays.fill(columnSquares, 0);
    byte[] rgb = frame.pixels();
    for (int y = 0; y < height; y++) {
      int rowBase = y * 3;
      for (int x = 0, i = y * width * 3; x < width; x++) {
        for (int c = 0; c < 3; c++, i++) {
          long v = rgb[i] & 0xff;
          rowSum[rowBase + c] += v;
          rowSquares[rowBase + c] += v * v;
          columnSum[x * 3 + c] += v;
          columnSquares[x * 3 + c] += v * v;
        }
      }
    }
    rows.merge(rowSum, rowSquares, width);
    columns.merge(columnSum, columnSquares, height);
    frames++;
  }

  /** Frames added so far. */
  public int frames() {
    return frames;
  }

  /**
   * The area inside the borders found in every frame added, or the whole frame on an axis where the
   * rest would be under {@link #MIN_CONTENT} of it; borders under {@link #MIN_BORDER} are ignored.
   *
   * @throws IllegalStateException when no frame was added
   */
  public ContentArea contentArea() {
    if (frames == 0) {
      throw new IllegalStateException("no frames added (expected: at least one)");
    }
    int[] vertical = axis(rows, height);
    int[] horizontal = axis(columns, width);
    return ContentArea.of(width, height, horizontal[0], vertical[0], width - horizontal[0] - horizontal[1],
        height - vertical[0] - vertical[1]);
  }

  private static int[] axis(LineStatistics lines, int size) {
    int start = significant(lines.border(true, MAX_SPREAD, MAX_DRIFT, MAX_COLOUR_DISTANCE), size);
    int end = significant(lines.border(false, MAX_SPREAD, MAX_DRIFT, MAX_COLOUR_DISTANCE), size);
    if (size - start - end < MIN_CONTENT * size) {
      return new int[] {0, 0};
    }
    return new int[] {start, end};
  }

  private static int significant(int border, int size) {
    return border < MIN_BORDER * size ? 0 : border;
  }

  /** Wants {@code samples} frames spread evenly over the frame count the stream declares. */
  private static final class Sampler implements FrameSink {
    private final int samples;
    private int step = 1;
    private BorderDetector detector;

    Sampler(int samples) {
      this.samples = samples;
    }

    @Override
    public void start(VideoInfo info) {
      long expected = Math.round(info.durationSeconds() * info.fps());
      step = (int) Math.max(1, expected / samples);
      detector = forFrameSize(info.width(), info.height());
    }

    @Override
    public boolean wants(int frameNumber) {
      return frameNumber % step == 0 && detector.frames < samples;
    }

    @Override
    public void frame(RgbFrame frame) throws VideoDecodeException {
      try {
        detector.add(Objects.requireNonNull(frame, "frame"));
      } catch (IllegalArgumentException e) {
        throw new VideoDecodeException(VideoDecodeException.Reason.INVALID, "frame size changed: " + e.getMessage(), e);
      }
    }
  }
}
