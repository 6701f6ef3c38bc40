package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.LogProofs;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.log.Rfc6962;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceLogTest {

  @TempDir Path dir;

  private static byte[] leaf(int i) {
    return ("hashfed leaf " + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reopen_givesTheSameRootsAndProofsAsTheReferenceTree() throws Exception {
    MerkleTree reference = MerkleTree.inMemory();
    try (Store store = Store.open(dir)) {
      ProvenanceLog log = ProvenanceLog.open(store);
      for (int i = 0; i < 5; i++) {
        assertEquals(i, log.appendDocument(leaf(i)));
        reference.append(leaf(i));
      }
      List<byte[]> batch = new ArrayList<>();
      for (int i = 5; i < 37; i++) {
        batch.add(leaf(i));
        reference.append(leaf(i));
      }
      assertEquals(5, log.appendDocuments(batch));
    }
    try (Store store = Store.open(dir)) {
      ProvenanceLog log = ProvenanceLog.open(store);
      assertEquals(37, log.size());
      assertEquals(Hash32.fromHex("14542862e31c0ca7ce8157344406b444f6e11287f7be5a517047f036aad456a6"), log.root(5));
      for (long n = 1; n <= 37; n += 6) {
        assertEquals(reference.root(n), log.root(n));
      }
      LogProofs.verifyInclusion(Rfc6962.leafHash(leaf(20)), 20, 37, log.inclusionProof(20, 37), reference.root());
      LogProofs.verifyConsistency(13, 37, log.consistencyProof(13, 37), reference.root(13), reference.root());
      assertArrayEquals(leaf(30), log.leaf(30));
      log.appendDocument(leaf(37));
      reference.append(leaf(37));
      assertEquals(reference.root(), log.root(38));
    }
  }

  @Test
  void checkpointSigner_signsOnlyGrowth_andRefusesAStoredCheckpointOfAnotherKey() throws Exception {
    try (Store store = Store.open(dir)) {
      ProvenanceLog log = ProvenanceLog.open(store);
      Ed25519NoteSigner key = Ed25519NoteSigner.fromSeed("hashfed.example/hashfed/log/acme", new byte[32]);
      CheckpointSigner signer = CheckpointSigner.open(log, store, key);
      log.appendDocument(leaf(0));
      SignedCheckpoint first = signer.signLatest();
      assertEquals(first.encode(), signer.signLatest().encode(), "no growth, no new checkpoint");
      log.appendDocument(leaf(1));
      Checkpoint second = signer.signLatest().checkpoint();
      assertEquals(2, second.size());
      assertEquals(log.root(2), second.root());
      CheckpointSigner reopened = CheckpointSigner.open(log, store, key);
      assertEquals(2, reopened.latestSize());
      byte[] otherSeed = new byte[32];
      otherSeed[0] = 1;
      Ed25519NoteSigner other = Ed25519NoteSigner.fromSeed("hashfed.example/hashfed/log/acme", otherSeed);
      assertThrows(RuntimeException.class, () -> CheckpointSigner.open(log, store, other));
    }
  }
}
