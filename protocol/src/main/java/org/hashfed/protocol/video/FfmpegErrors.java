package org.hashfed.protocol.video;

import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's error codes as text, for messages; its own logging is silenced. */
public final class FfmpegErrors {

  private FfmpegErrors() {}

  /** FFmpeg's description of {@code code} with the code, e.g. {@code "Invalid data found when processing input (-1094995529)"}. */
  public static String describe(int code) {
    byte[] buf = new byte[avutil.AV_ERROR_MAX_STRING_SIZE];
    if (avutil.av_strerror(code, buf, buf.length) < 0) {
      return "error " + code;
    }
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
  }
}
