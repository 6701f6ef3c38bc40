package org.hashfed.protocol.video;

import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Where JavaCPP unpacks FFmpeg's native libraries, and loading them once.
 *
 * <p>JavaCPP extracts the {@code .so} files from the platform jar into a cache directory before it
 * can {@code dlopen} them. Its own default is {@code ~/.javacpp/cache}, or a directory relative to the
 * working directory when the home is not writable: a node started from an arbitrary directory would
 * then scatter native code there, and a shared working directory is a place another user could plant
 * a library. So the directory is chosen here, once, before the first FFmpeg class loads: a node passes
 * {@code <data dir>/native}; otherwise {@code $XDG_CACHE_HOME/hashfed/native} or
 * {@code ~/.cache/hashfed/native}.
 */
public final class NativeLibraries {

  /** The JavaCPP system property naming its extraction directory. */
  public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

  private static Path cacheDir;
  private static boolean loaded;
  private static String loadFailure;

  private NativeLibraries() {}

  /**
   * Uses {@code dir} for the native libraries; call before anything decodes a video.
   *
   * @throws IllegalStateException when FFmpeg is already loaded from another directory
   */
  public static synchronized void useCacheDir(Path dir) {
    Path abs = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    if (loaded && !abs.equals(cacheDir)) {
      throw new IllegalStateException("FFmpeg is already loaded from " + cacheDir + ", cannot switch to " + abs
          + " (expected: useCacheDir before the first decode)");
    }
    cacheDir = abs;
    System.setProperty(CACHE_DIR_PROPERTY, abs.toString());
  }

  /** The cache directory used when the caller chose none: under the XDG cache home, never the working directory. */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("hashfed").resolve("native");
  }

  /** The directory in use, once chosen (by {@link #useCacheDir} or the first load). */
  public static synchronized Path cacheDir() {
    return cacheDir;
  }

  /**
   * Loads FFmpeg's avutil, avcodec, avformat and swscale once and silences FFmpeg's own logging
   * (errors reach the caller as exception messages instead); later calls return at once.
   *
   * @throws NativeLibraryException when the libraries cannot be extracted or loaded, naming the cause
   */
  public static synchronized void loadFfmpeg() throws NativeLibraryException {
    if (loaded) {
      return;
    }
    if (loadFailure != null) {
      throw new NativeLibraryException(loadFailure);
    }
    if (cacheDir == null) {
      useCacheDir(defaultCacheDir());
    }
    try {
      Loader.load(avutil.class);
      Loader.load(avcodec.class);
      Loader.load(avformat.class);
      Loader.load(swscale.class);
      avutil.av_log_set_level(avutil.AV_LOG_QUIET);
      loaded = true;
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
      // A failed static initialiser cannot be retried in this JVM, so the failure is kept.
      loadFailure = "cannot load the FFmpeg native libraries (cache directory " + cacheDir + ", platform "
          + Loader.getPlatform() + "): " + e + "; check that the directory is writable and the "
          + "org.bytedeco:ffmpeg jar for this platform is on the class path";
      throw new NativeLibraryException(loadFailure, e);
    }
  }
}
