package org.hashfed.protocol.filehash;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.pdq.DihedralHashes;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.ImageLimits;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoFormat;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.vpdq.VideoSignals;

/**
 * Hashes a file locally: MD5 and SHA-256 of its bytes, plus PDQ when its magic bytes say it is an
 * image and, when asked for, vPDQ when they say it is a video (the file name is never trusted). Not
 * thread-safe: use one per thread.
 */
public final class FileHasher {

  /** Images up to this size are read into memory once and both digested and decoded from there. */
  private static final long IN_MEMORY_LIMIT = 64L << 20;

  private final PdqHasher pdq = new PdqHasher();
  private final boolean withDihedral;
  /** Negative when videos are not hashed. */
  private final double secondsPerHash;
  private final VideoLimits videoLimits;
  private final ImageLimits imageLimits;

  private FileHasher(boolean withDihedral, double secondsPerHash, VideoLimits videoLimits, ImageLimits imageLimits) {
    this.withDihedral = withDihedral;
    this.secondsPerHash = secondsPerHash;
    this.videoLimits = videoLimits;
    this.imageLimits = imageLimits;
  }

  /** A hasher giving MD5, SHA-256 and, for images, PDQ, within the default {@link ImageLimits}. */
  public static FileHasher create() {
    return new FileHasher(false, -1, null, ImageLimits.defaults());
  }

  /** A hasher that also gives the eight dihedral PDQ variants of images. */
  public static FileHasher withDihedral() {
    return new FileHasher(true, -1, null, ImageLimits.defaults());
  }

  /** This hasher, decoding images within {@code limits}. */
  public FileHasher withImageLimits(ImageLimits limits) {
    return new FileHasher(withDihedral, secondsPerHash, videoLimits, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * This hasher, also giving the vPDQ of videos and animated GIFs: one frame every
   * {@code secondsPerHash} seconds (0 every frame), decoded within {@code limits}.
   *
   * @throws IllegalArgumentException when {@code secondsPerHash} is negative, NaN or infinite
   */
  public FileHasher withVideos(double secondsPerHash, VideoLimits limits) {
    if (!(secondsPerHash >= 0) || Double.isInfinite(secondsPerHash)) {
      throw new IllegalArgumentException("seconds per hash " + secondsPerHash
          + " (expected: a finite number >= 0, 0 for every frame)");
    }
    return new FileHasher(withDihedral, secondsPerHash, Objects.requireNonNull(limits, "limits"), imageLimits);
  }

  /**
   * Hashes the file.
   *
   * @throws IOException when the file cannot be read
   * @throws ImageDecodeException when the file looks like an image but cannot be decoded or exceeds
   *     one of the image limits
   * @throws VideoDecodeException when videos are hashed and the file looks like one but cannot be
   *     decoded or exceeds a limit
   */
  public FileHashes hash(Path file) throws IOException, ImageDecodeException, VideoDecodeException {
    byte[] header = header(file);
    Optional<ImageFormat> format = ImageFormat.sniff(header, header.length);
    if (format.isEmpty()) {
      FileHashes bytes = FileHashes.ofBytes(FileDigests.of(file));
      return withVideo(file, bytes, VideoFormat.sniff(header, header.length));
    }
    FileDigests digests;
    BufferedImage image;
    Optional<VideoFormat> animated;
    if (Files.size(file) <= IN_MEMORY_LIMIT) {
      byte[] content = Files.readAllBytes(file);
      digests = FileDigests.of(content);
      image = ImageLoader.read(content, imageLimits);
      animated = format.get() == ImageFormat.GIF ? VideoFormat.sniff(content, content.length) : Optional.empty();
    } else {
      digests = FileDigests.of(file);
      image = ImageLoader.read(file, imageLimits);
      animated = Optional.empty();
    }
    FileHashes hashes;
    if (withDihedral) {
      DihedralHashes all = pdq.hashDihedral(image);
      hashes = FileHashes.ofImage(digests, format.get(), all.original(), all);
    } else {
      PdqResult result = pdq.hash(image);
      hashes = FileHashes.ofImage(digests, format.get(), result, null);
    }
    return withVideo(file, hashes, animated);
  }

  private FileHashes withVideo(Path file, FileHashes hashes, Optional<VideoFormat> format)
      throws VideoDecodeException {
    if (format.isEmpty() || secondsPerHash < 0) {
      return hashes;
    }
    return hashes.withVideo(format.get(), VideoSignals.hashWithStream(file, secondsPerHash, videoLimits));
  }

  private static byte[] header(Path file) throws IOException {
    byte[] header = new byte[Math.max(ImageFormat.HEADER_BYTES, VideoFormat.HEADER_BYTES)];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(header, 0, header.length);
    }
    return Arrays.copyOf(header, n);
  }

  /** The image format announced by the file's first bytes, if any. */
  public static Optional<ImageFormat> sniff(Path file) throws IOException {
    byte[] header = header(file);
    return ImageFormat.sniff(header, header.length);
  }
}
