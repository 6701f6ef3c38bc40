package org.hashfed.protocol.pdq;

import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Computes PDQ hashes as the public PDQ algorithm specifies (see {@code spec/pdq.md}).
 *
 * <p>An instance keeps scratch buffers between calls and is not thread-safe: use one per thread.
 */
public final class PdqHasher {

  /** Images with fewer rows or columns than this hash to all zeros with quality 0, as in the references. */
  public static final int MIN_DIMENSION = 5;

  private final JaroszFilter filter = new JaroszFilter();
  private final float[] buffer64x64 = new float[Dct.N * Dct.N];
  private final float[] buffer16x64 = new float[Dct.K * Dct.N];
  private final float[] coefficients = new float[Dct.K * Dct.K];
  private final float[] transformed = new float[Dct.K * Dct.K];
  private final float[] sortBuffer = new float[Dct.K * Dct.K];
  private int quality;

  /** A hasher with empty scratch buffers. */
  public PdqHasher() {}

  /**
   * The PDQ hash and quality of a decoded image, at full resolution, as the Java reference computes
   * it (see {@code spec/pdq.md} for why not the C++ reference's 512x512 resampling).
   */
  public PdqResult hash(BufferedImage image) {
    return finish(coefficientsOf(image));
  }

  /**
   * The PDQ hash and quality of a luminance buffer: {@code width x height} floats, row-major,
   * 0..255, hashed at the size given (no resampling). The buffer is not modified.
   */
  public PdqResult hashLuma(float[] luminance, int width, int height) {
    return finish(coefficientsOfLuma(luminance, width, height));
  }

  /**
   * The PDQ hash and quality of packed RGB24 pixels ({@code height} rows of {@code width * 3} bytes, no
   * padding), as a decoded video frame: luminance as for images, hashed at the size given.
   */
  public PdqResult hashRgb24(byte[] rgb, int width, int height) {
    Objects.requireNonNull(rgb, "rgb");
    if (width < 0 || height < 0 || (long) width * height * 3 > rgb.length) {
      throw new IllegalArgumentException(
          "RGB buffer of " + rgb.length + " bytes is too small for " + width + "x" + height
              + " (expected: at least width x height x 3)");
    }
    if (width < MIN_DIMENSION || height < MIN_DIMENSION) {
      return finish(false);
    }
    return finish(transform(Luminance.ofRgb24(rgb, width), width, height));
  }

  /** The hashes of the image (as {@link #hash}) and its seven rotations and reflections, from one DCT. */
  public DihedralHashes hashDihedral(BufferedImage image) {
    return dihedrals(coefficientsOf(image));
  }

  /** The dihedral hashes of a luminance buffer as in {@link #hashLuma}. */
  public DihedralHashes hashDihedralLuma(float[] luminance, int width, int height) {
    return dihedrals(coefficientsOfLuma(luminance, width, height));
  }

  private boolean coefficientsOf(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    int w = image.getWidth();
    int h = image.getHeight();
    if (w < MIN_DIMENSION || h < MIN_DIMENSION) {
      return false;
    }
    return transform(Luminance.of(image), w, h);
  }

  private boolean coefficientsOfLuma(float[] luminance, int width, int height) {
    Objects.requireNonNull(luminance, "luminance");
    if (width < 0 || height < 0 || (long) width * height > luminance.length) {
      throw new IllegalArgumentException(
          "luminance buffer of " + luminance.length + " floats is too small for " + width + "x" + height
              + " (expected: at least width x height)");
    }
    if (width < MIN_DIMENSION || height < MIN_DIMENSION) {
      return false;
    }
    return transform(Luminance.of(luminance, width), width, height);
  }

  private boolean transform(LumaRows luma, int w, int h) {
    filter.filter(luma, w, h, buffer64x64);
    quality = Quality.of(buffer64x64);
    Dct.dct64To16(buffer64x64, buffer16x64, coefficients);
    return true;
  }

  private PdqResult finish(boolean hashed) {
    if (!hashed) {
      return PdqResult.of(PdqHash.ofWords(0, 0, 0, 0), 0);
    }
    return PdqResult.of(Dct.toHash(coefficients, sortBuffer), quality);
  }

  private DihedralHashes dihedrals(boolean hashed) {
    Map<Dihedral, PdqHash> hashes = new EnumMap<>(Dihedral.class);
    for (Dihedral d : Dihedral.values()) {
      if (hashed) {
        Dct.dihedral(d, coefficients, transformed);
        hashes.put(d, Dct.toHash(transformed, sortBuffer));
      } else {
        hashes.put(d, PdqHash.ofWords(0, 0, 0, 0));
      }
    }
    return DihedralHashes.of(hashes, hashed ? quality : 0);
  }
}
