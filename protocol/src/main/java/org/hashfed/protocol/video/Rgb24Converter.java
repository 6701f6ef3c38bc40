package org.hashfed.protocol.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;

/**
 * Converts decoded frames to packed RGB24 at their own size with swscale's {@code SWS_AREA}, as the
 * vPDQ reference does: the flag also picks the chroma upsampling filter, so another one would change
 * hashes. Owns the scaler and the RGB frame; one per decode.
 */
final class Rgb24Converter implements AutoCloseable {

  /**
   * {@code SWS_AREA} as in the reference, plus {@code SWS_ACCURATE_RND}: without it this FFmpeg's
   * SIMD YUV-to-RGB path rounds differently from the one the reference hashes were made with (mean
   * 5.4 bits off on the HD vector, p95 16); with it every vector is within about 1 bit on average, and
   * the output no longer depends on which SIMD code the CPU gets.
   */
  static final int FLAGS = swscale.SWS_AREA | swscale.SWS_ACCURATE_RND;

  private SwsContext sws;
  private AVFrame rgbFrame;
  private byte[] pixels = new byte[0];

  /**
   * The frame as RGB24, {@code height} rows of {@code width * 3} bytes; the array is reused by the next call.
   *
   * @throws VideoDecodeException (INVALID) when swscale cannot convert the frame's pixel format
   */
  byte[] convert(String file, AVFrame frame) throws VideoDecodeException {
    int w = frame.width();
    int h = frame.height();
    // The cached context is rebuilt only when the frame's size or pixel format changes.
    sws = swscale.sws_getCachedContext(sws, w, h, frame.format(), w, h, avutil.AV_PIX_FMT_RGB24, FLAGS,
        null, null, (DoublePointer) null);
    if (sws == null || sws.isNull()) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          file + ": cannot convert pixel format " + pixelFormatName(frame.format()) + " at " + w + "x" + h
              + " to RGB");
    }
    ensureRgbFrame(file, w, h);
    int done = swscale.sws_scale(sws, frame.data(), frame.linesize(), 0, h, rgbFrame.data(), rgbFrame.linesize());
    if (done != h) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          file + ": converting a " + w + "x" + h + " frame to RGB gave " + done + " rows: "
              + (done < 0 ? FfmpegErrors.describe(done) : "expected " + h));
    }
    int rowBytes = w * 3;
    int stride = rgbFrame.linesize(0);
    BytePointer data = rgbFrame.data(0);
    // swscale writes rows padded for SIMD; the sink gets them packed.
    for (int y = 0; y < h; y++) {
      data.position((long) y * stride).get(pixels, y * rowBytes, rowBytes);
    }
    data.position(0);
    return pixels;
  }

  private void ensureRgbFrame(String file, int w, int h) throws VideoDecodeException {
    if (rgbFrame != null && rgbFrame.width() == w && rgbFrame.height() == h) {
      return;
    }
    freeRgbFrame();
    rgbFrame = avutil.av_frame_alloc();
    if (rgbFrame == null || rgbFrame.isNull()) {
      rgbFrame = null;
      throw new OutOfMemoryError("av_frame_alloc failed for the RGB frame of " + file);
    }
    rgbFrame.format(avutil.AV_PIX_FMT_RGB24).width(w).height(h);
    int err = avutil.av_frame_get_buffer(rgbFrame, 0);
    if (err < 0) {
      throw new VideoDecodeException(VideoDecodeException.Reason.INVALID,
          file + ": cannot allocate a " + w + "x" + h + " RGB frame: " + FfmpegErrors.describe(err));
    }
    pixels = new byte[Math.multiplyExact(w * 3, h)];
  }

  private static String pixelFormatName(int format) {
    BytePointer name = avutil.av_get_pix_fmt_name(format);
    return name == null || name.isNull() ? "#" + format : name.getString();
  }

  private void freeRgbFrame() {
    if (rgbFrame != null) {
      avutil.av_frame_free(rgbFrame);
      rgbFrame = null;
    }
  }

  @Override
  public void close() {
    freeRgbFrame();
    if (sws != null) {
      swscale.sws_freeContext(sws);
      sws = null;
    }
  }
}
