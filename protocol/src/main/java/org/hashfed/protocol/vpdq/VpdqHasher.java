package org.hashfed.protocol.vpdq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.video.FfmpegVideoDecoder;
import org.hashfed.protocol.video.FrameSink;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoDecoder;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;

/**
 * vPDQ as the reference computes it: sample one frame every {@code secondsPerHash} seconds, by frame
 * number, and PDQ-hash its RGB at full resolution. No pruning or de-duplication.
 */
public final class VpdqHasher {

  /** The interval python-threatexchange and the reference libraries use by default. */
  public static final double DEFAULT_SECONDS_PER_HASH = 1.0;

  private VpdqHasher() {}

  /**
   * Hashes {@code file} with FFmpeg within {@code limits}; {@code secondsPerHash} 0 hashes every frame.
   *
   * @throws VideoDecodeException when the file is not a decodable video or exceeds a limit
   */
  public static VpdqVideo hash(Path file, double secondsPerHash, VideoLimits limits) throws VideoDecodeException {
    return hash(FfmpegVideoDecoder.create(), file, secondsPerHash, limits);
  }

  /** As {@link #hash(Path, double, VideoLimits)} with the given decoder. */
  public static VpdqVideo hash(VideoDecoder decoder, Path file, double secondsPerHash, VideoLimits limits)
      throws VideoDecodeException {
    return hash(decoder, file, secondsPerHash, limits, UnaryOperator.identity(), null);
  }

  /**
   * As {@link #hash(Path, double, VideoLimits)}, hashing only {@code region} of each sampled frame
   * (the same frames, numbers and timestamps), so that edits outside it leave its hashes alone.
   *
   * @throws VideoDecodeException when the file is not a decodable video or exceeds a limit
   */
  public static VpdqVideo hashRegion(Path file, double secondsPerHash, VideoLimits limits, FrameRegion region)
      throws VideoDecodeException {
    return hashRegion(FfmpegVideoDecoder.create(), file, secondsPerHash, limits, region);
  }

  /** As {@link #hashRegion(Path, double, VideoLimits, FrameRegion)} with the given decoder. */
  public static VpdqVideo hashRegion(VideoDecoder decoder, Path file, double secondsPerHash, VideoLimits limits,
      FrameRegion region) throws VideoDecodeException {
    Objects.requireNonNull(region, "region");
    // per frame, not once: a stream whose frame size changes still gets the region of each frame
    return hash(decoder, file, secondsPerHash, limits, f -> region.areaOf(f.width(), f.height()).crop(f), null);
  }

  /** Sees every sampled frame as decoded, before it is hashed (e.g. to find its borders). */
  interface FrameObserver {
    /** Called once before the first frame, with the stream and the frames between hashes. */
    void start(VideoInfo info, int frameMod);

    /** One sampled frame, valid only during the call. */
    void sampled(RgbFrame frame) throws VideoDecodeException;
  }

  /**
   * As {@link #hash(VideoDecoder, Path, double, VideoLimits)}, hashing {@code view} of each sampled
   * frame (a crop, for content-area hashes) and showing each sampled frame to {@code observer} first.
   */
  static VpdqVideo hash(VideoDecoder decoder, Path file, double secondsPerHash, VideoLimits limits,
      UnaryOperator<RgbFrame> view, FrameObserver observer) throws VideoDecodeException {
    return hashWithRegions(decoder, file, secondsPerHash, limits, view, List.of(), observer).video();
  }

  /** The frames of a view and, per region, the same frames' hashes of that region of the view. */
  record Sampled(VpdqVideo video, List<List<PdqResult>> regions) {}

  /**
   * As {@link #hash(VideoDecoder, Path, double, VideoLimits, UnaryOperator, FrameObserver)}, also
   * hashing each of {@code regions} of the view of every sampled frame, from the same decode.
   */
  static Sampled hashWithRegions(VideoDecoder decoder, Path file, double secondsPerHash, VideoLimits limits,
      UnaryOperator<RgbFrame> view, List<FrameRegion> regions, FrameObserver observer) throws VideoDecodeException {
    Objects.requireNonNull(decoder, "decoder");
    checkSecondsPerHash(secondsPerHash);
    Sampler sampler = new Sampler(secondsPerHash, view, regions, observer);
    VideoInfo info = decoder.decode(file, limits, sampler);
    return new Sampled(VpdqVideo.of(info.fps(), secondsPerHash, info.width(), info.height(), info.durationSeconds(),
        info.codec(), sampler.frames), sampler.regionResults.stream().map(List::copyOf).toList());
  }

  /**
   * Frames between hashes, as the reference computes it: {@code (int) (secondsPerHash * fps)}, at least 1.
   */
  public static int frameMod(double secondsPerHash, double fps) {
    int mod = (int) (secondsPerHash * fps);
    // The reference avoids a modulus of 0 for intervals shorter than a frame (and 0 = every frame).
    return mod <= 0 ? 1 : mod;
  }

  static void checkSecondsPerHash(double secondsPerHash) {
    if (!(secondsPerHash >= 0) || Double.isInfinite(secondsPerHash)) {
      throw new IllegalArgumentException(
          "seconds per hash " + secondsPerHash + " (expected: a finite number >= 0, 0 for every frame)");
    }
  }

  /** Picks frames by number and hashes them on the decoding thread, with its own PdqHasher. */
  private static final class Sampler implements FrameSink {
    private final double secondsPerHash;
    private final UnaryOperator<RgbFrame> view;
    private final List<FrameRegion> regions;
    private final FrameObserver observer;
    private final PdqHasher pdq = new PdqHasher();
    private final List<VpdqFrame> frames = new ArrayList<>();
    private final List<List<PdqResult>> regionResults = new ArrayList<>();
    private double fps;
    private int frameMod = 1;

    Sampler(double secondsPerHash, UnaryOperator<RgbFrame> view, List<FrameRegion> regions, FrameObserver observer) {
      this.secondsPerHash = secondsPerHash;
      this.view = view;
      this.regions = List.copyOf(regions);
      this.observer = observer;
      regions.forEach(r -> regionResults.add(new ArrayList<>()));
    }

    @Override
    public void start(VideoInfo info) {
      fps = info.fps();
      frameMod = frameMod(secondsPerHash, fps);
      if (observer != null) {
        observer.start(info, frameMod);
      }
    }

    @Override
    public boolean wants(int frameNumber) {
      // The reference's frame_num counts from 1 and it hashes (frame_num - 1) % mod == 0: this numbering.
      return frameNumber % frameMod == 0;
    }

    @Override
    public void frame(RgbFrame decoded) throws VideoDecodeException {
      if (observer != null) {
        observer.sampled(decoded);
      }
      RgbFrame frame;
      try {
        frame = view.apply(decoded);
        for (int i = 0; i < regions.size(); i++) {
          RgbFrame part = regions.get(i).areaOf(frame.width(), frame.height()).crop(frame);
          regionResults.get(i).add(pdq.hashRgb24(part.pixels(), part.width(), part.height()));
        }
      } catch (IllegalArgumentException e) {
        throw new VideoDecodeException(VideoDecodeException.Reason.INVALID, "frame " + decoded.frameNumber()
            + ": " + e.getMessage(), e);
      }
      PdqResult r = pdq.hashRgb24(frame.pixels(), frame.width(), frame.height());
      long millis = Math.round(frame.frameNumber() * 1000.0 / fps);
      frames.add(VpdqFrame.of(frame.frameNumber(), millis, r.hash(), r.quality()));
    }
  }
}
