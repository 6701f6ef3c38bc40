package org.hashfed.cli.hash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.hashfed.protocol.filehash.FileHasher;
import org.hashfed.protocol.filehash.FileHashes;
import org.hashfed.protocol.pdq.ImageDecodeException;
import org.hashfed.protocol.video.VideoDecodeException;

/** The result of hashing one file: its hashes, or the reason it could not be hashed. */
public final class Outcome {
  final Path path;
  final FileHashes hashes;
  final String error;

  private Outcome(Path path, FileHashes hashes, String error) {
    this.path = path;
    this.hashes = hashes;
    this.error = error;
  }

  static Outcome ok(Path path, FileHashes hashes) {
    return new Outcome(path, hashes, null);
  }

  static Outcome failed(Path path, String error) {
    return new Outcome(path, null, error);
  }

  /** Hashes {@code file}; never throws for a file that cannot be read or decoded, but says why. */
  public static Outcome of(FileHasher hasher, Path file) {
    try {
      return ok(file, hasher.hash(file));
    } catch (IOException e) {
      return failed(file, Errors.describe(e));
    } catch (ImageDecodeException e) {
      return failed(file, e.getMessage());
    } catch (VideoDecodeException e) {
      return failed(file, VideoOptions.reason(e, file));
    } catch (RuntimeException | OutOfMemoryError e) {
      // One pathological file must not end a run over thousands: report it and go on.
      return failed(file, "cannot hash file: " + e);
    }
  }

  /** The file's hashes, or empty with {@link #error()} when it could not be hashed. */
  public Optional<FileHashes> hashes() {
    return Optional.ofNullable(hashes);
  }

  /** Why the file could not be hashed, e.g. {@code no such file or directory}; null when it was. */
  public String error() {
    return error;
  }

  boolean failed() {
    return error != null;
  }

  /** Whether a hash came out too weak to share: a PDQ below quality 50, or a video without such a frame. */
  boolean warns() {
    return !failed() && (hashes.pdq().map(p -> !p.isShareable()).orElse(false)
        || hashes.video().map(v -> !v.hashes().hasShareableFrame()).orElse(false));
  }
}
