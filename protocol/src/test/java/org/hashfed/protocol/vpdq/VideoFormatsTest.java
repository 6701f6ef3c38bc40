package org.hashfed.protocol.vpdq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.LowBitrate;
import org.hashfed.protocol.video.edit.OutputCodec;
import org.hashfed.protocol.video.edit.Scale;
import org.hashfed.protocol.video.edit.Trim;
import org.hashfed.protocol.video.edit.VideoFormatFixtures;
import org.hashfed.protocol.video.edit.VideoFormatFixtures.Format;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every container and codec the issue names hashes, and to nearly the same frames. */
class VideoFormatsTest {

  @TempDir static Path dir;
  static Map<Format, Path> files = new EnumMap<>(Format.class);
  static VideoHashes reference;

  @BeforeAll
  static void write() throws Exception {
    files.putAll(VideoFormatFixtures.writeAll(dir));
    // the same 2 s at 160x120 at a high bit rate: the frames every format is compared with
    Path lossless = dir.resolve("reference.mkv");
    VideoVariants.create().write(VideoFormatFixtures.SOURCE, lossless, OutputCodec.VP8,
        List.of(Trim.seconds(0, 2), Scale.to(160, 120), LowBitrate.of(4000)));
    reference = VideoSignals.hash(lossless, 0, VideoLimits.defaults());
  }

  @Test
  void everyGeneratedFormat_hashesEveryFrame_closeToTheOthers() throws Exception {
    for (Map.Entry<Format, Path> f : files.entrySet()) {
      VideoHashes v = VideoSignals.hash(f.getValue(), 0, VideoLimits.defaults());
      assertEquals(VideoFormatFixtures.FRAMES, v.frames().size(), f.getKey() + ": " + v);
      assertTrue(nearShare(v, reference) >= 0.8, f.getKey() + ": only " + nearShare(v, reference)
          + " of frames within 31 bits of the same frames in another encoding");
    }
  }

  @Test
  void hevc_hashesEveryFrame() throws Exception {
    VideoHashes v = VideoSignals.hash(VideoFormatFixtures.HEVC, 0, VideoLimits.defaults());
    assertEquals(VideoFormatFixtures.FRAMES, v.frames().size());
    assertTrue(nearShare(v, reference) >= 0.8, "hevc: " + nearShare(v, reference));
  }

  private static double nearShare(VideoHashes a, VideoHashes b) {
    int near = 0;
    int n = Math.min(a.frames().size(), b.frames().size());
    for (int i = 0; i < n; i++) {
      if (a.frames().get(i).hash().distance(b.frames().get(i).hash()) <= 31) {
        near++;
      }
    }
    return near / (double) n;
  }
}
