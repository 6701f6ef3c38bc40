package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tree and the verifiers against the literal RFC 6962 definitions, for every size up to 300. */
class MerkleTreeTest {

  private static final int MAX = 300;
  private static final Hash32 SOME_HASH = Rfc6962.leafHash("some other data".getBytes(StandardCharsets.UTF_8));

  private static List<byte[]> leaves;
  private static NaiveMerkle naive;
  private static MerkleTree tree;

  @BeforeAll
  static void build() {
    leaves = new ArrayList<>();
    tree = MerkleTree.inMemory();
    for (int i = 0; i < MAX; i++) {
      byte[] data = ("entry " + i).getBytes(StandardCharsets.UTF_8);
      leaves.add(data);
      assertEquals(i, tree.append(data));
    }
    naive = new NaiveMerkle(leaves);
  }

  @Test
  void root_atEverySize_equalsMth() {
    for (int n = 0; n <= MAX; n++) {
      assertEquals(naive.mth(0, n), tree.root(n), "root at size " + n);
    }
  }

  @Test
  void inclusionProof_forEveryIndexAndSize_equalsPathAndVerifies() throws Exception {
    for (int n = 1; n <= MAX; n++) {
      Hash32 root = naive.mth(0, n);
      for (int m = 0; m < n; m++) {
        List<Hash32> proof = tree.inclusionProof(m, n);
        assertEquals(naive.path(m, n), proof, "PATH(" + m + ", " + n + ")");
        LogProofs.verifyInclusion(Rfc6962.leafHash(leaves.get(m)), m, n, proof, root);
      }
    }
  }

  @Test
  void consistencyProof_forEveryPairOfSizes_equalsProofAndVerifies() throws Exception {
    for (int n = 1; n <= MAX; n++) {
      Hash32 root2 = naive.mth(0, n);
      for (int m = 0; m <= n; m++) {
        List<Hash32> proof = tree.consistencyProof(m, n);
        assertEquals(m == 0 ? List.of() : naive.proof(m, n), proof, "PROOF(" + m + ", " + n + ")");
        LogProofs.verifyConsistency(m, n, proof, naive.mth(0, m), root2);
      }
    }
  }

  @Test
  void verifyInclusion_withAnyCorruption_throws() {
    for (int n = 1; n <= MAX; n++) {
      Hash32 root = naive.mth(0, n);
      // Every index for small trees, a spread of them beyond: the corruptions multiply the work.
      int step = n <= 40 ? 1 : 17;
      for (int m = 0; m < n; m += step) {
        Hash32 leaf = Rfc6962.leafHash(leaves.get(m));
        List<Hash32> proof = naive.path(m, n);
        String at = "leaf " + m + " of " + n;
        expectInclusionFailure(SOME_HASH, m, n, proof, root, at + ", wrong leaf");
        expectInclusionFailure(leaf, m, n, proof, SOME_HASH, at + ", wrong root");
        expectInclusionFailure(leaf, m, n, append(proof, SOME_HASH), root, at + ", trailing hash");
        expectInclusionFailure(leaf, m, n, append(proof, root), root, at + ", trailing root");
        expectInclusionFailure(leaf, m, n, prepend(SOME_HASH, proof), root, at + ", leading hash");
        if (!proof.isEmpty()) {
          expectInclusionFailure(leaf, m, n, proof.subList(0, proof.size() - 1), root, at + ", truncated");
        }
        for (int i = 0; i < proof.size(); i++) {
          // The flipped bit rotates through all 256 positions across the cases.
          int bit = (31 * i + 7 * m + n) & 255;
          List<Hash32> corrupted = new ArrayList<>(proof);
          corrupted.set(i, proof.get(i).withBitFlipped(bit));
          expectInclusionFailure(leaf, m, n, corrupted, root, at + ", bit " + bit + " of hash " + i + " flipped");
        }
        for (int other : new int[] {m - 1, m + 1, m ^ 2}) {
          if (other >= 0 && other < n && other != m) {
            expectInclusionFailure(leaf, other, n, proof, root, at + ", claimed index " + other);
          }
        }
        expectInclusionFailure(leaf, m + n, n, proof, root, at + ", index beyond the size");
        // An inclusion proof commits only to the shape of the path, not to the size: a size whose
        // path to leaf m has the same turns yields the same root. The checkpoint binds size and root.
        for (long other : new long[] {n - 1, n + 1, 2L * n, n / 2}) {
          if (other > m && other != n) {
            boolean sameShape = NaiveMerkle.pathShape(m, (int) other).equals(NaiveMerkle.pathShape(m, n));
            if (sameShape) {
              assertVerifiesInclusion(leaf, m, other, proof, root, at + ", size " + other + " with the same path");
            } else {
              expectInclusionFailure(leaf, m, other, proof, root, at + ", claimed size " + other);
            }
          }
        }
      }
    }
  }

  @Test
  void verifyConsistency_withAnyCorruption_throws() {
    for (int n = 2; n <= MAX; n++) {
      int step = n <= 40 ? 1 : 17;
      for (int m = 1; m < n; m += step) {
        Hash32 root1 = naive.mth(0, m);
        Hash32 root2 = naive.mth(0, n);
        List<Hash32> proof = naive.proof(m, n);
        String at = "sizes " + m + " to " + n;
        expectConsistencyFailure(m, n, proof, SOME_HASH, root2, at + ", wrong first root");
        expectConsistencyFailure(m, n, proof, root1, SOME_HASH, at + ", wrong second root");
        expectConsistencyFailure(m, n, proof, root2, root1, at + ", roots swapped");
        expectConsistencyFailure(m, n, append(proof, SOME_HASH), root1, root2, at + ", trailing hash");
        expectConsistencyFailure(m, n, prepend(SOME_HASH, proof), root1, root2, at + ", leading hash");
        expectConsistencyFailure(m, n, proof.subList(0, proof.size() - 1), root1, root2, at + ", truncated");
        expectConsistencyFailure(m, n, List.of(), root1, root2, at + ", empty proof");
        for (int i = 0; i < proof.size(); i++) {
          int bit = (31 * i + 7 * m + n) & 255;
          List<Hash32> corrupted = new ArrayList<>(proof);
          corrupted.set(i, proof.get(i).withBitFlipped(bit));
          expectConsistencyFailure(m, n, corrupted, root1, root2, at + ", bit " + bit + " of hash " + i + " flipped");
        }
        expectConsistencyFailure(n, m, proof, root2, root1, at + ", sizes reversed");
        if (n + 1 <= MAX) {
          expectConsistencyFailure(m, n + 1, proof, root1, naive.mth(0, n + 1), at + ", claimed second size " + (n + 1));
        }
        if (m + 1 < n) {
          expectConsistencyFailure(m + 1, n, proof, naive.mth(0, m + 1), root2, at + ", claimed first size " + (m + 1));
        }
      }
    }
  }

  @Test
  void verifyConsistency_ofEqualOrEmptyTrees_needsEmptyProofAndMatchingRoots() throws Exception {
    Hash32 root = naive.mth(0, 5);
    LogProofs.verifyConsistency(5, 5, List.of(), root, root);
    LogProofs.verifyConsistency(0, 5, List.of(), Rfc6962.EMPTY_ROOT, root);
    expectConsistencyFailure(5, 5, List.of(root), root, root, "non-empty proof for equal sizes");
    expectConsistencyFailure(5, 5, List.of(), root, SOME_HASH, "equal sizes, different roots");
    expectConsistencyFailure(0, 5, List.of(), SOME_HASH, root, "size 0 with a non-empty root");
    expectConsistencyFailure(0, 5, List.of(SOME_HASH), Rfc6962.EMPTY_ROOT, root, "size 0 with a proof");
  }

  @Test
  void reopenedTree_continuesFromTheStoredState() {
    MemoryHashStore store = new MemoryHashStore();
    MerkleTree first = MerkleTree.open(store);
    for (int i = 0; i < 77; i++) {
      first.append(leaves.get(i));
    }
    MerkleTree reopened = MerkleTree.open(store);
    assertEquals(77, reopened.size());
    for (int i = 77; i < MAX; i++) {
      reopened.append(leaves.get(i));
    }
    assertEquals(naive.mth(0, MAX), reopened.root());
    assertEquals(naive.path(80, 123), reopened.inclusionProof(80, 123));
  }

  @Test
  void appendLeafHashes_inOneBatch_equalsOneByOne() {
    MerkleTree batched = MerkleTree.inMemory();
    batched.appendLeafHashes(leaves.subList(0, 5).stream().map(Rfc6962::leafHash).toList());
    assertEquals(5, batched.appendLeafHashes(leaves.subList(5, MAX).stream().map(Rfc6962::leafHash).toList()));
    assertEquals(naive.mth(0, MAX), batched.root());
    assertEquals(Rfc6962.leafHash(leaves.get(42)), batched.leafHash(42));
  }

  @Test
  void failedStoreWrite_leavesTheTreeUnchanged() {
    MemoryHashStore memory = new MemoryHashStore();
    boolean[] failNext = {false};
    HashStore flaky = new HashStore() {
      @Override
      public long size() {
        return memory.size();
      }

      @Override
      public Hash32 get(int level, long index) {
        return memory.get(level, index);
      }

      @Override
      public void append(long newSize, List<TreeNode> nodes) {
        if (failNext[0]) {
          throw new IllegalStateException("disk full");
        }
        memory.append(newSize, nodes);
      }
    };
    MerkleTree flakyTree = MerkleTree.open(flaky);
    for (int i = 0; i < 7; i++) {
      flakyTree.append(leaves.get(i));
    }
    failNext[0] = true;
    assertThrows(IllegalStateException.class, () -> flakyTree.append(leaves.get(7)));
    failNext[0] = false;
    assertEquals(7, flakyTree.size());
    flakyTree.append(leaves.get(7));
    assertEquals(naive.mth(0, 8), flakyTree.root());
  }

  @Test
  void proofRequests_outsideTheTree_throwWithTheRange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, MAX + 1));
    assertTrue(e.getMessage().contains("expected: 0.." + MAX), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(5, 5));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> tree.consistencyProof(6, 5));
    assertThrows(IllegalArgumentException.class, () -> tree.root(-1));
    assertThrows(IllegalArgumentException.class, () -> tree.appendLeafHashes(List.of()));
  }

  private static void assertVerifiesInclusion(Hash32 leaf, long m, long n, List<Hash32> proof, Hash32 root, String what) {
    try {
      LogProofs.verifyInclusion(leaf, m, n, proof, root);
    } catch (LogVerificationException e) {
      fail(what + ": " + e.getMessage());
    }
  }

  private static void expectInclusionFailure(Hash32 leaf, long m, long n, List<Hash32> proof, Hash32 root, String what) {
    try {
      LogProofs.verifyInclusion(leaf, m, n, proof, root);
      fail("verified despite " + what);
    } catch (LogVerificationException expected) {
      // the corruption was detected
    }
  }

  private static void expectConsistencyFailure(long m, long n, List<Hash32> proof, Hash32 root1, Hash32 root2,
      String what) {
    try {
      LogProofs.verifyConsistency(m, n, proof, root1, root2);
      fail("verified despite " + what);
    } catch (LogVerificationException expected) {
      // the corruption was detected
    }
  }

  private static List<Hash32> append(List<Hash32> proof, Hash32 extra) {
    List<Hash32> out = new ArrayList<>(proof);
    out.add(extra);
    return out;
  }

  private static List<Hash32> prepend(Hash32 extra, List<Hash32> proof) {
    List<Hash32> out = new ArrayList<>();
    out.add(extra);
    out.addAll(proof);
    return out;
  }
}
