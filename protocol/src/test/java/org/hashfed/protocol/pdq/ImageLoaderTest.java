package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class ImageLoaderTest {

  private static boolean plainYCbCr(String name) throws Exception {
    try (ImageInputStream in = new FileImageInputStream(PdqVectors.named(name).image().toFile())) {
      boolean plain = JpegHeader.isPlainYCbCr(in);
      assertEquals(0, in.getStreamPosition(), "stream left at its start");
      return plain;
    }
  }

  @Test
  void jpegHeader_tellsPlainYCbCrFromProfilesAndCmyk() throws Exception {
    assertTrue(plainYCbCr("dih-bridge-1-original.jpg"));
    assertTrue(plainYCbCr("modes-YCbCr.jpg"));
    assertFalse(plainYCbCr("wee.jpg"), "embedded ICC profile");
    assertFalse(plainYCbCr("modes-CMYK.jpg"), "four components");
  }

  @Test
  void plainYCbCrJpeg_decodesToLuma_andHashesLikeItsFullColourDecode() throws Exception {
    byte[] bytes = Files.readAllBytes(PdqVectors.named("bridge-mods-sharpen-a-lot.jpg").image());
    BufferedImage luma = ImageLoader.read(bytes);
    assertTrue(luma.getColorModel().getColorSpace() instanceof LumaColorSpace);
    BufferedImage colour = ImageIO.read(PdqVectors.named("bridge-mods-sharpen-a-lot.jpg").image().toFile());
    PdqHasher hasher = new PdqHasher();
    int distance = hasher.hash(luma).hash().distance(hasher.hash(colour).hash());
    assertTrue(distance <= 2, "Y and the luminance of the decoded RGB differ by rounding only; distance " + distance);
  }

  @Test
  void jpegWithProfile_decodesInFullColour() throws Exception {
    BufferedImage image = ImageLoader.read(PdqVectors.named("wee.jpg").image());
    assertFalse(image.getColorModel().getColorSpace() instanceof LumaColorSpace);
    assertEquals(3, image.getColorModel().getNumColorComponents());
  }

  @Test
  void readerReuse_givesTheSameHashEveryTime_alsoAfterAFailure() throws Exception {
    byte[] photo = Files.readAllBytes(PdqVectors.named("dih-bridge-1-original.jpg").image());
    PdqHasher hasher = new PdqHasher();
    PdqResult first = hasher.hash(ImageLoader.read(photo));
    byte[] truncated = Arrays.copyOf(photo, photo.length / 2);
    assertThrows(ImageDecodeException.class, () -> ImageLoader.read(truncated));
    assertEquals(first, hasher.hash(ImageLoader.read(photo)));
  }
}
