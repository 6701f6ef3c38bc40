package org.hashfed.protocol.video;

/** FFmpeg's native libraries could not be extracted or loaded on this machine. */
public final class NativeLibraryException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error naming the directory, the platform and what to check. */
  public NativeLibraryException(String message) {
    super(message);
  }

  /** As {@link #NativeLibraryException(String)} with the low-level cause. */
  public NativeLibraryException(String message, Throwable cause) {
    super(message, cause);
  }
}
