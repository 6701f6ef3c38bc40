package org.hashfed.protocol.video.edit;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.hashfed.protocol.video.FfmpegErrors;
import org.hashfed.protocol.video.NativeLibraries;
import org.hashfed.protocol.video.NativeLibraryException;

/**
 * Encodes packed RGB24 frames of one size into one file: swscale to the encoder's pixel format, the
 * encoder, the muxer. It owns every native handle and frees them all in {@link #close()}, which is
 * safe after any failure; a file not {@linkplain #finish() finished} is incomplete.
 */
final class VideoFileWriter implements AutoCloseable {

  private static final int EAGAIN = -11; // AVERROR(EAGAIN) on Linux; the presets export no constant

  private final Path file;
  private final int width;
  private final int height;
  private AVFormatContext oc;
  private AVCodecContext ctx;
  private AVStream stream;
  private AVFrame frame;
  private AVPacket packet;
  private SwsContext sws;
  private BytePointer src;
  private PointerPointer<BytePointer> srcPlanes;
  private IntPointer srcStride;
  private boolean fileOpen;
  private long nextPts;

  private VideoFileWriter(Path file, int width, int height) {
    this.file = file;
    this.width = width;
    this.height = height;
  }

  /** Creates {@code file} (replacing it) and writes its header. */
  static VideoFileWriter open(Path file, OutputContainer container, OutputCodec codec, int width, int height,
      double fps, long bitRate) throws VideoEncodeException {
    VideoFileWriter w = new VideoFileWriter(file, width, height);
    try {
      w.start(container, codec, fps, bitRate);
      return w;
    } catch (VideoEncodeException | RuntimeException e) {
      w.close();
      throw e;
    }
  }

  private void start(OutputContainer container, OutputCodec codec, double fps, long bitRate)
      throws VideoEncodeException {
    try {
      NativeLibraries.loadFfmpeg();
    } catch (NativeLibraryException e) {
      throw new VideoEncodeException(file + ": " + e.getMessage(), e);
    }
    AVCodec encoder = avcodec_find_encoder_by_name(codec.encoderName());
    if (encoder == null) {
      throw new VideoEncodeException(file + ": encoder " + codec.encoderName() + " is not in this FFmpeg build");
    }
    AVFormatContext newOc = new AVFormatContext(null);
    check(avformat_alloc_output_context2(newOc, null, container.muxer(), file.toString()), "cannot set up the "
        + container.muxer() + " muxer");
    oc = newOc;
    // Bit-exact muxing leaves out random IDs and version strings, so a variant is the same bytes
    // on every run (tests compare files; benchmarks can cache them by hash).
    oc.flags(oc.flags() | AVFormatContext.AVFMT_FLAG_BITEXACT);
    ctx = avcodec_alloc_context3(encoder);
    AVRational rate = av_d2q(fps, 100_000);
    ctx.width(width).height(height).pix_fmt(codec.pixelFormat()).time_base(av_inv_q(rate)).framerate(rate);
    ctx.gop_size((int) Math.max(1, Math.round(fps * 2))).max_b_frames(0).thread_count(1);
    long rateBits = bitRate > 0 ? bitRate : codec.defaultBitRate();
    if (rateBits > 0) {
      ctx.bit_rate(rateBits);
    }
    ctx.flags(ctx.flags() | AV_CODEC_FLAG_BITEXACT);
    if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    AVDictionary options = new AVDictionary(null);
    try {
      for (Map.Entry<String, String> o : codec.options().entrySet()) {
        av_dict_set(options, o.getKey(), o.getValue(), 0);
      }
      check(avcodec_open2(ctx, encoder, options), "cannot open encoder " + codec.encoderName() + " for "
          + width + "x" + height + " at " + fps + " fps");
    } finally {
      av_dict_free(options);
    }
    stream = avformat_new_stream(oc, null);
    if (stream == null) {
      throw new VideoEncodeException(file + ": cannot add a stream to the " + container.muxer() + " muxer");
    }
    check(avcodec_parameters_from_context(stream.codecpar(), ctx), "cannot copy encoder parameters");
    stream.time_base(ctx.time_base());
    stream.avg_frame_rate(rate);
    if ((oc.oformat().flags() & AVFMT_NOFILE) == 0) {
      AVIOContext pb = new AVIOContext(null);
      check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "cannot create the file");
      oc.pb(pb);
      fileOpen = true;
    }
    check(avformat_write_header(oc, (AVDictionary) null), "cannot write the " + container.muxer() + " header");
    frame = av_frame_alloc();
    frame.format(codec.pixelFormat()).width(width).height(height);
    check(av_frame_get_buffer(frame, 0), "cannot allocate a frame");
    packet = av_packet_alloc();
    sws = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, codec.pixelFormat(),
        SWS_BILINEAR | SWS_ACCURATE_RND, null, null, (double[]) null);
    if (sws == null) {
      throw new VideoEncodeException(file + ": swscale cannot convert RGB24 to the encoder's pixel format");
    }
    // swscale reads four plane pointers and strides, and may read a little past the last row.
    src = new BytePointer((long) width * height * 3 + 64);
    srcPlanes = new PointerPointer<BytePointer>(4).put(0, src);
    srcStride = new IntPointer(width * 3, 0, 0, 0);
  }

  /** Encodes one frame of packed RGB24, {@code width x height x 3} bytes. */
  void write(byte[] rgb) throws VideoEncodeException {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException("frame of " + rgb.length + " bytes (expected: " + width * height * 3 + ")");
    }
    check(av_frame_make_writable(frame), "cannot reuse the frame");
    src.position(0).put(rgb, 0, rgb.length).position(0);
    sws_scale(sws, srcPlanes, srcStride, 0, height, frame.data(), frame.linesize());
    frame.pts(nextPts++);
    check(avcodec_send_frame(ctx, frame), "encoder refused frame " + (nextPts - 1));
    drain();
  }

  /** Flushes the encoder and writes the trailer; the file is complete when this returns. */
  void finish() throws VideoEncodeException {
    check(avcodec_send_frame(ctx, null), "cannot flush the encoder");
    drain();
    check(av_write_trailer(oc), "cannot write the trailer");
  }

  /** Frames written so far. */
  long frames() {
    return nextPts;
  }

  private void drain() throws VideoEncodeException {
    while (true) {
      int r = avcodec_receive_packet(ctx, packet);
      if (r == EAGAIN || r == AVERROR_EOF()) {
        return;
      }
      check(r, "encoding failed");
      av_packet_rescale_ts(packet, ctx.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      // Takes the packet's reference and leaves it blank, so no unref is needed here.
      check(av_interleaved_write_frame(oc, packet), "cannot write a packet");
    }
  }

  private void check(int ret, String what) throws VideoEncodeException {
    if (ret < 0) {
      throw new VideoEncodeException(file + ": " + what + " (" + FfmpegErrors.describe(ret) + ")");
    }
  }

  @Override
  public void close() {
    // Reverse order of creation; the *_free functions take a pointer to the handle, never a null one.
    if (srcStride != null) {
      srcStride.close();
    }
    if (srcPlanes != null) {
      srcPlanes.close();
    }
    if (src != null) {
      src.close();
    }
    if (sws != null) {
      sws_freeContext(sws);
    }
    if (packet != null) {
      av_packet_free(packet);
    }
    if (frame != null) {
      av_frame_free(frame);
    }
    if (ctx != null) {
      avcodec_free_context(ctx);
    }
    if (oc != null) {
      if (fileOpen) {
        avio_closep(oc.pb());
      }
      avformat_free_context(oc);
    }
    srcStride = null;
    srcPlanes = null;
    src = null;
    sws = null;
    packet = null;
    frame = null;
    ctx = null;
    oc = null;
  }
}
