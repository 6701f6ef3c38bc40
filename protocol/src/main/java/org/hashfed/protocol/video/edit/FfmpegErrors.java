package org.hashfed.protocol.video.edit;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

/** FFmpeg error codes as text for messages. */
final class FfmpegErrors {

  private FfmpegErrors() {
  }

  /** FFmpeg's description of a negative return code, with the code. */
  static String describe(int code) {
    byte[] buf = new byte[256];
    if (av_strerror(code, buf, buf.length) < 0) {
      return "FFmpeg error " + code;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8) + ", FFmpeg error " + code;
  }
}
