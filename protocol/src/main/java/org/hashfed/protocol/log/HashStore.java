package org.hashfed.protocol.log;

import java.util.List;

/**
 * Durable storage of a Merkle log's complete subtree hashes, the only state {@link MerkleTree}
 * needs: each complete subtree is written once, when its last leaf arrives, so an append writes
 * about two hashes on average and the root or a proof at any past size reads O(log n) of them.
 *
 * <p>Implementations must make {@link #append} atomic (a RocksDB {@code WriteBatch}) and safe to
 * call concurrently with {@link #get} and {@link #size}.
 */
public interface HashStore {

  /** Number of leaves stored. */
  long size();

  /**
   * The hash of the complete subtree {@code (level, index)}, which must lie within {@link #size()}.
   *
   * @throws IllegalStateException when the store lacks a node it should hold (corruption)
   */
  Hash32 get(int level, long index);

  /**
   * Atomically stores the nodes completed by appending leaves and records {@code newSize}.
   *
   * @param newSize the number of leaves after the append
   * @param nodes every subtree completed by the appended leaves, leaves (level 0) included
   */
  void append(long newSize, List<TreeNode> nodes);
}
