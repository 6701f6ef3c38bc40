package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PdqHasherTest {

  private static final PdqHash ZERO = PdqHash.ofWords(0, 0, 0, 0);

  private static BufferedImage photo() throws Exception {
    return ImageLoader.read(PdqVectors.named("bridge-mods-aaa-orig.jpg").image());
  }

  @Test
  void imageUnderFivePixels_hashesToZeroWithQualityZero() {
    PdqHasher hasher = new PdqHasher();
    assertEquals(PdqResult.of(ZERO, 0), hasher.hash(new BufferedImage(4, 100, BufferedImage.TYPE_INT_RGB)));
    assertEquals(PdqResult.of(ZERO, 0), hasher.hash(new BufferedImage(100, 1, BufferedImage.TYPE_INT_RGB)));
    assertEquals(0, hasher.hashDihedral(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB)).quality());
  }

  @Test
  void flatImage_hasQualityZero() {
    BufferedImage flat = new BufferedImage(200, 100, BufferedImage.TYPE_3BYTE_BGR);
    assertEquals(0, new PdqHasher().hash(flat).quality());
  }

  @Test
  void rasterFastPaths_agreeWithGetRgb() throws Exception {
    BufferedImage bgr = photo();
    PdqResult expected = new PdqHasher().hash(bgr);
    for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_INT_BGR}) {
      BufferedImage copy = new BufferedImage(bgr.getWidth(), bgr.getHeight(), type);
      copy.getGraphics().drawImage(bgr, 0, 0, null);
      assertEquals(expected, new PdqHasher().hash(copy), "image type " + type);
    }
  }

  @Test
  void alpha_isIgnored() throws Exception {
    BufferedImage bgr = photo();
    BufferedImage argb = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_INT_ARGB);
    argb.getGraphics().drawImage(bgr, 0, 0, null);
    WritableRaster alpha = argb.getAlphaRaster();
    for (int y = 0; y < argb.getHeight(); y++) {
      for (int x = 0; x < argb.getWidth(); x++) {
        alpha.setSample(x, y, 0, (x + y) & 0xFF);
      }
    }
    assertEquals(new PdqHasher().hash(bgr), new PdqHasher().hash(argb));
  }

  @Test
  void sixteenBitGrey_hashesLikeEightBitGrey() throws Exception {
    BufferedImage bgr = photo();
    BufferedImage grey8 = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    grey8.getGraphics().drawImage(bgr, 0, 0, null);
    BufferedImage grey16 = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster r16 = grey16.getRaster();
    for (int y = 0; y < bgr.getHeight(); y++) {
      for (int x = 0; x < bgr.getWidth(); x++) {
        r16.setSample(x, y, 0, grey8.getRaster().getSample(x, y, 0) * 257);
      }
    }
    PdqResult a = new PdqHasher().hash(grey8);
    PdqResult b = new PdqHasher().hash(grey16);
    assertTrue(a.hash().distance(b.hash()) <= 2, a + " vs " + b);
  }

  @Test
  void hashLuma_of64x64_skipsNothingAndMatchesImage() throws Exception {
    BufferedImage small = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    small.getGraphics().drawImage(photo(), 0, 0, 64, 64, null);
    float[] luma = new float[64 * 64];
    Luminance.of(small).read(0, 64, luma);
    assertEquals(new PdqHasher().hash(small), new PdqHasher().hashLuma(luma, 64, 64));
  }

  @Test
  void hashLuma_withShortBuffer_throws() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new PdqHasher().hashLuma(new float[10], 5, 5));
    assertTrue(e.getMessage().contains("5x5"), e.getMessage());
  }

  @Test
  void dihedral_rotate180Twice_isIdentity_andVariantsDiffer() throws Exception {
    DihedralHashes d = new PdqHasher().hashDihedral(photo());
    assertEquals(8, d.all().values().stream().distinct().count());
    float[] b = new float[256];
    for (int i = 0; i < 256; i++) {
      b[i] = i * 0.37f - (i % 7);
    }
    float[] once = new float[256];
    float[] twice = new float[256];
    for (Dihedral v : new Dihedral[] {Dihedral.ROTATE_180, Dihedral.FLIP_X, Dihedral.FLIP_Y, Dihedral.FLIP_PLUS_1,
        Dihedral.FLIP_MINUS_1}) {
      Dct.dihedral(v, b, once);
      Dct.dihedral(v, once, twice);
      assertEquals(Arrays.toString(b), Arrays.toString(twice), v + " is an involution");
    }
    Dct.dihedral(Dihedral.ROTATE_90, b, once);
    Dct.dihedral(Dihedral.ROTATE_270, once, twice);
    assertEquals(Arrays.toString(b), Arrays.toString(twice), "rotate 90 then 270");
  }

  @Test
  void hashedBitCount_isHalf() throws Exception {
    assertEquals(128, new PdqHasher().hash(photo()).hash().bitCount());
  }
}
