package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * The luma JPEG decoder on mutated baseline, restart-interval and progressive JPEGs and on arbitrary
 * bytes after a JPEG's start: an image within the limits, null (left to the general decoder) or the
 * documented {@link ImageDecodeException}, within a bound; never another exception.
 */
class JpegLumaDecoderFuzzProperties {

  private static final ImageLimits LIMITS = ImageLimits.of(250_000, 20, Duration.ofSeconds(10));
  private static final List<byte[]> SAMPLES = samples();

  private static List<byte[]> samples() {
    try {
      return List.of(
          JpegLumaDecoderTest.write(JpegLumaDecoderTest.photo(48, 40), false, 0, 0.9f),
          JpegLumaDecoderTest.write(JpegLumaDecoderTest.photo(41, 23), false, 2, 0.6f),
          JpegLumaDecoderTest.write(JpegLumaDecoderTest.photo(48, 40), true, 0, 0.9f),
          JpegLumaDecoderTest.write(JpegLumaDecoderTest.photo(37, 50), true, 3, 0.95f));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void decode(byte[] bytes, int minSide) {
    // Null (a file for the general decoder) is a result too, hence the Optional inside.
    Fuzz.parse(bytes,
        () -> Optional.ofNullable(JpegLumaDecoder.decode(bytes, minSide, true, LIMITS, ImageDecodeBudget.start(LIMITS))),
        ImageDecodeException.class).flatMap(image -> image).ifPresent(image -> {
          long pixels = (long) image.getWidth() * image.getHeight();
          assertTrue(pixels > 0 && pixels <= LIMITS.maxPixels(), image.getWidth() + "x" + image.getHeight());
        });
  }

  @Property
  void decode_ofMutatedJpegs_givesAnImageWithinTheLimitsOrTheDocumentedError(
      @ForAll @IntRange(max = 3) int sample, @ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int edits,
      @ForAll @IntRange(min = 1, max = 64) int minSide) {
    decode(Fuzz.mutate(SAMPLES.get(sample), seed, edits), minSide);
  }

  @Property
  void decode_ofArbitraryBytesAfterTheStart_givesTheDocumentedError(@ForAll @Size(max = 600) byte[] tail) {
    byte[] bytes = new byte[tail.length + 2];
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    System.arraycopy(tail, 0, bytes, 2, tail.length);
    decode(bytes, 8);
  }

  @Property
  void decode_ofAnImageWithDamagedEntropyData_givesAnImageOrTheDocumentedError(
      @ForAll @IntRange(max = 3) int sample, @ForAll long seed) {
    // Edits confined to the scans, past the tables, where the Huffman and refinement decoding runs.
    byte[] bytes = SAMPLES.get(sample).clone();
    Random random = new Random(seed);
    int from = bytes.length / 2;
    for (int i = 0; i < 1 + random.nextInt(6); i++) {
      bytes[from + random.nextInt(bytes.length - from - 2)] = (byte) random.nextInt(256);
    }
    decode(bytes, 1 + random.nextInt(40));
  }
}
