package org.hashfed.protocol.video;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The wall-clock deadline and cancellation of one decode, checked between packets and, through
 * FFmpeg's I/O interrupt callback, inside blocking demuxer reads, so a stalled demux stops too.
 */
final class DecodeBudget implements AutoCloseable {

  /** Whether a decode has run out of time or was cancelled; {@code null} while it may go on. */
  private enum Trip { TIME, CANCELLED }

  /**
   * One callback for every decode: JavaCPP can only allocate a handful of native callback thunks, so
   * the callback finds its decode through the {@code opaque} pointer instead of a thunk per decode.
   */
  private static final Map<Long, DecodeBudget> ACTIVE = new ConcurrentHashMap<>();
  private static final AVIOInterruptCB.Callback_Pointer CALLBACK = new InterruptCallback();

  private final String file;
  private final VideoLimits limits;
  private final long deadlineNanos;
  private final Thread owner;
  private final LongPointer token;
  private volatile Trip trip;

  private DecodeBudget(String file, VideoLimits limits) {
    this.file = file;
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.maxDecodeTime().toNanos();
    this.owner = Thread.currentThread();
    this.token = new LongPointer(1);
    ACTIVE.put(token.address(), this);
  }

  /** Starts the clock for a decode on the calling thread. */
  static DecodeBudget start(String file, VideoLimits limits) {
    return new DecodeBudget(file, limits);
  }

  /** Installs the interrupt callback on a format context before it opens its input. */
  void install(AVIOInterruptCB cb) {
    cb.callback(CALLBACK).opaque(token);
  }

  /**
   * Throws when the deadline has passed or the thread was interrupted.
   *
   * @throws VideoDecodeException with reason LIMIT or CANCELLED
   */
  void check() throws VideoDecodeException {
    poll();
    throwIfTripped();
  }

  /**
   * Throws when the interrupt callback stopped FFmpeg; called after an FFmpeg error, which is then
   * a consequence of the stop and not of the file.
   */
  void throwIfTripped() throws VideoDecodeException {
    Trip t = trip;
    if (t == Trip.CANCELLED) {
      throw new VideoDecodeException(VideoDecodeException.Reason.CANCELLED,
          file + ": decoding cancelled (thread interrupted)");
    }
    if (t == Trip.TIME) {
      throw new VideoDecodeException(VideoDecodeException.Reason.LIMIT,
          file + ": decoding took longer than the limit of " + limits.maxDecodeTime().toMillis()
              + " ms (VideoLimits max decode time)");
    }
  }

  private boolean poll() {
    if (trip == null) {
      if (owner.isInterrupted()) {
        trip = Trip.CANCELLED;
      } else if (System.nanoTime() - deadlineNanos > 0) {
        trip = Trip.TIME;
      }
    }
    return trip != null;
  }

  @Override
  public void close() {
    ACTIVE.remove(token.address());
    token.close();
  }

  private static final class InterruptCallback extends AVIOInterruptCB.Callback_Pointer {
    @Override
    public int call(Pointer opaque) {
      DecodeBudget budget = opaque == null ? null : ACTIVE.get(opaque.address());
      // FFmpeg aborts the blocking call when this returns non-zero.
      return budget != null && budget.poll() ? 1 : 0;
    }
  }
}
