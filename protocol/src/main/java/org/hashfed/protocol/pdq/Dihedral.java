package org.hashfed.protocol.pdq;

/**
 * The eight rotations and reflections of an image. PDQ derives the hash of each from the DCT of the
 * original: the reference's names and meanings are kept, so hashes agree with other PDQ tools.
 */
public enum Dihedral {
  /** The image as it is. */
  ORIGINAL("original"),
  /** Rotated 90 degrees counter-clockwise. */
  ROTATE_90("rotate90"),
  /** Rotated 180 degrees. */
  ROTATE_180("rotate180"),
  /** Rotated 270 degrees counter-clockwise. */
  ROTATE_270("rotate270"),
  /** Mirrored top to bottom. */
  FLIP_X("flipx"),
  /** Mirrored left to right. */
  FLIP_Y("flipy"),
  /** Mirrored about the main diagonal (transposed). */
  FLIP_PLUS_1("flipplus1"),
  /** Mirrored about the anti-diagonal. */
  FLIP_MINUS_1("flipminus1");

  private final String label;

  Dihedral(String label) {
    this.label = label;
  }

  /** The short lowercase name used in CLI and JSON output, e.g. {@code rotate90}. */
  public String label() {
    return label;
  }
}
