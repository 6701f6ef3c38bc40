package org.hashfed.protocol.video.edit;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.PointerPointer;

/** Test helper: what FFmpeg sees when it re-opens a written file (codec, size, packets, duration). */
record VideoProbe(String container, String codec, int width, int height, int packets, double durationSeconds) {

  /** Opens {@code file} and counts the packets of its first video stream (one per frame here). */
  static VideoProbe of(Path file) {
    AVFormatContext fmt = new AVFormatContext(null);
    if (avformat_open_input(fmt, file.toString(), null, null) < 0) {
      throw new AssertionError("FFmpeg cannot open " + file);
    }
    AVPacket packet = av_packet_alloc();
    try {
      if (avformat_find_stream_info(fmt, (PointerPointer<?>) null) < 0) {
        throw new AssertionError("FFmpeg cannot read the streams of " + file);
      }
      int index = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      if (index < 0) {
        throw new AssertionError("no video stream in " + file);
      }
      AVCodecParameters par = fmt.streams(index).codecpar();
      int packets = 0;
      while (av_read_frame(fmt, packet) >= 0) {
        if (packet.stream_index() == index) {
          packets++;
        }
        av_packet_unref(packet);
      }
      return new VideoProbe(fmt.iformat().name().getString(), avcodec_get_name(par.codec_id()).getString(),
          par.width(), par.height(), packets, fmt.duration() / (double) AV_TIME_BASE);
    } finally {
      av_packet_free(packet);
      avformat_close_input(fmt);
    }
  }
}
