package org.hashfed.protocol.filehash;

import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.pdq.DihedralHashes;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.PdqResult;

/** Every hash of one file: its digests and, for an image, its PDQ (and, when asked, the dihedral variants). */
public final class FileHashes {

  private final FileDigests digests;
  private final ImageFormat format;
  private final PdqResult pdq;
  private final DihedralHashes dihedral;

  private FileHashes(FileDigests digests, ImageFormat format, PdqResult pdq, DihedralHashes dihedral) {
    this.digests = digests;
    this.format = format;
    this.pdq = pdq;
    this.dihedral = dihedral;
  }

  /** The hashes of a file that is not an image. */
  public static FileHashes ofBytes(FileDigests digests) {
    return new FileHashes(Objects.requireNonNull(digests, "digests"), null, null, null);
  }

  /** The hashes of an image; {@code dihedral} may be null when the variants were not asked for. */
  public static FileHashes ofImage(FileDigests digests, ImageFormat format, PdqResult pdq, DihedralHashes dihedral) {
    return new FileHashes(
        Objects.requireNonNull(digests, "digests"),
        Objects.requireNonNull(format, "format"),
        Objects.requireNonNull(pdq, "pdq"),
        dihedral);
  }

  /** MD5, SHA-256 and length. */
  public FileDigests digests() {
    return digests;
  }

  /** The image format, when the file is an image. */
  public Optional<ImageFormat> format() {
    return Optional.ofNullable(format);
  }

  /** PDQ hash and quality, when the file is an image. */
  public Optional<PdqResult> pdq() {
    return Optional.ofNullable(pdq);
  }

  /** The eight dihedral PDQ hashes, when the file is an image and they were asked for. */
  public Optional<DihedralHashes> dihedral() {
    return Optional.ofNullable(dihedral);
  }
}
