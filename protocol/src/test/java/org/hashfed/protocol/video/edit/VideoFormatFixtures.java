package org.hashfed.protocol.video.edit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture for the rest of the project: one short real file per decode format the project must
 * read, written with the bundled FFmpeg from a vPDQ vector (2 s, 160x120, 30 fps, 60 frames). HEVC
 * cannot be encoded by that build; {@link #HEVC} is a committed file.
 */
public final class VideoFormatFixtures {

  /** The committed HEVC (H.265) MP4, 160x120, 60 frames; see the README beside it. */
  public static final Path HEVC = Path.of("src/test/resources/vpdq/formats/hevc.mp4");
  /** The source of the generated files. */
  public static final Path SOURCE = Path.of("src/test/resources/vpdq/videos/test-padded-dimensions.mp4");
  /** Frames in each generated file. */
  public static final int FRAMES = 60;

  /** A format to generate: the file name, and the codec FFmpeg names when it reads it back. */
  public enum Format {
    /** H.264 in MP4. */
    MP4_H264("h264.mp4", OutputCodec.H264, "h264"),
    /** H.264 in QuickTime MOV. */
    MOV_H264("h264.mov", OutputCodec.H264, "h264"),
    /** VP8 in WebM. */
    WEBM_VP8("vp8.webm", OutputCodec.VP8, "vp8"),
    /** VP9 in WebM. */
    WEBM_VP9("vp9.webm", OutputCodec.VP9, "vp9"),
    /** AV1 in Matroska. */
    MKV_AV1("av1.mkv", OutputCodec.AV1, "av1"),
    /** Animated GIF. */
    GIF("animated.gif", OutputCodec.GIF, "gif");

    final String fileName;
    final OutputCodec codec;
    final String decodedCodecName;

    Format(String fileName, OutputCodec codec, String decodedCodecName) {
      this.fileName = fileName;
      this.codec = codec;
      this.decodedCodecName = decodedCodecName;
    }

    /** The codec name FFmpeg reports when it opens the file, e.g. {@code vp9}. */
    public String decodedCodecName() {
      return decodedCodecName;
    }
  }

  private VideoFormatFixtures() {
  }

  /** Writes one file of {@code format} into {@code dir} and returns its path. */
  public static Path write(Path dir, Format format) throws VideoEncodeException {
    Path file = dir.resolve(format.fileName);
    VideoVariants.create().write(SOURCE, file, format.codec, List.of(Trim.seconds(0, 2), Scale.to(160, 120)));
    return file;
  }

  /** Writes every generated format into {@code dir}, in declaration order. */
  public static Map<Format, Path> writeAll(Path dir) throws VideoEncodeException {
    Map<Format, Path> files = new LinkedHashMap<>();
    for (Format f : Format.values()) {
      files.put(f, write(dir, f));
    }
    return files;
  }
}
