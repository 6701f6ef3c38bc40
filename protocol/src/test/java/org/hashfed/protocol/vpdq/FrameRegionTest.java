package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameRegionTest {

  @Test
  void centre_sixtyPercent_isTwentyToEightyOfEachDimension() {
    assertEquals(ContentArea.of(720, 480, 144, 96, 432, 288), FrameRegion.centre(0.6).areaOf(720, 480));
  }

  @Test
  void areaOf_roundsEdgesToTheNearestPixel() {
    assertEquals(ContentArea.of(101, 51, 20, 8, 61, 28), FrameRegion.of(0.2, 0.15, 0.8, 0.7).areaOf(101, 51));
  }

  @Test
  void areaOf_wholeRegion_isTheWholeFrame() {
    assertEquals(ContentArea.wholeFrame(7, 5), FrameRegion.of(0, 0, 1, 1).areaOf(7, 5));
  }

  @Test
  void areaOf_tinyFrame_keepsAtLeastOnePixel() {
    assertEquals(ContentArea.of(1, 1, 0, 0, 1, 1), FrameRegion.of(0.5, 0.5, 0.6, 0.6).areaOf(1, 1));
  }

  @ParameterizedTest
  @CsvSource({"-0.1, 0, 1, 1", "0.5, 0, 0.5, 1", "0, 0, 1.1, 1", "0, 0.8, 1, 0.2", "NaN, 0, 1, 1"})
  void of_regionOutsideTheFrameOrEmpty_throwsNamingIt(double left, double top, double right, double bottom) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FrameRegion.of(left, top, right, bottom));

    assertEquals("frame region x " + left + ".." + right + ", y " + top + ".." + bottom
        + " (expected: 0 <= left < right <= 1 and 0 <= top < bottom <= 1)", e.getMessage());
  }

  @Test
  void centre_zeroShare_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameRegion.centre(0));

    assertEquals("centre share 0.0 (expected: 0 < share <= 1)", e.getMessage());
  }

  @Test
  void areaOf_emptyFrame_throws() {
    assertThrows(IllegalArgumentException.class, () -> FrameRegion.centre(0.6).areaOf(0, 10));
  }
}
