package org.hashfed.protocol.video.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VideoFormatFixturesTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(VideoFormatFixtures.Format.class)
  void write_eachFormat_reopensWithItsCodecSizeAndFrames(VideoFormatFixtures.Format format) throws Exception {
    VideoProbe probe = VideoProbe.of(VideoFormatFixtures.write(dir, format));

    assertEquals(format.decodedCodecName(), probe.codec(), probe.toString());
    assertEquals(160, probe.width(), probe.toString());
    assertEquals(120, probe.height(), probe.toString());
    assertEquals(VideoFormatFixtures.FRAMES, probe.packets(), 2, probe.toString());
  }

  @Test
  void hevc_committedFile_isHevc160x120() {
    VideoProbe probe = VideoProbe.of(VideoFormatFixtures.HEVC);

    assertEquals("hevc", probe.codec());
    assertEquals(160, probe.width());
    assertEquals(120, probe.height());
    assertTrue(probe.packets() >= 58, probe.toString());
  }
}
