package org.hashfed.protocol.filehash;

import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.pdq.DihedralHashes;
import org.hashfed.protocol.pdq.ImageFormat;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.video.VideoFormat;
import org.hashfed.protocol.vpdq.HashedVideo;

/**
 * Every hash of one file: its digests; for an image, its PDQ (and, when asked, the dihedral variants);
 * for a video (an animated GIF is both), its vPDQ frames.
 */
public final class FileHashes {

  private final FileDigests digests;
  private final ImageFormat format;
  private final PdqResult pdq;
  private final DihedralHashes dihedral;
  private final VideoFormat videoFormat;
  private final HashedVideo video;

  private FileHashes(FileDigests digests, ImageFormat format, PdqResult pdq, DihedralHashes dihedral,
      VideoFormat videoFormat, HashedVideo video) {
    this.digests = digests;
    this.format = format;
    this.pdq = pdq;
    this.dihedral = dihedral;
    this.videoFormat = videoFormat;
    this.video = video;
  }

  /** The hashes of a file that is not an image. */
  public static FileHashes ofBytes(FileDigests digests) {
    return new FileHashes(Objects.requireNonNull(digests, "digests"), null, null, null, null, null);
  }

  /** The hashes of an image; {@code dihedral} may be null when the variants were not asked for. */
  public static FileHashes ofImage(FileDigests digests, ImageFormat format, PdqResult pdq, DihedralHashes dihedral) {
    return new FileHashes(
        Objects.requireNonNull(digests, "digests"),
        Objects.requireNonNull(format, "format"),
        Objects.requireNonNull(pdq, "pdq"),
        dihedral, null, null);
  }

  /** These hashes with the vPDQ frames of the file, a video in {@code format}. */
  public FileHashes withVideo(VideoFormat format, HashedVideo video) {
    return new FileHashes(digests, this.format, pdq, dihedral, Objects.requireNonNull(format, "format"),
        Objects.requireNonNull(video, "video"));
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

  /** The video container, when the file is a video. */
  public Optional<VideoFormat> videoFormat() {
    return Optional.ofNullable(videoFormat);
  }

  /** The vPDQ frames and stream properties, when the file is a video and videos were asked for. */
  public Optional<HashedVideo> video() {
    return Optional.ofNullable(video);
  }
}
