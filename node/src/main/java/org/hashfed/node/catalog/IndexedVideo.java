package org.hashfed.node.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.pdq.PdqResult;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqContent;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * The frames of a video that take part in matching, as python-threatexchange's vPDQ matcher takes
 * them: exact duplicate hashes removed and frames below quality 50 dropped. Two sets: the standard
 * (whole-frame) hashes, then the content-area hashes when the video has borders. Each distinct hash
 * remembers every time it occurs, so a match can report time ranges.
 *
 * <p>Slots number the distinct hashes: {@code 0 .. standardCount - 1} standard, then content.
 */
final class IndexedVideo {

  private final PdqHash[] hashes;
  private final long[][] times;
  private final int standardCount;
  private final long intervalMillis;

  private IndexedVideo(PdqHash[] hashes, long[][] times, int standardCount, long intervalMillis) {
    this.hashes = hashes;
    this.times = times;
    this.standardCount = standardCount;
    this.intervalMillis = intervalMillis;
  }

  static IndexedVideo of(VideoHashes video) {
    Map<PdqHash, List<Long>> standard = new LinkedHashMap<>();
    Map<PdqHash, List<Long>> content = new LinkedHashMap<>();
    List<VpdqFrame> frames = video.frames();
    List<PdqResult> contentFrames = video.content().map(VpdqContent::frames).orElse(List.of());
    for (int i = 0; i < frames.size(); i++) {
      VpdqFrame f = frames.get(i);
      if (f.quality() >= PdqResult.MIN_SHAREABLE_QUALITY) {
        standard.computeIfAbsent(f.hash(), h -> new ArrayList<>(1)).add(f.timestampMillis());
      }
      if (i < contentFrames.size() && contentFrames.get(i).quality() >= PdqResult.MIN_SHAREABLE_QUALITY) {
        content.computeIfAbsent(contentFrames.get(i).hash(), h -> new ArrayList<>(1)).add(f.timestampMillis());
      }
    }
    int n = standard.size() + content.size();
    PdqHash[] hashes = new PdqHash[n];
    long[][] times = new long[n][];
    int slot = 0;
    for (Map<PdqHash, List<Long>> set : List.of(standard, content)) {
      for (Map.Entry<PdqHash, List<Long>> e : set.entrySet()) {
        hashes[slot] = e.getKey();
        times[slot++] = e.getValue().stream().mapToLong(Long::longValue).toArray();
      }
    }
    return new IndexedVideo(hashes, times, standard.size(), interval(frames));
  }

  // The sampling interval, for joining matched frames into ranges: the median gap between frames.
  private static long interval(List<VpdqFrame> frames) {
    if (frames.size() < 2) {
      return 1000;
    }
    long[] gaps = new long[frames.size() - 1];
    for (int i = 1; i < frames.size(); i++) {
      gaps[i - 1] = frames.get(i).timestampMillis() - frames.get(i - 1).timestampMillis();
    }
    Arrays.sort(gaps);
    return Math.max(1, gaps[gaps.length / 2]);
  }

  /** Number of distinct hashes, standard and content. */
  int slots() {
    return hashes.length;
  }

  /** Number of distinct standard hashes. */
  int standardCount() {
    return standardCount;
  }

  /** Number of distinct content-area hashes. */
  int contentCount() {
    return hashes.length - standardCount;
  }

  boolean isContent(int slot) {
    return slot >= standardCount;
  }

  PdqHash hash(int slot) {
    return hashes[slot];
  }

  /** Every time (ms) at which the hash in {@code slot} occurs. */
  long[] times(int slot) {
    return times[slot];
  }

  /** The usual gap between sampled frames, in milliseconds. */
  long intervalMillis() {
    return intervalMillis;
  }
}
