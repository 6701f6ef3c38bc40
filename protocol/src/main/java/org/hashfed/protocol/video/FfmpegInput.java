package org.hashfed.protocol.video;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * An opened video file: its format context and the decoder of its best video stream. Owns both and
 * frees them in {@link #close} (codec first, then the demuxer).
 */
final class FfmpegInput implements AutoCloseable {

  /**
   * Demuxers an upload may use. FFmpeg probes many formats, and some read other files or URLs (HLS,
   * concat) or turn images and text into "video" (png_pipe, tty); only common video containers pass,
   * and gif, since an animated GIF is a video (callers hand it over only when it has several images).
   */
  static final String ALLOWED_DEMUXERS = "mov,matroska,webm,avi,flv,mpegts,mpeg,ogg,asf,gif";

  private AVFormatContext format;
  private AVCodecContext codec;
  private int streamIndex = -1;
  private VideoInfo info;

  private FfmpegInput() {}

  /**
   * Opens {@code file} (through the file protocol only), finds its best video stream and opens its
   * decoder single-threaded; checks the declared duration and frame size against {@code limits}.
   *
   * @throws VideoDecodeException INVALID when it is not a decodable video, LIMIT when over a limit
   */
  static FfmpegInput open(Path file, String name, VideoLimits limits, DecodeBudget budget)
      throws VideoDecodeException {
    FfmpegInput in = new FfmpegInput();
    try {
      in.openFormat(file, name, budget);
      in.openCodec(name, limits);
      return in;
    } catch (VideoDecodeException | RuntimeException | Error e) {
      in.close();
      throw e;
    }
  }

  private void openFormat(Path file, String name, DecodeBudget budget) throws VideoDecodeException {
    AVFormatContext ctx = avformat.avformat_alloc_context();
    if (ctx == null || ctx.isNull()) {
      throw new OutOfMemoryError("avformat_alloc_context failed for " + name);
    }
    budget.install(ctx.interrupt_callback());
    AVDictionary options = new AVDictionary(null);
    int err;
    try {
      avutil.av_dict_set(options, "protocol_whitelist", "file", 0);
      avutil.av_dict_set(options, "format_whitelist", ALLOWED_DEMUXERS, 0);
      // "file:" so that a name such as "concat:a|b" or "http:..." is never read as a protocol.
      err = avformat.avformat_open_input(ctx, "file:" + file.toAbsolutePath(), null, options);
    } finally {
      avutil.av_dict_free(options);
    }
    if (err < 0) {
      // avformat_open_input frees a caller-allocated context when it fails.
      budget.throwIfTripped();
      throw invalid(name, "not a video in a supported container (" + ALLOWED_DEMUXERS + ")", err);
    }
    format = ctx;
    err = avformat.avformat_find_stream_info(format, (AVDictionary) null);
    if (err < 0) {
      budget.throwIfTripped();
      throw invalid(name, "cannot read the stream information", err);
    }
    streamIndex = avformat.av_find_best_stream(format, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
    if (streamIndex < 0) {
      throw invalid(name, "no video stream", streamIndex);
    }
  }

  private void openCodec(String name, VideoLimits limits) throws VideoDecodeException {
    AVStream stream = format.streams(streamIndex);
    AVCodecParameters par = stream.codecpar();
    int width = par.width();
    int height = par.height();
    String codecName = string(avcodec.avcodec_get_name(par.codec_id()));
    if (width <= 0 || height <= 0) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          name + ": video stream " + streamIndex + " (" + codecName + ") has no frame size (" + width + "x" + height + ")");
    }
    checkFramePixels(name, width, height, limits);
    double fps = frameRate(stream);
    if (!(fps > 0) || Double.isInfinite(fps)) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          name + ": video stream " + streamIndex + " has no frame rate (avg_frame_rate and r_frame_rate are "
              + stream.avg_frame_rate().num() + "/" + stream.avg_frame_rate().den() + ")");
    }
    double duration = declaredDuration(stream);
    if (duration > limits.maxDuration().toMillis() / 1000.0) {
      throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
          name + ": duration " + duration + " s exceeds the limit of " + limits.maxDuration().toMillis() / 1000.0
              + " s (VideoLimits max duration)");
    }
    AVCodec decoder = avcodec.avcodec_find_decoder(par.codec_id());
    if (decoder == null || decoder.isNull()) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          name + ": no decoder for codec " + codecName);
    }
    codec = avcodec.avcodec_alloc_context3(decoder);
    if (codec == null || codec.isNull()) {
      codec = null;
      throw new OutOfMemoryError("avcodec_alloc_context3 failed for " + name);
    }
    int err = avcodec.avcodec_parameters_to_context(codec, par);
    if (err < 0) {
      throw invalid(name, "cannot use the parameters of codec " + codecName, err);
    }
    // One thread: files are decoded in parallel on a bounded pool, and output stays deterministic.
    codec.thread_count(1);
    err = avcodec.avcodec_open2(codec, decoder, (AVDictionary) null);
    if (err < 0) {
      throw invalid(name, "cannot open decoder " + codecName, err);
    }
    info = new VideoInfo(string(format.iformat().name()), codecName, width, height, fps, duration, 0);
  }

  /** avg_frame_rate, else r_frame_rate, as the vPDQ reference chooses. */
  private static double frameRate(AVStream stream) {
    AVRational r = stream.avg_frame_rate();
    if (r.num() == 0 || r.den() == 0) {
      r = stream.r_frame_rate();
    }
    return r.den() == 0 ? 0 : avutil.av_q2d(r);
  }

  /** The container's duration, else the stream's, in seconds; 0 when neither is known. */
  private double declaredDuration(AVStream stream) {
    long d = format.duration();
    if (d != avutil.AV_NOPTS_VALUE && d > 0) {
      return d / (double) avutil.AV_TIME_BASE;
    }
    long sd = stream.duration();
    AVRational tb = stream.time_base();
    if (sd != avutil.AV_NOPTS_VALUE && sd > 0 && tb.den() != 0) {
      return sd * avutil.av_q2d(tb);
    }
    return 0;
  }

  /**
   * Throws when {@code width x height} is over the limit or too large for one RGB buffer.
   *
   * @throws VideoDecodeException LIMIT naming the size, the pixels and the limit
   */
  static void checkFramePixels(String name, int width, int height, VideoLimits limits) throws VideoDecodeException {
    long pixels = (long) width * height;
    long max = Math.min(limits.maxFramePixels(), (Integer.MAX_VALUE - 64) / 3);
    if (pixels > max) {
      throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
          name + ": frame size " + width + "x" + height + " = " + pixels + " pixels exceeds the limit of " + max
              + " (VideoLimits max frame pixels)");
    }
  }

  static VideoDecodeException invalid(String name, String problem, int err) {
    return new VideoDecodeException(VideoDecodeException.Reason.INVALID,
        name + ": " + problem + ": " + FfmpegErrors.describe(err));
  }

  private static String string(BytePointer p) {
    return p == null || p.isNull() ? "unknown" : p.getString();
  }

  AVFormatContext format() {
    return format;
  }

  AVCodecContext codec() {
    return codec;
  }

  int streamIndex() {
    return streamIndex;
  }

  /** What was learnt when opening, with 0 frames. */
  VideoInfo info() {
    return info;
  }

  /** The stream's start time in seconds, to measure decoded timestamps from; 0 when unknown. */
  double startSeconds() {
    AVStream stream = format.streams(streamIndex);
    long start = stream.start_time();
    AVRational tb = stream.time_base();
    return start == avutil.AV_NOPTS_VALUE || tb.den() == 0 ? 0 : start * avutil.av_q2d(tb);
  }

  /** Time base of the stream's timestamps, in seconds per tick. */
  double timeBase() {
    AVRational tb = format.streams(streamIndex).time_base();
    return tb.den() == 0 ? 0 : avutil.av_q2d(tb);
  }

  @Override
  public void close() {
    if (codec != null) {
      avcodec.avcodec_free_context(codec);
      codec = null;
    }
    if (format != null) {
      avformat.avformat_close_input(format);
      format = null;
    }
  }
}
