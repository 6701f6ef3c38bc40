package org.hashfed.protocol.pdq;

import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The wall-clock deadline and cancellation of one image decode, as the video decoder's
 * {@code DecodeBudget}. Decoders are stopped in two places, both on the decoding thread: through
 * {@link ImageReader#abort()} from their progress reports (the JDK's JPEG, PNG, GIF and BMP readers
 * report every row and stop at the next; the JPEG reader refuses an abort from another thread), and
 * by failing the next read of their input (the WebP reader reports no progress and checks for an
 * abort only when done).
 */
final class ImageDecodeBudget implements IIOReadProgressListener {

  private enum Trip { TIME, CANCELLED }

  private final ImageLimits limits;
  private final long deadlineNanos;
  private final Thread owner;
  private Trip trip;

  private ImageDecodeBudget(ImageLimits limits) {
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.maxDecodeTime().toNanos();
    this.owner = Thread.currentThread();
  }

  /** Starts the clock for a decode on the calling thread. */
  static ImageDecodeBudget start(ImageLimits limits) {
    return new ImageDecodeBudget(limits);
  }

  /** {@code in}, failing its reads once the deadline has passed or the thread was interrupted. */
  ImageInputStream guard(ImageInputStream in) {
    return new GuardedInput(in, this);
  }

  /**
   * Throws when the deadline has passed or the thread was interrupted; called after the decoder
   * returned or failed, whose result is then a consequence of the stop and not of the file.
   *
   * @throws ImageDecodeException with reason LIMIT or CANCELLED
   */
  void check() throws ImageDecodeException {
    if (!poll()) {
      return;
    }
    if (trip == Trip.CANCELLED) {
      throw new ImageDecodeException(ImageDecodeException.Reason.CANCELLED, "decoding cancelled (thread interrupted)");
    }
    throw new ImageDecodeException(ImageDecodeException.Reason.LIMIT, "decoding took longer than the limit of "
        + limits.maxDecodeTime().toMillis() + " ms");
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
  public void imageProgress(ImageReader source, float percentageDone) {
    if (poll()) {
      source.abort();
    }
  }

  @Override
  public void sequenceStarted(ImageReader source, int minIndex) {}

  @Override
  public void sequenceComplete(ImageReader source) {}

  @Override
  public void imageStarted(ImageReader source, int imageIndex) {}

  @Override
  public void imageComplete(ImageReader source) {}

  @Override
  public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

  @Override
  public void thumbnailProgress(ImageReader source, float percentageDone) {}

  @Override
  public void thumbnailComplete(ImageReader source) {}

  @Override
  public void readAborted(ImageReader source) {}

  /** An input stream whose reads fail once the budget has run out. */
  private static final class GuardedInput extends ImageInputStreamImpl {
    private final ImageInputStream in;
    private final ImageDecodeBudget budget;

    GuardedInput(ImageInputStream in, ImageDecodeBudget budget) {
      this.in = in;
      this.budget = budget;
    }

    private void checkBudget() throws IIOException {
      if (budget.poll()) {
        throw new IIOException("decoding stopped: over its time limit or cancelled");
      }
    }

    @Override
    public int read() throws IOException {
      checkBudget();
      bitOffset = 0;
      int b = in.read();
      if (b >= 0) {
        streamPos++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      checkBudget();
      bitOffset = 0;
      int n = in.read(b, off, len);
      if (n > 0) {
        streamPos += n;
      }
      return n;
    }

    @Override
    public long length() {
      try {
        return in.length();
      } catch (IOException e) {
        return -1;
      }
    }

    @Override
    public void seek(long pos) throws IOException {
      super.seek(pos);
      in.seek(pos);
    }

    @Override
    public void flushBefore(long pos) throws IOException {
      super.flushBefore(pos);
      in.flushBefore(pos);
    }

    @Override
    public boolean isCached() {
      return in.isCached();
    }

    @Override
    public boolean isCachedMemory() {
      return in.isCachedMemory();
    }

    @Override
    public boolean isCachedFile() {
      return in.isCachedFile();
    }

    @Override
    public void close() throws IOException {
      super.close();
      in.close();
    }
  }
}
