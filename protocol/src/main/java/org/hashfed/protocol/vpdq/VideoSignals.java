package org.hashfed.protocol.vpdq;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoLimits;

/**
 * Hashes a video file into the frame hashes a {@code vpdq} signal carries: the standard vPDQ frames
 * and, for a video with uniform borders, its content-area hashes (spec/video.md). The one entry
 * point for the CLI and the node, so both produce the same signal for the same file.
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
    return hashWithStream(file, secondsPerHash, limits).hashes();
  }

  /**
   * As {@link #hash} with the stream's frame rate and duration, for showing what was hashed.
   *
   * @throws VideoDecodeException when the file is not a decodable video or exceeds a limit
   */
  public static HashedVideo hashWithStream(Path file, double secondsPerHash, VideoLimits limits)
      throws VideoDecodeException {
    VpdqVideo video = VpdqHasher.hash(file, secondsPerHash, limits);
    if (video.frames().isEmpty()) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID, file.getFileName()
          + ": no frame decoded (expected a video with at least one frame)");
    }
    return HashedVideo.of(VideoHashes.of(thinned(video.frames(), VideoHashes.MAX_FRAMES)), video);
  }

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
}
