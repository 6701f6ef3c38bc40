package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary and damaged files fed to the header probe and the loader: the only failure is the
 * documented {@link ImageDecodeException}, and nothing over the limits is ever decoded.
 */
class ImageDecodingProperties {

  private static final ImageLimits LIMITS = ImageLimits.of(250_000, 20, Duration.ofSeconds(10));
  private static final List<byte[]> SAMPLES = samples();

  private static List<byte[]> samples() {
    try {
      return List.of(
          CraftedImages.noise("png", 48, 32, BufferedImage.TYPE_INT_ARGB),
          CraftedImages.noise("jpeg", 48, 32, BufferedImage.TYPE_INT_RGB),
          CraftedImages.progressiveJpeg(48, 32),
          CraftedImages.noise("gif", 48, 32, BufferedImage.TYPE_BYTE_INDEXED),
          CraftedImages.noise("bmp", 48, 32, BufferedImage.TYPE_INT_RGB),
          Files.readAllBytes(PdqVectors.named("modes-PA.webp").image()),
          CraftedImages.losslessWebpDeclaring(48, 32));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample image with {@code edits} random bytes overwritten and, when {@code cut}, truncated. */
  private static byte[] damaged(int sample, long seed, int edits, boolean cut) {
    byte[] bytes = SAMPLES.get(sample).clone();
    Random random = new Random(seed);
    for (int i = 0; i < edits; i++) {
      // the first bytes are the format's magic: keep it so that the format's own code runs
      int at = ImageFormat.HEADER_BYTES + random.nextInt(bytes.length - ImageFormat.HEADER_BYTES);
      bytes[at] = (byte) random.nextInt(256);
    }
    return cut ? Arrays.copyOf(bytes, ImageFormat.HEADER_BYTES + random.nextInt(bytes.length - ImageFormat.HEADER_BYTES))
        : bytes;
  }

  private static void decodeWithinLimits(byte[] bytes) {
    try {
      BufferedImage image = ImageLoader.read(bytes, LIMITS);
      long pixels = (long) image.getWidth() * image.getHeight();
      assertTrue(pixels <= LIMITS.maxPixels(), image.getWidth() + "x" + image.getHeight() + " decoded");
    } catch (ImageDecodeException e) {
      assertNotEquals(ImageDecodeException.Reason.CANCELLED, e.reason(), e.getMessage());
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
  }

  @Property(tries = 300)
  void probe_ofArbitraryBytesAfterAMagic_givesAPositiveSizeOrTheDocumentedError(
      @ForAll @IntRange(min = 0, max = 4) int format, @ForAll @Size(max = 300) byte[] tail) throws Exception {
    byte[][] magics = {
        {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
        {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
        {'G', 'I', 'F', '8', '9', 'a'},
        {'B', 'M', 0, 0, 0, 0},
        {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'}};
    byte[] bytes = Arrays.copyOf(magics[format], magics[format].length + tail.length);
    System.arraycopy(tail, 0, bytes, magics[format].length, tail.length);
    ImageFormat sniffed = ImageFormat.sniff(bytes, Math.min(bytes.length, ImageFormat.HEADER_BYTES)).orElseThrow();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageHeader h = ImageHeader.read(in, sniffed, 10);
      assertTrue(h.width() > 0 && h.height() > 0, h.width() + "x" + h.height());
      assertTrue(h.bytesPerPixel() > 0);
      assertTrue(h.scans() <= 11, "scans counted one past the limit at most: " + h.scans());
      assertEquals(0, in.getStreamPosition());
    } catch (ImageDecodeException e) {
      assertEquals(ImageDecodeException.Reason.INVALID, e.reason(), e.getMessage());
    }
    decodeWithinLimits(bytes);
  }

  @Property(tries = 300)
  void loader_ofDamagedImages_decodesWithinTheLimitsOrGivesTheDocumentedError(
      @ForAll @IntRange(min = 0, max = 6) int sample, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 12) int edits, @ForAll boolean cut) {
    decodeWithinLimits(damaged(sample, seed, edits, cut));
  }
}
