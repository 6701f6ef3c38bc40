package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * The PNG luma decoder on mutated PNGs of several colour types and depths, on damaged image data
 * and on arbitrary bytes after a PNG's header: an image within the limits, null (left to ImageIO)
 * or the documented {@link ImageDecodeException}, within a bound; never another exception.
 */
class PngLumaDecoderFuzzProperties {

  private static final ImageLimits LIMITS = ImageLimits.of(250_000, 20, Duration.ofSeconds(10));
  private static final List<byte[]> SAMPLES = samples();

  private static List<byte[]> samples() {
    try {
      return List.of(
          PngLumaDecoderTest.png(PngLumaDecoderTest.image(BufferedImage.TYPE_3BYTE_BGR, 40, 31), false),
          PngLumaDecoderTest.png(PngLumaDecoderTest.image(BufferedImage.TYPE_BYTE_INDEXED, 37, 20), false),
          PngLumaDecoderTest.png(PngLumaDecoderTest.image(BufferedImage.TYPE_BYTE_BINARY, 41, 9), false),
          PngLumaDecoderTest.png(PngLumaDecoderTest.custom(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_USHORT, 23, 30), false),
          PngLumaDecoderTest.png(PngLumaDecoderTest.image(BufferedImage.TYPE_INT_ARGB, 33, 33), false));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void decode(byte[] bytes) {
    // Null (a file for ImageIO) is a result too, hence the Optional inside.
    Fuzz.parse(bytes,
        () -> Optional.ofNullable(PngLumaDecoder.decode(bytes, LIMITS, ImageDecodeBudget.start(LIMITS))),
        ImageDecodeException.class).flatMap(image -> image).ifPresent(image -> {
          long pixels = (long) image.getWidth() * image.getHeight();
          assertTrue(pixels > 0 && pixels <= LIMITS.maxPixels(), image.getWidth() + "x" + image.getHeight());
        });
  }

  @Property
  void decode_ofMutatedPngs_givesAnImageWithinTheLimitsOrTheDocumentedError(
      @ForAll @IntRange(max = 4) int sample, @ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int edits) {
    decode(Fuzz.mutate(SAMPLES.get(sample), seed, edits));
  }

  @Property
  void decode_ofArbitraryBytesAfterTheHeader_givesTheDocumentedError(@ForAll @Size(max = 600) byte[] tail) {
    byte[] header = SAMPLES.get(0);
    byte[] bytes = Arrays.copyOf(header, 33 + tail.length);
    System.arraycopy(tail, 0, bytes, 33, tail.length);
    decode(bytes);
  }

  @Property
  void decode_ofRowsInflatedFromArbitraryBytes_givesAnImageOrTheDocumentedError(
      @ForAll @IntRange(max = 4) int sample, @ForAll long seed) {
    // Valid deflate streams of arbitrary rows: every filter byte and sample value reaches the unfiltering.
    Random random = new Random(seed);
    byte[] raw = new byte[random.nextInt(20_000)];
    random.nextBytes(raw);
    decode(CraftedPngs.withImageData(SAMPLES.get(sample), raw));
  }
}
