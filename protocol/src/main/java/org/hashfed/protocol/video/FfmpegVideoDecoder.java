package org.hashfed.protocol.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Decodes video in-process with FFmpeg (avformat, avcodec, swscale), numbering frames as the vPDQ
 * reference does: 0-based, in the order the decoder outputs them, timestamp = frame number / fps.
 *
 * <p>Stateless and thread-safe: each decode owns its native structs and frees them before returning.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {

  private FfmpegVideoDecoder() {}

  /** A decoder; FFmpeg's native libraries are loaded by the first decode (see {@link NativeLibraries}). */
  public static FfmpegVideoDecoder create() {
    return new FfmpegVideoDecoder();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reason IO also covers native libraries that cannot be loaded on this machine.
   */
  @Override
  public VideoInfo decode(Path file, VideoLimits limits, FrameSink sink) throws VideoDecodeException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(sink, "sink");
    String name = String.valueOf(file.getFileName());
    checkFileSize(file, name, limits);
    try {
      NativeLibraries.loadFfmpeg();
    } catch (NativeLibraryException e) {
      throw new VideoDecodeException(VideoDecodeException.Reason.IO, name + ": " + e.getMessage(), e);
    }
    try (DecodeBudget budget = DecodeBudget.start(name, limits);
        FfmpegInput input = FfmpegInput.open(file, name, limits, budget);
        Rgb24Converter converter = new Rgb24Converter()) {
      budget.check();
      return new Run(name, limits, sink, budget, input, converter).decodeAll();
    }
  }

  private static void checkFileSize(Path file, String name, VideoLimits limits) throws VideoDecodeException {
    long size;
    try {
      if (!Files.isRegularFile(file)) {
        throw new VideoDecodeException(VideoDecodeException.Reason.IO,
            name + ": not a regular file (" + file + ")");
      }
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new VideoDecodeException(VideoDecodeException.Reason.IO, name + ": no such file (" + file + ")", e);
    } catch (IOException e) {
      throw new VideoDecodeException(VideoDecodeException.Reason.IO, name + ": cannot read the file size: " + e, e);
    }
    if (size > limits.maxFileBytes()) {
      throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
          name + ": file size " + size + " bytes exceeds the limit of " + limits.maxFileBytes()
              + " bytes (VideoLimits max file bytes)");
    }
  }

  /** One decode's loop state: demux, decode, number, check, convert wanted frames. */
  private static final class Run {
    private final String name;
    private final VideoLimits limits;
    private final FrameSink sink;
    private final DecodeBudget budget;
    private final FfmpegInput input;
    private final Rgb24Converter converter;
    private final double maxSeconds;
    private final double startSeconds;
    private final double timeBase;
    private int decoded;

    Run(String name, VideoLimits limits, FrameSink sink, DecodeBudget budget, FfmpegInput input,
        Rgb24Converter converter) {
      this.name = name;
      this.limits = limits;
      this.sink = sink;
      this.budget = budget;
      this.input = input;
      this.converter = converter;
      this.maxSeconds = limits.maxDuration().toMillis() / 1000.0;
      this.startSeconds = input.startSeconds();
      this.timeBase = input.timeBase();
    }

    VideoInfo decodeAll() throws VideoDecodeException {
      sink.start(input.info());
      AVPacket packet = avcodec.av_packet_alloc();
      AVFrame frame = avutil.av_frame_alloc();
      try {
        if (packet == null || packet.isNull() || frame == null || frame.isNull()) {
          throw new OutOfMemoryError("cannot allocate a packet or frame for " + name);
        }
        while (true) {
          budget.check();
          int err = avformat.av_read_frame(input.format(), packet);
          if (err == avutil.AVERROR_EOF) {
            break;
          }
          if (err < 0) {
            budget.throwIfTripped();
            throw FfmpegInput.invalid(name, "cannot read packet after frame " + decoded + " (truncated or corrupt)", err);
          }
          try {
            if (packet.stream_index() == input.streamIndex()) {
              send(packet);
              receive(frame);
            }
          } finally {
            avcodec.av_packet_unref(packet);
          }
        }
        // A null packet drains the frames the decoder still holds (reordering delay).
        send(null);
        receive(frame);
        return input.info().withFrames(decoded);
      } finally {
        avutil.av_frame_free(frame);
        avcodec.av_packet_free(packet);
      }
    }

    private void send(AVPacket packet) throws VideoDecodeException {
      int err = avcodec.avcodec_send_packet(input.codec(), packet);
      if (err < 0 && err != avutil.AVERROR_EOF) {
        throw FfmpegInput.invalid(name, "the decoder refused the packet after frame " + decoded, err);
      }
    }

    private void receive(AVFrame frame) throws VideoDecodeException {
      while (true) {
        int err = avcodec.avcodec_receive_frame(input.codec(), frame);
        if (err == avutil.AVERROR_EAGAIN() || err == avutil.AVERROR_EOF) {
          return;
        }
        if (err < 0) {
          throw FfmpegInput.invalid(name, "cannot decode frame " + decoded, err);
        }
        try {
          accept(frame);
        } finally {
          avutil.av_frame_unref(frame);
        }
      }
    }

    private void accept(AVFrame frame) throws VideoDecodeException {
      int number = decoded;
      if ((long) number + 1 > limits.maxFrames()) {
        throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
            name + ": more than " + limits.maxFrames() + " frames (VideoLimits max frames)");
      }
      decoded++;
      FfmpegInput.checkFramePixels(name, frame.width(), frame.height(), limits);
      double timestamp = number / input.info().fps();
      long pts = frame.best_effort_timestamp();
      double ptsSeconds = pts == avutil.AV_NOPTS_VALUE ? 0 : pts * timeBase - startSeconds;
      double seconds = Math.max(timestamp, ptsSeconds);
      if (seconds > maxSeconds) {
        throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
            name + ": frame " + number + " at " + seconds + " s exceeds the limit of " + maxSeconds
                + " s (VideoLimits max duration)");
      }
      budget.check();
      if (sink.wants(number)) {
        byte[] rgb = converter.convert(name, frame);
        sink.frame(RgbFrame.wrap(number, timestamp, frame.width(), frame.height(), rgb));
      }
    }
  }
}
