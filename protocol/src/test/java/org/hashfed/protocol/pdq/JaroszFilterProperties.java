package org.hashfed.protocol.pdq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The streaming filter reproduces the references' whole-image filter and decimation bit for bit. */
class JaroszFilterProperties {

  private final JaroszFilter streaming = new JaroszFilter();

  @Property(tries = 200)
  void streamingFilter_equalsWholeImageFilter_toTheLastBit(
      @ForAll @IntRange(min = 5, max = 700) int width,
      @ForAll @IntRange(min = 5, max = 700) int height,
      @ForAll long seed) {
    float[] luma = new float[width * height];
    Random random = new Random(seed);
    for (int i = 0; i < luma.length; i++) {
      // Smooth content plus noise, so that rounding in every running sum matters.
      luma[i] = (float) (127.5 + 100 * Math.sin(i * 0.001 * (seed % 7)) + 27 * random.nextGaussian());
    }
    float[] expected = wholeImage(luma.clone(), width, height);
    float[] actual = new float[Dct.N * Dct.N];
    streaming.filter(Luminance.of(luma, width), width, height, actual);
    assertArrayEquals(expected, actual, width + "x" + height);
  }

  private static float[] wholeImage(float[] buf1, int width, int height) {
    float[] buf2 = new float[width * height];
    ReferenceJaroszFilter.filter(buf1, buf2, height, width,
        ReferenceJaroszFilter.windowSize(width, Dct.N), ReferenceJaroszFilter.windowSize(height, Dct.N));
    float[] out = new float[Dct.N * Dct.N];
    ReferenceJaroszFilter.decimate(buf1, height, width, out);
    return out;
  }
}
