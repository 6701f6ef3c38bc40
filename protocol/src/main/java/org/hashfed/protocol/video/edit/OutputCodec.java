package org.hashfed.protocol.video.edit;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.util.Map;

/**
 * A video encoder of the bundled (LGPL) FFmpeg build, with settings chosen to be fast and, as far as
 * the encoder allows, deterministic: one thread, realtime presets, no B-frames.
 */
public enum OutputCodec {
  /** H.264 by OpenH264 (the build has no x264). */
  H264("libopenh264", AV_PIX_FMT_YUV420P, 1_000_000, Map.of()),
  /** VP8 by libvpx. */
  VP8("libvpx", AV_PIX_FMT_YUV420P, 1_000_000, Map.of("deadline", "realtime", "cpu-used", "16", "auto-alt-ref", "0")),
  /** VP9 by libvpx. */
  VP9("libvpx-vp9", AV_PIX_FMT_YUV420P, 1_000_000,
      Map.of("deadline", "realtime", "cpu-used", "8", "row-mt", "0", "auto-alt-ref", "0")),
  /** AV1 by libaom, its realtime mode at its fastest speeds. */
  AV1("libaom-av1", AV_PIX_FMT_YUV420P, 1_000_000, Map.of("usage", "realtime", "cpu-used", "8", "row-mt", "0")),
  /** Animated GIF with the fixed 3-3-2 palette (swscale dithers to it). */
  GIF("gif", AV_PIX_FMT_RGB8, 0, Map.of());

  private final String encoder;
  private final int pixelFormat;
  private final long defaultBitRate;
  private final Map<String, String> options;

  OutputCodec(String encoder, int pixelFormat, long defaultBitRate, Map<String, String> options) {
    this.encoder = encoder;
    this.pixelFormat = pixelFormat;
    this.defaultBitRate = defaultBitRate;
    this.options = options;
  }

  /** FFmpeg's name of the encoder, e.g. {@code libopenh264}. */
  public String encoderName() {
    return encoder;
  }

  int pixelFormat() {
    return pixelFormat;
  }

  /** Whether frames need even dimensions (4:2:0 chroma). */
  boolean needsEvenSize() {
    return pixelFormat == AV_PIX_FMT_YUV420P;
  }

  long defaultBitRate() {
    return defaultBitRate;
  }

  Map<String, String> options() {
    return options;
  }
}
