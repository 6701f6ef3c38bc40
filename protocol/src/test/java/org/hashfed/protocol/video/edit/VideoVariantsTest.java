package org.hashfed.protocol.video.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashfed.protocol.video.VideoInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VideoVariantsTest {

  @TempDir
  static Path dir;

  /** A small copy of a vPDQ vector, 320x240, 150 frames at 30 fps, so each edit test is quick. */
  private static Path source;

  @BeforeAll
  static void writeSource() throws Exception {
    source = dir.resolve("source.mp4");
    VideoVariants.create().write(VideoFormatFixtures.SOURCE, source, List.of(Scale.to(320, 240)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "scale=0.5; 160; 120; 150",
      "letterbox=12.5%; 320; 320; 150",
      "pillarbox=10%; 400; 240; 150",
      "crop=10%; 256; 192; 150",
      "crop=10%:keep; 320; 240; 150",
      "logo=25%:top-right; 320; 240; 150",
      "caption; 320; 240; 150",
      "greyscale; 320; 240; 150",
      "lowbitrate=150; 320; 240; 150",
      "fps=15; 320; 240; 75",
      "fps=24; 320; 240; 120",
      "trim=2:60%; 320; 240; 90",
      "trim=1:2; 320; 240; 60",
      "pip=40%:bottom-left; 320; 240; 150",
      "crop=10%,scale=0.5,logo=25%:bottom-right; 128; 96; 150",
  })
  void write_eachEdit_reopensAsH264WithExpectedSizeAndFrames(String edits, int width, int height, int frames)
      throws Exception {
    Path out = dir.resolve(edits.replaceAll("[^a-z0-9]", "_") + ".mp4");

    VideoInfo written = VideoVariants.create().write(source, out, VideoEdits.parseList(edits));
    VideoProbe probe = VideoProbe.of(out);

    assertEquals("h264", probe.codec(), probe.toString());
    assertEquals(width, probe.width(), probe.toString());
    assertEquals(height, probe.height(), probe.toString());
    assertEquals(frames, probe.packets(), 2, probe.toString());
    assertEquals(frames, written.frames(), 2, written.toString());
  }

  @Test
  void write_lowBitrate_isSmallerThanDefault() throws Exception {
    Path normal = dir.resolve("normal.mp4");
    Path low = dir.resolve("low.mp4");

    VideoVariants.create().write(source, normal, List.of());
    VideoVariants.create().write(source, low, List.of(LowBitrate.of(50)));

    assertTrue(Files.size(low) < Files.size(normal), Files.size(low) + " vs " + Files.size(normal));
  }

  @Test
  void write_sameInputTwice_writesSameBytes() throws Exception {
    Path first = dir.resolve("first.webm");
    Path second = dir.resolve("second.webm");
    List<VideoEdit> edits = VideoEdits.parseList("trim=0:1,scale=0.5,caption");

    VideoVariants.create().write(source, first, edits);
    VideoVariants.create().write(source, second, edits);

    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
  }

  @Test
  void write_vp8InMkv_isVp8() throws Exception {
    Path out = dir.resolve("vp8.mkv");

    VideoVariants.create().write(source, out, OutputCodec.VP8, List.of(FrameRate.of(10)));

    assertEquals("vp8", VideoProbe.of(out).codec());
    assertEquals(50, VideoProbe.of(out).packets(), 2);
  }

  @Test
  void write_av1InMp4_isAv1() throws Exception {
    Path out = dir.resolve("av1.mp4");

    VideoVariants.create().write(source, out, OutputCodec.AV1, List.of(Trim.seconds(0, 1)));

    assertEquals("av1", VideoProbe.of(out).codec());
    assertEquals(30, VideoProbe.of(out).packets(), 2);
  }

  @Test
  void write_toMissingDirectory_throwsNamingFile() {
    Path out = dir.resolve("no-such-dir").resolve("out.mp4");

    VideoEncodeException e = assertThrows(VideoEncodeException.class,
        () -> VideoVariants.create().write(source, out, List.of()));

    assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("cannot create"), e.getMessage());
  }

  @Test
  void write_unknownExtension_throwsNamingFile() {
    Path out = dir.resolve("out.avi");

    VideoEncodeException e = assertThrows(VideoEncodeException.class,
        () -> VideoVariants.create().write(source, out, List.of()));

    assertTrue(e.getMessage().contains("out.avi") && e.getMessage().contains(".webm"), e.getMessage());
  }

  @Test
  void write_codecTheContainerCannotHold_throws() {
    Path out = dir.resolve("gif.mp4");

    VideoEncodeException e = assertThrows(VideoEncodeException.class,
        () -> VideoVariants.create().write(source, out, OutputCodec.GIF, List.of()));

    assertTrue(e.getMessage().contains("GIF"), e.getMessage());
  }

  @Test
  void write_trimAfterTheEnd_throwsAndLeavesNoFile() {
    Path out = dir.resolve("late.mp4");

    VideoEncodeException e = assertThrows(VideoEncodeException.class,
        () -> VideoVariants.create().write(source, out, List.of(Trim.seconds(60, 1))));

    assertTrue(e.getMessage().contains("trim=60.0:1.0") && e.getMessage().contains("after the end"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void write_sourceNotAVideo_throwsNamingSource() throws Exception {
    Path notVideo = Files.writeString(dir.resolve("text.mp4"), "not a video");
    Path out = dir.resolve("from-text.mp4");

    VideoEncodeException e = assertThrows(VideoEncodeException.class,
        () -> VideoVariants.create().write(notVideo, out, List.of()));

    assertTrue(e.getMessage().contains(notVideo.toString()), e.getMessage());
    assertFalse(Files.exists(out));
  }
}
