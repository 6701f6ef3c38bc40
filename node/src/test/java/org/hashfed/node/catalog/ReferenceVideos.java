package org.hashfed.node.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqCentre;
import org.hashfed.protocol.vpdq.VpdqContent;
import org.hashfed.protocol.vpdq.VpdqFrame;

/** The vPDQ reference's per-frame hashes of the vector videos, as test signals. */
public final class ReferenceVideos {

  static final Path DIR = Path.of("../protocol/src/test/resources/vpdq/expected");

  private ReferenceVideos() {}

  /** The reference's frames of {@code name} (without extension), every {@code step}-th frame. */
  public static List<VpdqFrame> frames(String name, int step) {
    try {
      List<VpdqFrame> out = new ArrayList<>();
      List<String> lines = Files.readAllLines(DIR.resolve(name + ".txt"));
      for (int i = 0; i < lines.size(); i += step) {
        String[] f = lines.get(i).split(",");
        out.add(VpdqFrame.of(Integer.parseInt(f[0]), Math.round(Double.parseDouble(f[3]) * 1000),
            PdqHash.fromHex(f[2]), Integer.parseInt(f[1])));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reference's frames of {@code name}, one a second at about 30 frames per second. */
  public static VideoHashes video(String name) {
    return VideoHashes.of(frames(name, 30));
  }

  /** A video whose standard hashes are unrelated noise and whose content hashes are {@code content}'s frames. */
  public static VideoHashes boxedAround(VideoHashes content, long seed) {
    java.util.Random r = new java.util.Random(seed);
    List<VpdqFrame> standard = new ArrayList<>();
    List<PdqResult> inner = new ArrayList<>();
    for (VpdqFrame f : content.frames()) {
      standard.add(VpdqFrame.of(f.frameNumber(), f.timestampMillis(),
          PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()), 90));
      inner.add(PdqResult.of(f.hash(), f.quality()));
    }
    return VideoHashes.of(standard, Optional.of(VpdqContent.of(0, 60, 640, 360, inner)));
  }

  /** {@code n} unrelated hashes of quality 90. */
  public static List<PdqResult> noise(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    List<PdqResult> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(PdqResult.of(PdqHash.ofWords(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()), 90));
    }
    return out;
  }

  /** A video with {@code timing}'s frame numbers and times and the given standard and centre sets. */
  public static VideoHashes withSets(VideoHashes timing, List<PdqResult> standard, List<PdqResult> narrow,
      List<PdqResult> wide) {
    List<VpdqFrame> frames = new ArrayList<>();
    for (int i = 0; i < timing.frames().size(); i++) {
      VpdqFrame f = timing.frames().get(i);
      frames.add(VpdqFrame.of(f.frameNumber(), f.timestampMillis(), standard.get(i).hash(), standard.get(i).quality()));
    }
    return VideoHashes.of(frames, Optional.empty(), Optional.of(VpdqCentre.of(narrow, wide)));
  }
}
