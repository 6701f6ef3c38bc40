package org.hashfed.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashfed.protocol.video.VideoDecodeException;
import org.hashfed.protocol.video.VideoLimits;
import org.hashfed.protocol.video.edit.Bars;
import org.hashfed.protocol.video.edit.LowBitrate;
import org.hashfed.protocol.video.edit.VideoEncodeException;
import org.hashfed.protocol.video.edit.VideoVariants;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VideoSignals;
import org.hashfed.protocol.vpdq.VpdqHasher;

/**
 * The demo's video: a vPDQ reference video shipped in the jar (see NOTICE.md), and the copy the
 * demo makes of it at run time the way re-uploads look: more bars, lower bit rate.
 */
final class DemoVideo {

  static final String RESOURCE = "chair-19-sd-bar.mp4";
  /** The copy's new bars, a share of its height at the top and at the bottom. */
  static final double LETTERBOX = 0.12;
  /** The copy's bit rate, in kbit/s. */
  static final int KBPS = 300;

  private DemoVideo() {}

  /** Writes the shipped video into {@code dir} and returns its path. */
  static Path write(Path dir) throws IOException {
    Path file = dir.resolve(RESOURCE);
    try (InputStream in = DemoVideo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the demo video " + RESOURCE + " is missing from the jar");
      }
      Files.copy(in, file);
    }
    return file;
  }

  /** Writes the letterboxed, re-encoded copy of {@code source} next to it and returns its path. */
  static Path letterboxedCopy(Path source) throws VideoEncodeException {
    Path copy = source.resolveSibling("chair-letterboxed.mp4");
    VideoVariants.create().write(source, copy, List.of(Bars.letterbox(LETTERBOX), LowBitrate.of(KBPS)));
    return copy;
  }

  /** The vpdq signal hashes of {@code file}, one frame a second, as a node or the CLI computes them. */
  static VideoHashes hash(Path file) throws VideoDecodeException {
    return VideoSignals.hash(file, VpdqHasher.DEFAULT_SECONDS_PER_HASH, VideoLimits.defaults());
  }
}
