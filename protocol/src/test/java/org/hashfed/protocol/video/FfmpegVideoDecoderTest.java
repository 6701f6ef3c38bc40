package org.hashfed.protocol.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashfed.protocol.video.VideoDecodeException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding the vectors, refusing hostile input and enforcing every limit; bad files are made here. */
class FfmpegVideoDecoderTest {

  private static final Path CHAIR = Path.of("src/test/resources/vpdq/videos/chair-19-sd-bar.mp4");
  private static final VideoDecoder DECODER = FfmpegVideoDecoder.create();

  @TempDir
  Path dir;

  /** A sink that converts every 100th frame and checks its number and timestamp. */
  private static class Counting implements FrameSink {
    VideoInfo started;
    int converted;

    @Override
    public void start(VideoInfo info) {
      started = info;
    }

    @Override
    public boolean wants(int frameNumber) {
      return frameNumber % 100 == 0;
    }

    @Override
    public void frame(RgbFrame frame) {
      assertEquals(converted * 100, frame.frameNumber());
      assertEquals(frame.frameNumber() / 30.0, frame.timestampSeconds(), 1e-9);
      converted++;
    }
  }

  @Test
  void decode_vector_reportsStreamAndNumbersFrames() throws Exception {
    Counting sink = new Counting();
    VideoInfo info = DECODER.decode(CHAIR, VideoLimits.defaults(), sink);
    assertEquals(564, info.frames());
    assertEquals(6, sink.converted);
    assertEquals(0, sink.started.frames());
    assertEquals("h264", info.codec());
    assertTrue(info.container().contains("mp4"), info.container());
    assertEquals(480, info.width());
    assertEquals(720, info.height());
    assertEquals(30.0, info.fps(), 1e-9);
  }

  @Test
  void decode_truncatedMp4_isInvalid() throws Exception {
    byte[] all = Files.readAllBytes(CHAIR);
    Path truncated = write("truncated.mp4", Arrays.copyOf(all, all.length * 3 / 10));
    assertInvalid(truncated);
  }

  @Test
  void decode_randomBytes_isInvalid() throws Exception {
    byte[] noise = new byte[64 * 1024];
    new Random(42).nextBytes(noise);
    assertInvalid(write("noise.mp4", noise));
  }

  @Test
  void decode_textFile_isInvalid() throws Exception {
    assertInvalid(write("notes.txt", "just some text, not a video\n".repeat(100).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void decode_emptyFile_isInvalid() throws Exception {
    assertInvalid(write("empty.mp4", new byte[0]));
  }

  @Test
  void decode_png_isInvalid() throws Exception {
    Path png = dir.resolve("image.png");
    ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    assertInvalid(png);
  }

  @Test
  void decode_frameOverPixelLimit_throwsLimitNamingSizeAndLimit() {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(CHAIR, VideoLimits.defaults().withMaxFramePixels(100_000), new Counting()));
    assertEquals(Reason.LIMIT, e.reason());
    assertEquals("chair-19-sd-bar.mp4: frame size 480x720 = 345600 pixels exceeds the limit of 100000"
        + " (VideoLimits max frame pixels)", e.getMessage());
  }

  @Test
  void decode_fileOverSizeLimit_throwsLimitBeforeOpening() throws Exception {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(CHAIR, VideoLimits.defaults().withMaxFileBytes(1000), new Counting()));
    assertEquals(Reason.LIMIT, e.reason());
    assertEquals("chair-19-sd-bar.mp4: file size " + Files.size(CHAIR)
        + " bytes exceeds the limit of 1000 bytes (VideoLimits max file bytes)", e.getMessage());
  }

  @Test
  void decode_longerThanDurationLimit_throwsLimit() {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(CHAIR, VideoLimits.defaults().withMaxDuration(Duration.ofSeconds(1)), new Counting()));
    assertEquals(Reason.LIMIT, e.reason());
    assertTrue(e.getMessage().matches("chair-19-sd-bar\\.mp4: duration 18\\.8[0-9]* s exceeds the limit of 1\\.0 s"
        + " \\(VideoLimits max duration\\)"), e.getMessage());
  }

  @Test
  void decode_moreFramesThanLimit_throwsLimit() {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(CHAIR, VideoLimits.defaults().withMaxFrames(10), new Counting()));
    assertEquals(Reason.LIMIT, e.reason());
    assertEquals("chair-19-sd-bar.mp4: more than 10 frames (VideoLimits max frames)", e.getMessage());
  }

  @Test
  void decode_pastDeadline_throwsLimit() {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(CHAIR, VideoLimits.defaults().withMaxDecodeTime(Duration.ofNanos(1)), new Counting()));
    assertEquals(Reason.LIMIT, e.reason());
    assertEquals("chair-19-sd-bar.mp4: decoding took longer than the limit of 0 ms (VideoLimits max decode time)",
        e.getMessage());
  }

  @Test
  void decode_threadInterrupted_throwsCancelled() {
    FrameSink interruptAtFive = new Counting() {
      @Override
      public boolean wants(int frameNumber) {
        if (frameNumber == 5) {
          Thread.currentThread().interrupt();
        }
        return false;
      }
    };
    try {
      VideoDecodeException e = assertThrows(VideoDecodeException.class,
          () -> DECODER.decode(CHAIR, VideoLimits.defaults(), interruptAtFive));
      assertEquals(Reason.CANCELLED, e.reason());
      assertEquals("chair-19-sd-bar.mp4: decoding cancelled (thread interrupted)", e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void decode_missingFile_isIo() {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(dir.resolve("gone.mp4"), VideoLimits.defaults(), new Counting()));
    assertEquals(Reason.IO, e.reason());
    assertTrue(e.getMessage().startsWith("gone.mp4: "), e.getMessage());
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private void assertInvalid(Path file) {
    VideoDecodeException e = assertThrows(VideoDecodeException.class,
        () -> DECODER.decode(file, VideoLimits.defaults(), new Counting()));
    assertEquals(Reason.INVALID, e.reason(), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.getFileName() + ": "), e.getMessage());
  }
}
