package org.hashfed.protocol.video.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.video.FfmpegVideoDecoder;
import org.hashfed.protocol.video.FrameSink;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoDecoder;
import org.hashfed.protocol.video.VideoInfo;
import org.hashfed.protocol.video.VideoLimits;

/**
 * Writes edited copies of a video, the way re-uploads of the same footage look: the source is
 * decoded to RGB, each frame goes through the {@link VideoEdit}s in order and is encoded into the
 * container the output file's extension names ({@link OutputContainer}).
 *
 * <p>Immutable and thread-safe: each {@code write} owns its decoder run and encoder.
 */
public final class VideoVariants {

  // Output times within this of a source frame's time take that frame, not the one before.
  private static final double TIME_EPSILON = 1e-6;

  private final VideoDecoder decoder;
  private final VideoLimits limits;

  private VideoVariants(VideoDecoder decoder, VideoLimits limits) {
    this.decoder = decoder;
    this.limits = limits;
  }

  /** A generator reading sources with {@link FfmpegVideoDecoder} within the default limits. */
  public static VideoVariants create() {
    return new VideoVariants(FfmpegVideoDecoder.create(), VideoLimits.defaults());
  }

  /** A generator reading sources with {@code decoder} within {@code limits}. */
  public static VideoVariants using(VideoDecoder decoder, VideoLimits limits) {
    return new VideoVariants(Objects.requireNonNull(decoder, "decoder"), Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Writes {@code target} from {@code source} with {@code edits} in order, in the target extension's
   * default codec; any existing target is replaced.
   *
   * @return what was written, with the frames written
   * @throws VideoEncodeException naming the file and the problem (an incomplete target is deleted)
   */
  public VideoInfo write(Path source, Path target, List<VideoEdit> edits) throws VideoEncodeException {
    return write(source, target, container(target).defaultCodec(), edits);
  }

  /**
   * As {@link #write(Path, Path, List)} in {@code codec}, which the target's container must hold.
   *
   * @throws VideoEncodeException naming the file and the problem (an incomplete target is deleted)
   */
  public VideoInfo write(Path source, Path target, OutputCodec codec, List<VideoEdit> edits)
      throws VideoEncodeException {
    OutputContainer container = container(target);
    if (!container.holds(codec)) {
      throw new VideoEncodeException(target + ": a ." + container.name().toLowerCase(java.util.Locale.ROOT)
          + " file cannot hold " + codec + " (expected: " + container.defaultCodec() + " or another codec it holds)");
    }
    Retimer sink = new Retimer(target, container, codec, List.copyOf(edits));
    boolean done = false;
    try {
      decoder.decode(source, limits, sink);
      VideoInfo written = sink.finish();
      done = true;
      return written;
    } catch (VideoDecodeException e) {
      throw new VideoEncodeException(target + ": cannot read source " + source + ": " + e.getMessage(), e);
    } catch (Failure f) {
      throw f.error;
    } finally {
      sink.close();
      if (!done) {
        deleteQuietly(target);
      }
    }
  }

  private static OutputContainer container(Path target) throws VideoEncodeException {
    try {
      return OutputContainer.forFile(target);
    } catch (IllegalArgumentException e) {
      throw new VideoEncodeException(e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | SecurityException e) {
      // The write already failed with its own error; a leftover partial file is the lesser problem.
    }
  }

  /** Carries a checked error out of the {@link FrameSink} callbacks, which cannot declare it. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient VideoEncodeException error;

    Failure(VideoEncodeException error) {
      super(error.getMessage(), error, false, false);
      this.error = error;
    }
  }

  /**
   * Picks, for each output frame time, the source frame showing then (dropping or repeating frames
   * for a new frame rate and a trimmed window), edits it once, and hands it to the writer.
   */
  private static final class Retimer implements FrameSink {
    private final Path target;
    private final OutputContainer container;
    private final OutputCodec codec;
    private final List<VideoEdit> edits;
    private EditPlan plan;
    private double sourceFps;
    private VideoFileWriter writer;
    private Picture held;
    private double heldSeconds;
    private byte[] heldEdited;
    private long nextOut;

    Retimer(Path target, OutputContainer container, OutputCodec codec, List<VideoEdit> edits) {
      this.target = target;
      this.container = container;
      this.codec = codec;
      this.edits = edits;
    }

    @Override
    public void start(VideoInfo info) {
      sourceFps = info.fps();
      double end = info.durationSeconds() > 0 ? info.durationSeconds() : Double.POSITIVE_INFINITY;
      EditPlan p = new EditPlan(info.width(), info.height(), info.fps(), 0, end, 0);
      try {
        for (VideoEdit e : edits) {
          p = e.plan(p);
        }
      } catch (IllegalArgumentException e) {
        throw new Failure(new VideoEncodeException(target + ": " + e.getMessage(), e));
      }
      int w = codec.needsEvenSize() ? p.width() & ~1 : p.width();
      int h = codec.needsEvenSize() ? p.height() & ~1 : p.height();
      plan = p.withSize(w, h);
      try {
        writer = VideoFileWriter.open(target, container, codec, w, h, p.fps(), p.bitRate());
      } catch (VideoEncodeException e) {
        throw new Failure(e);
      }
    }

    @Override
    public boolean wants(int frameNumber) {
      return frameNumber / sourceFps < plan.endSeconds();
    }

    @Override
    public void frame(RgbFrame frame) {
      double seconds = frame.timestampSeconds();
      if (held != null) {
        emitUntil(seconds);
      }
      held = Picture.copyOf(frame);
      heldSeconds = seconds;
      heldEdited = null;
    }

    VideoInfo finish() throws VideoEncodeException {
      if (held != null) {
        emitUntil(heldSeconds + 1 / sourceFps);
      }
      if (writer.frames() == 0) {
        throw new VideoEncodeException(target + ": no source frame falls in the kept window "
            + plan.startSeconds() + " s to " + plan.endSeconds() + " s");
      }
      writer.finish();
      return new VideoInfo(container.muxer(), codec.encoderName(), plan.width(), plan.height(), plan.fps(),
          writer.frames() / plan.fps(), (int) writer.frames());
    }

    private void emitUntil(double seconds) {
      double limit = Math.min(seconds - TIME_EPSILON, plan.endSeconds() - TIME_EPSILON);
      try {
        while (plan.startSeconds() + nextOut / plan.fps() < limit) {
          if (heldEdited == null) {
            heldEdited = edited(held, nextOut / plan.fps());
          }
          writer.write(heldEdited);
          nextOut++;
        }
      } catch (VideoEncodeException e) {
        throw new Failure(e);
      }
    }

    private byte[] edited(Picture source, double outputSeconds) {
      Picture p = source;
      for (VideoEdit e : edits) {
        p = e.apply(p, outputSeconds);
      }
      if (p.width() != plan.width() || p.height() != plan.height()) {
        p = p.crop(0, 0, plan.width(), plan.height());
      }
      return p.rgb();
    }

    void close() {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
