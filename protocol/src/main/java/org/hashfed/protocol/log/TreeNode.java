package org.hashfed.protocol.log;

import java.util.Objects;

/**
 * The hash of a complete subtree: level 0 holds leaf hashes, and node {@code (level, index)}
 * covers leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 */
public record TreeNode(int level, long index, Hash32 hash) {

  /** Validates the coordinates. */
  public TreeNode {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("invalid node level " + level + " (expected: 0..62)");
    }
    if (index < 0) {
      throw new IllegalArgumentException("invalid node index " + index + " (expected: >= 0)");
    }
    Objects.requireNonNull(hash, "hash");
  }
}
