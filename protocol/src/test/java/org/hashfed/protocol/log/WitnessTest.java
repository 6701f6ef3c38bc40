package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A witness cosigns a log's checkpoint only when it extends the last one it cosigned. */
class WitnessTest {

  private final Ed25519NoteSigner logKey = Ed25519NoteSigner.fromSeed(CheckpointTest.ORIGIN, CheckpointTest.LOG_SEED);
  private final CosignatureSigner witnessKey = CosignatureSigner.fromSeed("witness.example/w1", CheckpointTest.WITNESS_SEED);
  private final Witness witness = Witness.create(witnessKey);
  private final MerkleTree tree = MerkleTree.inMemory();

  private SignedNote checkpointAt(long size) {
    return SignedCheckpoint.sign(Checkpoint.create(CheckpointTest.ORIGIN, size, tree.root(size)), logKey).note();
  }

  private void grow(int leaves) {
    for (int i = 0; i < leaves; i++) {
      tree.append(("entry " + tree.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void cosign_ofConsistentGrowth_addsAVerifiableCosignature() throws Exception {
    grow(10);
    SignedCheckpoint first = witness.cosign(checkpointAt(10), logKey.verifier(), null, List.of());
    grow(7);
    SignedCheckpoint second = witness.cosign(checkpointAt(17), logKey.verifier(), first.checkpoint(),
        tree.consistencyProof(10, 17));
    assertEquals(1, second.verifiedCosignatures(List.of(witnessKey.verifier())).size());
    assertEquals(17, second.checkpoint().size());
  }

  @Test
  void cosign_ofForkedHistory_throws() throws Exception {
    grow(10);
    Checkpoint previous = witness.cosign(checkpointAt(10), logKey.verifier(), null, List.of()).checkpoint();
    MerkleTree fork = MerkleTree.inMemory();
    for (int i = 0; i < 12; i++) {
      fork.append(("forked " + i).getBytes(StandardCharsets.UTF_8));
    }
    SignedNote forked = SignedCheckpoint.sign(Checkpoint.create(CheckpointTest.ORIGIN, 12, fork.root()), logKey).note();
    LogVerificationException e = assertThrows(LogVerificationException.class,
        () -> witness.cosign(forked, logKey.verifier(), previous, fork.consistencyProof(10, 12)));
    assertTrue(e.getMessage().contains("consistency proof from tree size 10 to 12"), e.getMessage());
  }

  @Test
  void cosign_ofSmallerTree_throwsRollback() throws Exception {
    grow(10);
    Checkpoint previous = witness.cosign(checkpointAt(10), logKey.verifier(), null, List.of()).checkpoint();
    LogVerificationException e = assertThrows(LogVerificationException.class,
        () -> witness.cosign(checkpointAt(8), logKey.verifier(), previous, List.of()));
    assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
  }

  @Test
  void cosign_ofUnsignedOrTamperedCheckpoint_throws() throws Exception {
    grow(10);
    SignedNote tampered = SignedNote.parse(checkpointAt(10).encode().replace("\n10\n", "\n11\n"));
    assertThrows(LogVerificationException.class, () -> witness.cosign(tampered, logKey.verifier(), null, List.of()));
  }
}
