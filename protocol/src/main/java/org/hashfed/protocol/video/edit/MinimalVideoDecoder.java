package org.hashfed.protocol.video.edit;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.hashfed.protocol.video.FrameSink;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoDecodeException.Reason;
import org.hashfed.protocol.video.VideoDecoder;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;

/**
 * A small decode loop for trusted sources (our own test and benchmark videos) until the hardened
 * {@code FfmpegVideoDecoder} is available: it checks only the frame size and frame count limits.
 * {@link VideoVariants} takes any {@link VideoDecoder}, so this class can go once that one lands.
 */
final class MinimalVideoDecoder implements VideoDecoder {

  private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux; the presets export no constant

  @Override
  public VideoInfo decode(Path file, VideoLimits limits, FrameSink sink) throws VideoDecodeException {
    AVFormatContext fmt = new AVFormatContext(null);
    check(avformat_open_input(fmt, file.toString(), null, null), file, "cannot open");
    AVCodecContext ctx = null;
    AVPacket packet = null;
    AVFrame frame = null;
    SwsContext sws = null;
    try {
      check(avformat_find_stream_info(fmt, (PointerPointer<?>) null), file, "cannot read stream info");
      int index = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
      check(index, file, "has no video stream");
      AVStream stream = fmt.streams(index);
      AVCodec codec = avcodec_find_decoder(stream.codecpar().codec_id());
      if (codec == null) {
        throw new VideoDecodeException(Reason.INVALID, file + ": no decoder for its video codec");
      }
      ctx = avcodec_alloc_context3(codec);
      check(avcodec_parameters_to_context(ctx, stream.codecpar()), file, "bad codec parameters");
      ctx.thread_count(1);
      check(avcodec_open2(ctx, codec, (AVDictionary) null), file, "cannot open decoder");
      if ((long) ctx.width() * ctx.height() > limits.maxFramePixels()) {
        throw new VideoDecodeException(Reason.LIMIT, file + ": frame " + ctx.width() + "x" + ctx.height()
            + " is over the limit of " + limits.maxFramePixels() + " pixels");
      }
      AVRational rate = stream.avg_frame_rate().num() > 0 ? stream.avg_frame_rate() : stream.r_frame_rate();
      double fps = rate.num() > 0 && rate.den() > 0 ? av_q2d(rate) : 25;
      double duration = fmt.duration() > 0 ? fmt.duration() / (double) AV_TIME_BASE : 0;
      VideoInfo info = new VideoInfo(fmt.iformat().name().getString(), avcodec_get_name(codec.id()).getString(),
          ctx.width(), ctx.height(), fps, duration, 0);
      sink.start(info);
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      int[] count = {0};
      byte[] rgb = new byte[ctx.width() * ctx.height() * 3];
      // swscale reads four plane pointers and strides, and may write a little past the last row.
      try (BytePointer dst = new BytePointer(rgb.length + 64L);
          PointerPointer<BytePointer> dstPlanes = new PointerPointer<BytePointer>(4).put(0, dst);
          IntPointer dstStride = new IntPointer(ctx.width() * 3, 0, 0, 0)) {
        boolean eof = false;
        while (!eof) {
          int r = av_read_frame(fmt, packet);
          eof = r < 0;
          if (!eof && packet.stream_index() != index) {
            av_packet_unref(packet);
            continue;
          }
          int sent = avcodec_send_packet(ctx, eof ? null : packet);
          av_packet_unref(packet);
          if (sent < 0 && sent != AVERROR_EOF()) {
            check(sent, file, "corrupt video data");
          }
          while (true) {
            int got = avcodec_receive_frame(ctx, frame);
            if (got == EAGAIN || got == AVERROR_EOF()) {
              break;
            }
            check(got, file, "corrupt video data");
            int n = count[0]++;
            if (count[0] > limits.maxFrames()) {
              throw new VideoDecodeException(Reason.LIMIT, file + ": more than " + limits.maxFrames() + " frames");
            }
            if (sink.wants(n)) {
              if (frame.width() != ctx.width() || frame.height() != ctx.height()) {
                throw new VideoDecodeException(Reason.INVALID, file + ": frame " + n + " is " + frame.width() + "x"
                    + frame.height() + ", not " + ctx.width() + "x" + ctx.height());
              }
              sws = sws_getCachedContext(sws, frame.width(), frame.height(), frame.format(), frame.width(),
                  frame.height(), AV_PIX_FMT_RGB24, SWS_AREA, null, null, (double[]) null);
              sws_scale(sws, frame.data(), frame.linesize(), 0, frame.height(), dstPlanes, dstStride);
              dst.position(0).get(rgb);
              sink.frame(RgbFrame.wrap(n, n / fps, ctx.width(), ctx.height(), rgb));
            }
            av_frame_unref(frame);
          }
        }
      }
      return info.withFrames(count[0]);
    } finally {
      // The *_free functions take a pointer to the handle: never hand them a null one.
      if (sws != null) {
        sws_freeContext(sws);
      }
      if (frame != null) {
        av_frame_free(frame);
      }
      if (packet != null) {
        av_packet_free(packet);
      }
      if (ctx != null) {
        avcodec_free_context(ctx);
      }
      avformat_close_input(fmt);
    }
  }

  private static void check(int ret, Path file, String what) throws VideoDecodeException {
    if (ret < 0) {
      throw new VideoDecodeException(Reason.INVALID, file + ": " + what + " (" + FfmpegErrors.describe(ret) + ")");
    }
  }
}
