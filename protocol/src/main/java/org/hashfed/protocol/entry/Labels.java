package org.hashfed.protocol.entry;

import java.util.List;
import java.util.TreeSet;

/** The rules for a label set: 1 to 16 distinct labels, kept sorted. */
final class Labels {

  /** Most labels on one entry. */
  static final int MAX = 16;

  private Labels() {}

  static List<Label> check(List<Label> labels) {
    if (labels == null || labels.isEmpty() || labels.size() > MAX) {
      throw new IllegalArgumentException("an entry needs 1 to " + MAX + " labels, got "
          + (labels == null ? "null" : labels.size()));
    }
    TreeSet<Label> sorted = new TreeSet<>();
    for (Label l : labels) {
      if (l == null) {
        throw new IllegalArgumentException("label list contains null");
      }
      if (!sorted.add(l)) {
        throw new IllegalArgumentException("label " + Text.quote(l.value()) + " appears twice: expected distinct labels");
      }
    }
    return List.copyOf(sorted);
  }
}
