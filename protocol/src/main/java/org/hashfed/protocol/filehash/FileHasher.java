package org.hashfed.protocol.filehash;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.protocol.pdq.DihedralHashes;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.ImageLoader;
import org.hashfed.protocol.pdq.PdqHasher;
import org.hashfed.protocol.pdq.PdqResult;

/**
 * Hashes a file locally: MD5 and SHA-256 of its bytes, plus PDQ when its magic bytes say it is an
 * image (the file name is never trusted). Not thread-safe: use one per thread.
 */
public final class FileHasher {

  /** Images up to this size are read into memory once and both digested and decoded from there. */
  private static final long IN_MEMORY_LIMIT = 64L << 20;

  private final PdqHasher pdq = new PdqHasher();
  private final boolean withDihedral;

  private FileHasher(boolean withDihedral) {
    this.withDihedral = withDihedral;
  }

  /** A hasher giving MD5, SHA-256 and, for images, PDQ. */
  public static FileHasher create() {
    return new FileHasher(false);
  }

  /** A hasher that also gives the eight dihedral PDQ variants of images. */
  public static FileHasher withDihedral() {
    return new FileHasher(true);
  }

  /**
   * Hashes the file.
   *
   * @throws IOException when the file cannot be read
   * @throws ImageDecodeException when the file looks like an image but cannot be decoded
   */
  public FileHashes hash(Path file) throws IOException, ImageDecodeException {
    Optional<ImageFormat> format = sniff(file);
    if (format.isEmpty()) {
      return FileHashes.ofBytes(FileDigests.of(file));
    }
    FileDigests digests;
    BufferedImage image;
    if (Files.size(file) <= IN_MEMORY_LIMIT) {
      byte[] content = Files.readAllBytes(file);
      digests = FileDigests.of(content);
      image = ImageLoader.read(content);
    } else {
      digests = FileDigests.of(file);
      image = ImageLoader.read(file);
    }
    if (withDihedral) {
      DihedralHashes all = pdq.hashDihedral(image);
      return FileHashes.ofImage(digests, format.get(), all.original(), all);
    }
    PdqResult result = pdq.hash(image);
    return FileHashes.ofImage(digests, format.get(), result, null);
  }

  /** The image format announced by the file's first bytes, if any. */
  public static Optional<ImageFormat> sniff(Path file) throws IOException {
    byte[] header = new byte[ImageFormat.HEADER_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(header, 0, header.length);
    }
    return ImageFormat.sniff(header, n);
  }
}
