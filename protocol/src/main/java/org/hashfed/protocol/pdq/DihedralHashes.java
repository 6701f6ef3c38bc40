package org.hashfed.protocol.pdq;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The PDQ hashes of an image and of its seven rotations and reflections, with the image's quality. */
public final class DihedralHashes {

  private final Map<Dihedral, PdqHash> hashes;
  private final int quality;

  private DihedralHashes(Map<Dihedral, PdqHash> hashes, int quality) {
    this.hashes = hashes;
    this.quality = quality;
  }

  /** The set of the given eight hashes, one per {@link Dihedral}, and the quality (0..100). */
  public static DihedralHashes of(Map<Dihedral, PdqHash> hashes, int quality) {
    EnumMap<Dihedral, PdqHash> copy = new EnumMap<>(Dihedral.class);
    copy.putAll(hashes);
    if (copy.size() != Dihedral.values().length || copy.containsValue(null)) {
      throw new IllegalArgumentException(
          "dihedral hashes need all 8 variants (expected: " + Arrays.toString(Dihedral.values())
              + ", got: " + hashes.keySet() + ")");
    }
    if (quality < 0 || quality > 100) {
      throw new IllegalArgumentException("invalid pdq quality " + quality + " (expected: 0..100)");
    }
    return new DihedralHashes(Collections.unmodifiableMap(copy), quality);
  }

  /** The hash of the given variant. */
  public PdqHash get(Dihedral variant) {
    return hashes.get(variant);
  }

  /** The hash and quality of the image as it is. */
  public PdqResult original() {
    return PdqResult.of(hashes.get(Dihedral.ORIGINAL), quality);
  }

  /** Every variant's hash, in {@link Dihedral} order; unmodifiable. */
  public Map<Dihedral, PdqHash> all() {
    return hashes;
  }

  /** The quality of the image; the same for every variant. */
  public int quality() {
    return quality;
  }
}
