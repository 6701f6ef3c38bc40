package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Proofs at random sizes beyond the exhaustive range, against the literal RFC 6962 definitions. */
class MerkleTreeProperties {

  private static final int MAX = 6000;
  private static final List<byte[]> LEAVES = new ArrayList<>();
  private static final MerkleTree TREE = MerkleTree.inMemory();
  private static final NaiveMerkle NAIVE;

  static {
    for (int i = 0; i < MAX; i++) {
      byte[] data = ByteBuffer.allocate(8).putLong(i * 0x9E3779B97F4A7C15L).array();
      LEAVES.add(data);
      TREE.append(data);
    }
    NAIVE = new NaiveMerkle(LEAVES);
  }

  @Property(tries = 200)
  void inclusionProof_atRandomSize_equalsPathAndVerifies(
      @ForAll @IntRange(min = 301, max = MAX) int size, @ForAll @IntRange(min = 0, max = MAX - 1) int rawIndex)
      throws Exception {
    int index = rawIndex % size;
    List<Hash32> proof = TREE.inclusionProof(index, size);
    assertEquals(NAIVE.path(index, size), proof);
    LogProofs.verifyInclusion(Rfc6962.leafHash(LEAVES.get(index)), index, size, proof, NAIVE.mth(0, size));
  }

  @Property(tries = 200)
  void consistencyProof_atRandomSizes_equalsProofAndVerifies(
      @ForAll @IntRange(min = 1, max = MAX) int a, @ForAll @IntRange(min = 301, max = MAX) int b) throws Exception {
    int size1 = Math.min(a, b);
    int size2 = Math.max(a, b);
    List<Hash32> proof = TREE.consistencyProof(size1, size2);
    assertEquals(NAIVE.proof(size1, size2), proof);
    LogProofs.verifyConsistency(size1, size2, proof, NAIVE.mth(0, size1), NAIVE.mth(0, size2));
  }

  @Property(tries = 300)
  void inclusionProof_withAnyFlippedBit_isRejected(
      @ForAll @IntRange(min = 2, max = MAX) int size, @ForAll @IntRange(min = 0, max = MAX - 1) int rawIndex,
      @ForAll @IntRange(min = 0, max = 10_000) int rawElement, @ForAll @IntRange(min = 0, max = 255) int bit) {
    int index = rawIndex % size;
    List<Hash32> proof = new ArrayList<>(TREE.inclusionProof(index, size));
    int element = rawElement % proof.size();
    proof.set(element, proof.get(element).withBitFlipped(bit));
    assertThrows(LogVerificationException.class, () -> LogProofs.verifyInclusion(
        Rfc6962.leafHash(LEAVES.get(index)), index, size, proof, NAIVE.mth(0, size)));
  }

  @Property(tries = 300)
  void consistencyProof_withAnyFlippedBit_isRejected(
      @ForAll @IntRange(min = 1, max = MAX - 1) int a, @ForAll @IntRange(min = 1, max = MAX) int b,
      @ForAll @IntRange(min = 0, max = 10_000) int rawElement, @ForAll @IntRange(min = 0, max = 255) int bit) {
    int size1 = Math.min(a, b);
    int size2 = a == b ? a + 1 : Math.max(a, b);
    List<Hash32> proof = new ArrayList<>(TREE.consistencyProof(size1, size2));
    int element = rawElement % proof.size();
    proof.set(element, proof.get(element).withBitFlipped(bit));
    assertThrows(LogVerificationException.class, () -> LogProofs.verifyConsistency(
        size1, size2, proof, NAIVE.mth(0, size1), NAIVE.mth(0, size2)));
  }

  @Example
  void root_ofTheWholeTree_equalsMth() {
    assertEquals(NAIVE.mth(0, MAX), TREE.root());
  }
}
