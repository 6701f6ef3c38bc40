package org.hashfed.protocol.vpdq;

import java.util.List;
import java.util.Objects;
import org.hashfed.protocol.pdq.PdqResult;

/**
 * The hashes of two fixed central regions of every standard frame: the central 60% and the central
 * 80% of the whole frame's width and height, one PDQ result per standard frame each, in the same
 * order (spec/video.md section 2.2).
 *
 * <p>An overlay in a corner or along an edge (a logo, a caption, a channel's watermark) changes the
 * whole frame's hash but leaves the central 60% alone; a copy cropped by up to about a tenth on each
 * side shows the original's central 80% as its whole frame. The regions are fixed by the spec, so
 * no coordinates travel.
 */
public final class VpdqCentre {

  /** The central 60% of width and height. */
  public static final FrameRegion NARROW = FrameRegion.centre(0.6);
  /** The central 80% of width and height. */
  public static final FrameRegion WIDE = FrameRegion.centre(0.8);

  private final List<PdqResult> narrow;
  private final List<PdqResult> wide;

  private VpdqCentre(List<PdqResult> narrow, List<PdqResult> wide) {
    this.narrow = narrow;
    this.wide = wide;
  }

  /**
   * The centre hashes of {@code n} standard frames: {@code narrow} of the central 60%, {@code wide}
   * of the central 80%.
   *
   * @throws IllegalArgumentException when either list is empty or they differ in length
   */
  public static VpdqCentre of(List<PdqResult> narrow, List<PdqResult> wide) {
    List<PdqResult> n = List.copyOf(Objects.requireNonNull(narrow, "narrow"));
    List<PdqResult> w = List.copyOf(Objects.requireNonNull(wide, "wide"));
    if (n.isEmpty() || n.size() != w.size()) {
      throw new IllegalArgumentException("centre hashes for " + n.size() + " and " + w.size()
          + " frames (expected: one of each per standard frame)");
    }
    return new VpdqCentre(n, w);
  }

  /** The hashes of the central 60%, one per standard frame. */
  public List<PdqResult> narrow() {
    return narrow;
  }

  /** The hashes of the central 80%, one per standard frame. */
  public List<PdqResult> wide() {
    return wide;
  }

  /** Number of frames. */
  public int size() {
    return narrow.size();
  }

  /** Whether any centre hash reaches {@code quality}. */
  boolean anyReaches(int quality) {
    return narrow.stream().anyMatch(r -> r.quality() >= quality) || wide.stream().anyMatch(r -> r.quality() >= quality);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VpdqCentre c && c.narrow.equals(narrow) && c.wide.equals(wide);
  }

  @Override
  public int hashCode() {
    return narrow.hashCode() * 31 + wide.hashCode();
  }
}
