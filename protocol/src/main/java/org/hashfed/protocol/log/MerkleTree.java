package org.hashfed.protocol.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An append-only RFC 6962 Merkle tree over a {@link HashStore}: appends, roots and proofs at any
 * past size.
 *
 * <p>The tree keeps the right edge of the current tree (one hash per set bit of the size, the
 * "compact range") in memory, so an append reads nothing and writes the leaf plus each subtree it
 * completes. Roots and proofs read O(log n) complete-subtree hashes from the store. Appends are
 * serialised by this object; reads may run concurrently with them when the store allows it.
 */
public final class MerkleTree {

  private final HashStore store;
  /** frontier[l] is the complete subtree of 2^l leaves on the right edge when bit l of size is set. */
  private final Hash32[] frontier = new Hash32[63];
  private volatile long size;

  private MerkleTree(HashStore store) {
    this.store = store;
    this.size = store.size();
    for (int level = 0; level < frontier.length; level++) {
      if ((size >>> level & 1) == 1) {
        frontier[level] = store.get(level, (size >>> level) - 1);
      }
    }
  }

  /** The tree held in {@code store}, which may be empty or hold an earlier tree. */
  public static MerkleTree open(HashStore store) {
    return new MerkleTree(Objects.requireNonNull(store, "store"));
  }

  /** A new empty tree in memory. */
  public static MerkleTree inMemory() {
    return new MerkleTree(new MemoryHashStore());
  }

  /** Number of leaves. */
  public long size() {
    return size;
  }

  /** Appends one leaf whose data (the envelope bytes) is hashed as an RFC 6962 leaf; returns its index. */
  public long append(byte[] leafData) {
    return appendLeafHashes(List.of(Rfc6962.leafHash(leafData)));
  }

  /**
   * Appends leaves by their leaf hashes in one store write; returns the index of the first.
   *
   * @throws IllegalArgumentException when the list is empty
   */
  public synchronized long appendLeafHashes(List<Hash32> leafHashes) {
    if (leafHashes.isEmpty()) {
      throw new IllegalArgumentException("nothing to append (expected: at least one leaf hash)");
    }
    long first = size;
    long n = first;
    // Work on a copy so that a failed store write leaves the in-memory edge as it was.
    Hash32[] edge = frontier.clone();
    List<TreeNode> completed = new ArrayList<>(2 * leafHashes.size() + 64);
    for (Hash32 leafHash : leafHashes) {
      Hash32 hash = Objects.requireNonNull(leafHash, "leaf hash");
      int level = 0;
      completed.add(new TreeNode(0, n, hash));
      while ((n >>> level & 1) == 1) {
        hash = Rfc6962.nodeHash(edge[level], hash);
        edge[level] = null;
        level++;
        completed.add(new TreeNode(level, n >>> level, hash));
      }
      edge[level] = hash;
      n++;
    }
    store.append(n, completed);
    System.arraycopy(edge, 0, frontier, 0, edge.length);
    size = n;
    return first;
  }

  /** The root hash of the tree of the first {@code treeSize} leaves. */
  public Hash32 root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? Rfc6962.EMPTY_ROOT : rangeHash(0, treeSize);
  }

  /** The root hash of the current tree. */
  public Hash32 root() {
    return root(size);
  }

  /** The hash of leaf {@code index}. */
  public Hash32 leafHash(long index) {
    checkIndex(index, size);
    return store.get(0, index);
  }

  /**
   * The inclusion proof (RFC 6962 PATH, audit path) of leaf {@code index} in the tree of
   * {@code treeSize} leaves, siblings from the leaf upwards.
   */
  public List<Hash32> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    checkIndex(index, treeSize);
    List<Hash32> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return Collections.unmodifiableList(proof);
  }

  /**
   * The consistency proof (RFC 6962 PROOF) between the trees of {@code size1} and
   * {@code size2} leaves; empty when {@code size1} is 0 or equals {@code size2}.
   */
  public List<Hash32> consistencyProof(long size1, long size2) {
    checkSize(size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "invalid first tree size " + size1 + " (expected: 0.." + size2 + ")");
    }
    List<Hash32> proof = new ArrayList<>();
    if (size1 > 0 && size1 < size2) {
      subproof(size1, 0, size2, true, proof);
    }
    return Collections.unmodifiableList(proof);
  }

  /** PATH(m, D[start:end]) of RFC 6962 section 2.1.1, with m relative to start. */
  private void path(long m, long start, long end, List<Hash32> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(rangeHash(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(rangeHash(start, start + k));
    }
  }

  /** SUBPROOF(m, D[start:end], b) of RFC 6962 section 2.1.2. */
  private void subproof(long m, long start, long end, boolean wholeOldTree, List<Hash32> out) {
    long n = end - start;
    if (m == n) {
      if (!wholeOldTree) {
        out.add(rangeHash(start, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, wholeOldTree, out);
      out.add(rangeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(rangeHash(start, start + k));
    }
  }

  /**
   * MTH(D[start:end]) for a range whose start is aligned as in the RFC recursion: a complete
   * subtree is one read, a ragged right edge splits into a complete left part and the rest.
   */
  private Hash32 rangeHash(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return store.get(level, start >>> level);
    }
    long k = largestPowerOfTwoBelow(n);
    return Rfc6962.nodeHash(rangeHash(start, start + k), rangeHash(start + k, end));
  }

  /** The largest power of two strictly less than {@code n}, for {@code n >= 2}. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    long current = size;
    if (treeSize < 0 || treeSize > current) {
      throw new IllegalArgumentException(
          "invalid tree size " + treeSize + " (expected: 0.." + current + ", the current size)");
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "invalid leaf index " + index + " for a tree of " + treeSize + " leaves (expected: 0.." + (treeSize - 1) + ")");
    }
  }
}
