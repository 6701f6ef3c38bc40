package org.hashfed.protocol.log;

import java.util.List;
import java.util.Objects;

/**
 * Verification of RFC 6962 inclusion and consistency proofs, by the algorithms of RFC 9162
 * sections 2.1.3.2 and 2.1.4.2. Each method returns normally only when the proof is valid.
 */
public final class LogProofs {

  private LogProofs() {}

  /**
   * Checks that the leaf with hash {@code leafHash} is at {@code index} in the tree of
   * {@code treeSize} leaves whose root is {@code root}.
   *
   * @throws LogVerificationException naming the failed check when the proof does not hold
   */
  public static void verifyInclusion(Hash32 leafHash, long index, long treeSize, List<Hash32> proof, Hash32 root)
      throws LogVerificationException {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(root, "root");
    if (index < 0 || treeSize < 0 || index >= treeSize) {
      throw new LogVerificationException(
          "inclusion proof for leaf index " + index + " in a tree of " + treeSize + " leaves: index out of range");
    }
    Hash32 computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
    if (!computed.equals(root)) {
      throw new LogVerificationException(
          "inclusion proof for leaf index " + index + " at tree size " + treeSize + " leads to root " + computed.toHex()
              + ", not the expected root " + root.toHex());
    }
  }

  /**
   * The root that an inclusion proof implies for the given leaf, index and size (RFC 9162
   * section 2.1.3.2 steps 1 to 5).
   *
   * @throws LogVerificationException when the proof has the wrong length for the index and size
   */
  static Hash32 rootFromInclusionProof(Hash32 leafHash, long index, long treeSize, List<Hash32> proof)
      throws LogVerificationException {
    long fn = index;
    long sn = treeSize - 1;
    Hash32 r = leafHash;
    for (Hash32 p : proof) {
      Objects.requireNonNull(p, "proof element");
      if (sn == 0) {
        throw new LogVerificationException(
            "inclusion proof for leaf index " + index + " at tree size " + treeSize + " has " + proof.size()
                + " hashes, more than the path length");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new LogVerificationException(
          "inclusion proof for leaf index " + index + " at tree size " + treeSize + " has " + proof.size()
              + " hashes, fewer than the path length");
    }
    return r;
  }

  /**
   * Checks that the tree of {@code size2} leaves with root {@code root2} extends the tree of
   * {@code size1} leaves with root {@code root1}.
   *
   * @throws LogVerificationException naming the failed check when the proof does not hold
   */
  public static void verifyConsistency(long size1, long size2, List<Hash32> proof, Hash32 root1, Hash32 root2)
      throws LogVerificationException {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    String what = "consistency proof from tree size " + size1 + " to " + size2;
    if (size1 < 0 || size2 < size1) {
      throw new LogVerificationException(what + ": sizes out of order (expected: 0 <= size1 <= size2)");
    }
    if (size1 == 0 || size1 == size2) {
      if (!proof.isEmpty()) {
        throw new LogVerificationException(what + ": expected an empty proof, got " + proof.size() + " hashes");
      }
      if (size1 == 0 && !root1.equals(Rfc6962.EMPTY_ROOT)) {
        throw new LogVerificationException(what + ": the first root " + root1.toHex() + " is not the empty tree's root");
      }
      if (size1 == size2 && !root1.equals(root2)) {
        throw new LogVerificationException(
            what + ": equal sizes with different roots " + root1.toHex() + " and " + root2.toHex());
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new LogVerificationException(what + ": the proof is empty");
    }
    int next = 0;
    Hash32 seed;
    if (Long.bitCount(size1) == 1) {
      // The old tree is a complete subtree of the new one, so the proof omits its root.
      seed = root1;
    } else {
      seed = Objects.requireNonNull(proof.get(0), "proof element");
      next = 1;
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash32 fr = seed;
    Hash32 sr = seed;
    for (int i = next; i < proof.size(); i++) {
      Hash32 c = Objects.requireNonNull(proof.get(i), "proof element");
      if (sn == 0) {
        throw new LogVerificationException(what + ": the proof has " + proof.size() + " hashes, more than needed");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new LogVerificationException(what + ": the proof has " + proof.size() + " hashes, fewer than needed");
    }
    if (!fr.equals(root1)) {
      throw new LogVerificationException(
          what + ": the proof leads to first root " + fr.toHex() + ", not the expected " + root1.toHex());
    }
    if (!sr.equals(root2)) {
      throw new LogVerificationException(
          what + ": the proof leads to second root " + sr.toHex() + ", not the expected " + root2.toHex());
    }
  }
}
