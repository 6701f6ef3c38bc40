package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hashfed.protocol.video.RgbFrame;
import org.junit.jupiter.api.Test;

class ContentAreaTest {

  @Test
  void crop_innerArea_copiesItsPixelsPacked() {
    byte[] rgb = new byte[4 * 3 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) i;
    }
    RgbFrame frame = RgbFrame.wrap(5, 0.5, 4, 3, rgb);

    RgbFrame cropped = ContentArea.of(4, 3, 1, 1, 2, 2).crop(frame);

    assertEquals(2, cropped.width());
    assertEquals(2, cropped.height());
    assertEquals(5, cropped.frameNumber());
    assertEquals(0.5, cropped.timestampSeconds());
    assertArrayEquals(new byte[] {15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32}, cropped.pixels());
  }

  @Test
  void crop_wholeFrame_returnsTheFrame() {
    RgbFrame frame = RgbFrame.wrap(0, 0, 2, 2, new byte[12]);

    assertSame(frame, ContentArea.wholeFrame(2, 2).crop(frame));
  }

  @Test
  void crop_frameOfOtherSize_throwsNamingSizes() {
    RgbFrame frame = RgbFrame.wrap(0, 0, 2, 2, new byte[12]);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContentArea.wholeFrame(4, 4).crop(frame));

    assertEquals("frame of 2x2 (expected: 4x4, the size this content area was found in)", e.getMessage());
  }

  @Test
  void of_areaOutsideFrame_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContentArea.of(100, 50, 10, 0, 95, 50));

    assertEquals("content area 95x50 at (10, 0) of a 100x50 frame (expected: a non-empty rectangle inside the frame)",
        e.getMessage());
  }
}
