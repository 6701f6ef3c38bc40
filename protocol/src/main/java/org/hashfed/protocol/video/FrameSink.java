package org.hashfed.protocol.video;

/** Receives decoded frames from a {@link VideoDecoder}; called on the decoding thread. */
public interface FrameSink {

  /** Called once, before any frame, with the stream's properties ({@code frames} is 0 then). */
  void start(VideoInfo info);

  /**
   * Whether frame {@code frameNumber} (0-based, in presentation order) is needed; frames that are not
   * wanted are decoded (the codec needs them) but not converted to RGB.
   */
  boolean wants(int frameNumber);

  /**
   * One wanted frame as RGB24; {@code frame} and its pixels are valid only during the call.
   *
   * @throws VideoDecodeException to stop decoding with that error
   */
  void frame(RgbFrame frame) throws VideoDecodeException;
}
