package org.hashfed.protocol.vpdq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.video.FfmpegVideoDecoder;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoDecoder;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;

/**
 * Hashes a video file into the frame hashes a {@code vpdq} signal carries: the standard vPDQ frames,
 * for a video with uniform borders its content-area hashes, and the centre hashes of every frame
 * (spec/video.md). The one entry point for the CLI and the node, so both produce the same signal for
 * the same file.
 *
 * <p>The first decode hashes whole frames, as every vPDQ implementation does, and their central
 * regions, and measures the borders of up to {@link BorderDetector#DEFAULT_SAMPLES} of the sampled
 * frames spread through the video. Only a video with borders is decoded a second time, to hash the
 * same frames' content area: borders can only be told from dark content once frames from the whole
 * video have been seen. The central regions are of the whole frame, not of the content area: an
 * overlay that reaches into a border (a logo in the corner of a letterboxed frame) hides the border
 * from detection, and the centre must not depend on it.
 */
public final class VideoSignals {

  private VideoSignals() {}

  /**
   * The signal hashes of {@code file}, one frame every {@code secondsPerHash} seconds (0 every
   * frame). A video with more than {@link VideoHashes#MAX_FRAMES} hashed frames keeps every k-th, the
   * frames {@code k * secondsPerHash} apart, so that any length fits one entry.
   *
   * @throws VideoDecodeException when the file is not a decodable video or exceeds a limit
   */
  public static VideoHashes hash(Path file, double secondsPerHash, VideoLimits limits) throws VideoDecodeException {
    return hash(FfmpegVideoDecoder.create(), file, secondsPerHash, limits);
  }

  /**
   * As {@link #hash} with the stream's frame rate and duration, for showing what was hashed.
   *
   * @throws VideoDecodeException when the file is not a decodable video or exceeds a limit
   */
  public static HashedVideo hashWithStream(Path file, double secondsPerHash, VideoLimits limits)
      throws VideoDecodeException {
    return hashWithStream(FfmpegVideoDecoder.create(), file, secondsPerHash, limits);
  }

  /** As {@link #hash(Path, double, VideoLimits)} with the given decoder. */
  public static VideoHashes hash(VideoDecoder decoder, Path file, double secondsPerHash, VideoLimits limits)
      throws VideoDecodeException {
    return hashWithStream(decoder, file, secondsPerHash, limits).hashes();
  }

  /** As {@link #hashWithStream(Path, double, VideoLimits)} with the given decoder. */
  public static HashedVideo hashWithStream(VideoDecoder decoder, Path file, double secondsPerHash,
      VideoLimits limits) throws VideoDecodeException {
    Borders borders = new Borders();
    VpdqHasher.Sampled whole = VpdqHasher.hashWithRegions(decoder, file, secondsPerHash, limits, f -> f, CENTRES,
        borders);
    List<VpdqFrame> frames = whole.video().frames();
    if (frames.isEmpty()) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID, file.getFileName()
          + ": no frame decoded (expected a video with at least one frame)");
    }
    ContentArea area = borders.contentArea();
    Optional<VpdqContent> content = Optional.empty();
    List<List<PdqResult>> centres = whole.regions();
    if (area != null && !area.isWholeFrame()) {
      List<VpdqFrame> inner = VpdqHasher.hash(decoder, file, secondsPerHash, limits, area::crop, null).frames();
      if (inner.size() == frames.size()) {
        List<PdqResult> results = new ArrayList<>(inner.size());
        inner.forEach(f -> results.add(PdqResult.of(f.hash(), f.quality())));
        content = Optional.of(VpdqContent.of(area.x(), area.y(), area.width(), area.height(),
            thinned(results, VideoHashes.MAX_FRAMES)));
      }
    }
    Optional<VpdqCentre> centre = Optional.of(VpdqCentre.of(thinned(centres.get(0), VideoHashes.MAX_FRAMES),
        thinned(centres.get(1), VideoHashes.MAX_FRAMES)));
    return HashedVideo.of(VideoHashes.of(thinned(frames, VideoHashes.MAX_FRAMES), content, centre), whole.video());
  }

  /** The centre regions every signal carries, in the order of {@link VpdqCentre#of}. */
  private static final List<FrameRegion> CENTRES = List.of(VpdqCentre.NARROW, VpdqCentre.WIDE);

  /** Every k-th frame, for the smallest k that leaves at most {@code max}. */
  static <T> List<T> thinned(List<T> frames, int max) {
    if (frames.size() <= max) {
      return frames;
    }
    int k = (frames.size() + max - 1) / max;
    List<T> out = new ArrayList<>(max);
    for (int i = 0; i < frames.size(); i += k) {
      out.add(frames.get(i));
    }
    return out;
  }

  /** Feeds sampled frames spread through the video to a border detector. */
  private static final class Borders implements VpdqHasher.FrameObserver {
    private BorderDetector detector;
    private int every = 1;
    private int seen;
    private boolean sizeChanged;

    @Override
    public void start(VideoInfo info, int frameMod) {
      long sampled = Math.max(1, Math.round(info.durationSeconds() * info.fps() / frameMod));
      every = (int) Math.max(1, sampled / BorderDetector.DEFAULT_SAMPLES);
      detector = BorderDetector.forFrameSize(info.width(), info.height());
    }

    @Override
    public void sampled(RgbFrame frame) {
      if (seen++ % every != 0 || sizeChanged || detector.frames() >= BorderDetector.DEFAULT_SAMPLES) {
        return;
      }
      try {
        detector.add(frame);
      } catch (IllegalArgumentException e) {
        // a stream that changes size has no one content area: hash whole frames only
        sizeChanged = true;
      }
    }

    ContentArea contentArea() {
      return detector == null || sizeChanged || detector.frames() == 0 ? null : detector.contentArea();
    }
  }
}
