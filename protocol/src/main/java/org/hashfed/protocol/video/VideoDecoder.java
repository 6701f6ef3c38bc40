package org.hashfed.protocol.video;

import java.nio.file.Path;

/**
 * Decodes the first video stream of a file, in presentation order, within the given limits.
 *
 * <p>Implementations free every native resource before returning or throwing, on every path.
 */
public interface VideoDecoder {

  /**
   * Decodes {@code file}, calling {@code sink.start} once and then {@code sink.frame} for every frame
   * the sink {@linkplain FrameSink#wants wants}.
   *
   * @return what was learnt of the stream, with the number of frames decoded
   * @throws VideoDecodeException when the file is not a decodable video, is truncated or corrupt, or
   *     exceeds one of the limits (the message names the limit and the value)
   */
  VideoInfo decode(Path file, VideoLimits limits, FrameSink sink) throws VideoDecodeException;
}
