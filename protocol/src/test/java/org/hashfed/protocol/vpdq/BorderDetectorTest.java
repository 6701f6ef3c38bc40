package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.hashfed.protocol.video.FfmpegVideoDecoder;
import org.hashfed.protocol.video.RgbFrame;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.Bars;
import org.hashfed.protocol.video.edit.Scale;
import org.hashfed.protocol.video.edit.Trim;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BorderDetectorTest {

  private static final int W = 320;
  private static final int H = 240;
  private static final Path VIDEOS = Path.of("src/test/resources/vpdq/videos");

  @Test
  void contentArea_topAndBottomBars_areCut() {
    assertEquals(ContentArea.of(W, H, 0, 30, W, 180), detect(10, 0, 30, 0, 30, 0x000000));
  }

  @Test
  void contentArea_leftAndRightBars_areCut() {
    assertEquals(ContentArea.of(W, H, 40, 0, 240, H), detect(10, 40, 0, 40, 0, 0x000000));
  }

  @Test
  void contentArea_barsOnAllFourSides_areCut() {
    assertEquals(ContentArea.of(W, H, 20, 16, 270, 200), detect(10, 20, 16, 30, 24, 0x000000));
  }

  @Test
  void contentArea_greyBarsWithNoise_areCut() {
    assertEquals(ContentArea.of(W, H, 0, 24, W, 192), detect(10, 0, 24, 0, 24, 0x808080));
  }

  @Test
  void contentArea_tinyBorder_isIgnored() {
    assertTrue(detect(10, 0, 3, 0, 3, 0x000000).isWholeFrame());
  }

  @Test
  void contentArea_darkTexturedContent_isNotABorder() {
    BorderDetector d = BorderDetector.forFrameSize(W, H);
    SplittableRandom random = new SplittableRandom(7);
    for (int f = 0; f < 10; f++) {
      byte[] rgb = texture(random, 0, 256);
      paintNoisy(rgb, random, 0, 0, W, 40, 0x000000, 60);
      d.add(RgbFrame.wrap(f, f / 30.0, W, H, rgb));
    }

    assertTrue(d.contentArea().isWholeFrame(), d.contentArea().toString());
  }

  @Test
  void contentArea_contentBlackInOneSampleOnly_isNotABorder() {
    BorderDetector d = BorderDetector.forFrameSize(W, H);
    SplittableRandom random = new SplittableRandom(8);
    for (int f = 0; f < 10; f++) {
      byte[] rgb = texture(random, 0, 256);
      if (f == 4) {
        paintNoisy(rgb, random, 0, 0, W, 60, 0x000000, 0);
      }
      d.add(RgbFrame.wrap(f, f / 30.0, W, H, rgb));
    }

    assertTrue(d.contentArea().isWholeFrame(), d.contentArea().toString());
  }

  @Test
  void contentArea_allBlackVideo_keepsWholeFrame() {
    assertTrue(detect(5, 0, 120, 0, 120, 0x000000).isWholeFrame());
  }

  @Test
  void add_frameOfOtherSize_throwsNamingSizes() {
    BorderDetector d = BorderDetector.forFrameSize(W, H);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.add(RgbFrame.wrap(3, 0.1, 10, 10, new byte[300])));

    assertEquals("frame 3 is 10x10 (expected: 320x240)", e.getMessage());
  }

  @Test
  void contentArea_noFrames_throws() {
    assertThrows(IllegalStateException.class, () -> BorderDetector.forFrameSize(W, H).contentArea());
  }

  @Test
  void detect_chairWithBlackPillars_cutsThem() throws Exception {
    assertNear(ContentArea.of(480, 720, 32, 0, 416, 720), detectFile(VIDEOS.resolve("chair-19-sd-bar.mp4")));
  }

  @Test
  void detect_patternWithPillars_cutsThem() throws Exception {
    assertNear(ContentArea.of(480, 720, 32, 0, 416, 720), detectFile(VIDEOS.resolve("pattern-sd-grey-bar.mp4")));
  }

  @Test
  void detect_doorknobWithoutBars_isWholeFrame() throws Exception {
    ContentArea area = detectFile(VIDEOS.resolve("doorknob-hd-no-bar.mp4"));

    assertTrue(area.isWholeFrame(), area.toString());
  }

  @Test
  void detect_greyLetterboxAddedByVideoVariants_findsTheOriginalFrame(@TempDir Path dir) throws Exception {
    Path boxed = dir.resolve("boxed.mp4");
    VideoVariants.create().write(VIDEOS.resolve("test-padded-dimensions.mp4"), boxed,
        List.of(Trim.seconds(0, 2), Scale.to(320, 240), Bars.letterbox(0.125, 0x808080)));

    assertNear(ContentArea.of(320, 320, 0, 40, 320, 240), detectFile(boxed));
  }

  private static ContentArea detectFile(Path file) throws Exception {
    return BorderDetector.detect(FfmpegVideoDecoder.create(), file, VideoLimits.defaults());
  }

  /** Within 3 pixels on each edge: encoders blur the line where a bar meets the content. */
  private static void assertNear(ContentArea expected, ContentArea actual) {
    String message = "expected " + expected + ", got " + actual;
    assertEquals(expected.frameWidth(), actual.frameWidth(), message);
    assertEquals(expected.frameHeight(), actual.frameHeight(), message);
    assertEquals(expected.x(), actual.x(), 3, message);
    assertEquals(expected.y(), actual.y(), 3, message);
    assertEquals(expected.x() + expected.width(), actual.x() + actual.width(), 3, message);
    assertEquals(expected.y() + expected.height(), actual.y() + actual.height(), 3, message);
  }

  /** {@code frames} frames of random texture inside bars of {@code colour} with +-2 noise. */
  private static ContentArea detect(int frames, int left, int top, int right, int bottom, int colour) {
    BorderDetector d = BorderDetector.forFrameSize(W, H);
    SplittableRandom random = new SplittableRandom(left * 31 + top);
    for (int f = 0; f < frames; f++) {
      byte[] rgb = texture(random, 0, 256);
      paintNoisy(rgb, random, 0, 0, W, top, colour, 2);
      paintNoisy(rgb, random, 0, H - bottom, W, bottom, colour, 2);
      paintNoisy(rgb, random, 0, 0, left, H, colour, 2);
      paintNoisy(rgb, random, W - right, 0, right, H, colour, 2);
      d.add(RgbFrame.wrap(f, f / 30.0, W, H, rgb));
    }
    return d.contentArea();
  }

  private static byte[] texture(SplittableRandom random, int min, int max) {
    byte[] rgb = new byte[W * H * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) random.nextInt(min, max);
    }
    return rgb;
  }

  /** Paints a rectangle of {@code colour} plus uniform noise in [0, noise], clamped to 0..255. */
  private static void paintNoisy(byte[] rgb, SplittableRandom random, int x, int y, int w, int h, int colour,
      int noise) {
    for (int row = y; row < y + h; row++) {
      for (int col = x; col < x + w; col++) {
        for (int c = 0; c < 3; c++) {
          int base = (colour >> (16 - 8 * c)) & 0xff;
          int v = Math.min(255, base + (noise == 0 ? 0 : random.nextInt(noise + 1)));
          rgb[(row * W + col) * 3 + c] = (byte) v;
        }
      }
    }
  }
}
