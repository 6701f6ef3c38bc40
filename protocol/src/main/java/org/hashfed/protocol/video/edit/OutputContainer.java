package org.hashfed.protocol.video.edit;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** An output container, chosen by file extension, with its default codec and the codecs it takes. */
public enum OutputContainer {
  /** {@code .mp4}: H.264 (or AV1). */
  MP4("mp4", "mp4", OutputCodec.H264, EnumSet.of(OutputCodec.H264, OutputCodec.AV1)),
  /** {@code .mov}: H.264. */
  MOV("mov", "mov", OutputCodec.H264, EnumSet.of(OutputCodec.H264)),
  /** {@code .webm}: VP9 (or VP8, AV1). */
  WEBM("webm", "webm", OutputCodec.VP9, EnumSet.of(OutputCodec.VP8, OutputCodec.VP9, OutputCodec.AV1)),
  /** {@code .mkv}: AV1 (or any other codec but GIF). */
  MKV("mkv", "matroska", OutputCodec.AV1,
      EnumSet.of(OutputCodec.H264, OutputCodec.VP8, OutputCodec.VP9, OutputCodec.AV1)),
  /** {@code .gif}: animated GIF. */
  GIF("gif", "gif", OutputCodec.GIF, EnumSet.of(OutputCodec.GIF));

  private final String extension;
  private final String muxer;
  private final OutputCodec defaultCodec;
  private final Set<OutputCodec> codecs;

  OutputContainer(String extension, String muxer, OutputCodec defaultCodec, Set<OutputCodec> codecs) {
    this.extension = extension;
    this.muxer = muxer;
    this.defaultCodec = defaultCodec;
    this.codecs = codecs;
  }

  /**
   * The container for {@code file}'s extension.
   *
   * @throws IllegalArgumentException for any extension but .mp4, .mov, .webm, .mkv and .gif
   */
  public static OutputContainer forFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (OutputContainer c : values()) {
      if (name.endsWith("." + c.extension)) {
        return c;
      }
    }
    throw new IllegalArgumentException("output file " + file + " (expected: a name ending .mp4, .mov, .webm, .mkv or .gif)");
  }

  /** The codec written when none is asked for. */
  public OutputCodec defaultCodec() {
    return defaultCodec;
  }

  /** Whether this container can hold {@code codec}. */
  public boolean holds(OutputCodec codec) {
    return codecs.contains(codec);
  }

  String muxer() {
    return muxer;
  }
}
