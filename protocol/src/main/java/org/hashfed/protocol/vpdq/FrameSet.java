package org.hashfed.protocol.vpdq;

import java.util.ArrayList;
import java.util.List;
import org.hashfed.protocol.pdq.PdqResult;

/** One set of per-frame hashes a {@code vpdq} signal can carry (spec/video.md section 2). */
public enum FrameSet {
  /** Whole frames, as every vPDQ implementation hashes them. */
  STANDARD("standard"),
  /** The content area inside uniform borders. */
  CONTENT("content"),
  /** The central 60% of the whole frame. */
  CENTRE_60("centre-60"),
  /** The central 80% of the whole frame. */
  CENTRE_80("centre-80");

  private final String label;

  FrameSet(String label) {
    this.label = label;
  }

  /** This set's name in reports and the API. */
  public String label() {
    return label;
  }

  /**
   * Whether this set shows a video's whole picture: its whole frames or, inside borders, its
   * content area. An edit that adds or removes borders swaps one for the other.
   */
  public boolean isPicture() {
    return this == STANDARD || this == CONTENT;
  }

  /** This set's hashes in {@code video}, one per standard frame, or none when it does not carry the set. */
  public List<PdqResult> of(VideoHashes video) {
    return switch (this) {
      case STANDARD -> {
        List<PdqResult> out = new ArrayList<>(video.frames().size());
        video.frames().forEach(f -> out.add(PdqResult.of(f.hash(), f.quality())));
        yield out;
      }
      case CONTENT -> video.content().map(VpdqContent::frames).orElse(List.of());
      case CENTRE_60 -> video.centre().map(VpdqCentre::narrow).orElse(List.of());
      case CENTRE_80 -> video.centre().map(VpdqCentre::wide).orElse(List.of());
    };
  }
}
