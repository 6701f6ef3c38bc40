package org.hashfed.cli.hash;

import java.nio.file.Path;
import org.hashfed.protocol.filehash.FileHashes;

/** The result of hashing one file: its hashes, or the reason it could not be hashed. */
final class Outcome {
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

  boolean failed() {
    return error != null;
  }

  /** Whether a hash came out too weak to share: a PDQ below quality 50, or a video without such a frame. */
  boolean warns() {
    return !failed() && (hashes.pdq().map(p -> !p.isShareable()).orElse(false)
        || hashes.video().map(v -> !v.hashes().hasShareableFrame()).orElse(false));
  }
}
