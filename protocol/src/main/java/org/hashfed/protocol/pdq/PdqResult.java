package org.hashfed.protocol.pdq;

import java.util.Objects;

/** A PDQ hash with its quality, 0..100; below {@link #MIN_SHAREABLE_QUALITY} it is too weak to share. */
public final class PdqResult {

  /** Quality under which the consortium refuses a PDQ hash: such images are too flat to match reliably. */
  public static final int MIN_SHAREABLE_QUALITY = 50;

  private final PdqHash hash;
  private final int quality;

  private PdqResult(PdqHash hash, int quality) {
    this.hash = hash;
    this.quality = quality;
  }

  /** The result for the given hash and quality (0..100). */
  public static PdqResult of(PdqHash hash, int quality) {
    Objects.requireNonNull(hash, "hash");
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("invalid pdq quality " + quality + " (expected: 0..100)");
    }
    return new PdqResult(hash, quality);
  }

  /** The 256-bit hash. */
  public PdqHash hash() {
    return hash;
  }

  /** The image-domain quality metric, 0..100. */
  public int quality() {
    return quality;
  }

  /** Whether the quality reaches {@link #MIN_SHAREABLE_QUALITY}. */
  public boolean isShareable() {
    return quality >= MIN_SHAREABLE_QUALITY;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PdqResult)) {
      return false;
    }
    PdqResult r = (PdqResult) o;
    return quality == r.quality && hash.equals(r.hash);
  }

  @Override
  public int hashCode() {
    return 31 * hash.hashCode() + quality;
  }

  @Override
  public String toString() {
    return hash.toHex() + " quality " + quality;
  }
}
