package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hashfed.node.TestVertx;
import org.hashfed.node.store.Store;
import org.hashfed.protocol.log.AddCheckpointRequest;
import org.hashfed.protocol.log.Checkpoint;
import org.hashfed.protocol.log.CosignatureSigner;
import org.hashfed.protocol.log.CosignatureVerifier;
import org.hashfed.protocol.log.Ed25519NoteSigner;
import org.hashfed.protocol.log.Ed25519RawSigner;
import org.hashfed.protocol.log.Hash32;
import org.hashfed.protocol.log.MerkleTree;
import org.hashfed.protocol.log.NoteVerifier;
import org.hashfed.protocol.log.SignedCheckpoint;
import org.hashfed.protocol.log.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's C2SP tlog-witness {@code add-checkpoint} on a real store: each status code of the
 * spec for what the request holds, and a witness state that survives a restart, so the witness
 * never cosigns two inconsistent checkpoints of a log.
 */
class AddCheckpointTest {

  private static final String ORIGIN = "hashfed.example/hashfed/log/acme";
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;
  private final Ed25519NoteSigner logKey = Ed25519NoteSigner.fromSeed(ORIGIN, seed(1));
  private final CosignatureSigner witnessKey = CosignatureSigner.create("witness.hashfed.example/beta",
      Ed25519RawSigner.fromSeed(seed(2)), Clock.fixed(NOW, ZoneOffset.UTC));
  private final MerkleTree tree = MerkleTree.inMemory();

  private static byte[] seed(int b) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) b);
    return s;
  }

  private WitnessService witness(Store store) {
    return WitnessService.create(store, witnessKey,
        o -> o.equals(ORIGIN) ? Optional.<NoteVerifier>of(logKey.verifier()) : Optional.empty(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private void grow(int leaves) {
    for (int i = 0; i < leaves; i++) {
      tree.append(("leaf " + tree.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private SignedNote checkpoint(long size) {
    return SignedCheckpoint.sign(Checkpoint.create(ORIGIN, size, tree.root(size)), logKey).note();
  }

  private static AddCheckpointRequest request(long old, List<Hash32> proof, SignedNote note) {
    return AddCheckpointRequest.create(old, proof, note);
  }

  private void assertCosigned(AddCheckpointAnswer answer, SignedNote note) throws Exception {
    assertEquals(200, answer.status(), answer.body());
    SignedNote cosigned = SignedNote.parse(note.text() + "\n" + answer.body());
    CosignatureVerifier verifier = witnessKey.verifier();
    assertEquals(1, cosigned.verifiedSignatures(List.of(verifier)).size());
    assertEquals(NOW.getEpochSecond(), CosignatureVerifier.timestamp(cosigned.signatures().get(0).signature()));
  }

  @Test
  void addCheckpoint_ofConsistentGrowth_cosignsEachAndAnswers409WithTheSizeOtherwise() throws Exception {
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      grow(5);
      assertCosigned(w.addCheckpoint(request(0, List.of(), checkpoint(5))), checkpoint(5));
      grow(3);
      AddCheckpointAnswer stale = w.addCheckpoint(request(0, List.of(), checkpoint(8)));
      assertEquals(409, stale.status());
      assertEquals("text/x.tlog.size", stale.contentType());
      assertEquals("5\n", stale.body());
      AddCheckpointAnswer answer = w.addCheckpoint(request(5, tree.consistencyProof(5, 8), checkpoint(8)));
      assertCosigned(answer, checkpoint(8));
      String originHash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(ORIGIN.getBytes(StandardCharsets.UTF_8)));
      SignedNote monitored = w.witnessedByOriginHash(originHash).orElseThrow();
      assertEquals(checkpoint(8).encode() + answer.body(), monitored.encode(),
          "monitors get the log's signature and the cosignature add-checkpoint returned");
      assertTrue(w.witnessedByOriginHash("00".repeat(32)).isEmpty());
    }
  }

  @Test
  void addCheckpoint_afterARestart_stillKnowsTheSizeItCosigned() throws Exception {
    grow(6);
    try (Store store = Store.open(dir)) {
      assertEquals(200, witness(store).addCheckpoint(request(0, List.of(), checkpoint(6))).status());
    }
    grow(1);
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      AddCheckpointAnswer answer = w.addCheckpoint(request(0, List.of(), checkpoint(7)));
      assertEquals(409, answer.status());
      assertEquals("6\n", answer.body());
    }
  }

  @Test
  void addCheckpoint_ofAForkAtTheSameSize_is422AndRecordsTheSplitView() throws Exception {
    grow(4);
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      assertEquals(200, w.addCheckpoint(request(0, List.of(), checkpoint(4))).status());
      SignedNote forked = SignedCheckpoint.sign(
          Checkpoint.create(ORIGIN, 4, tree.root(4).withBitFlipped(0)), logKey).note();
      AddCheckpointAnswer answer = w.addCheckpoint(request(4, List.of(), forked));
      assertEquals(422, answer.status(), answer.body());
      assertEquals(1, w.splitViewCount());
      assertEquals(checkpoint(4).text(), w.witnessed(ORIGIN).orElseThrow().text(), "the earlier checkpoint stays the reference");
    }
  }

  @Test
  void addCheckpoint_withAProofThatDoesNotHold_is422AndChangesNothing() throws Exception {
    grow(4);
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      assertEquals(200, w.addCheckpoint(request(0, List.of(), checkpoint(4))).status());
      grow(4);
      List<Hash32> proof = tree.consistencyProof(4, 8);
      List<Hash32> bad = new java.util.ArrayList<>(proof);
      bad.set(0, proof.get(0).withBitFlipped(3));
      AddCheckpointAnswer answer = w.addCheckpoint(request(4, bad, checkpoint(8)));
      assertEquals(422, answer.status());
      assertTrue(answer.body().contains("not consistent with size 4"), answer.body());
      assertEquals(checkpoint(4).text(), w.witnessed(ORIGIN).orElseThrow().text());
      assertEquals(0, w.splitViewCount(), "a bad proof alone proves nothing against the log");
    }
  }

  @Test
  void addCheckpoint_refusals_useTheStatusCodesOfTheSpec() throws Exception {
    grow(3);
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      Ed25519NoteSigner stranger = Ed25519NoteSigner.fromSeed("hashfed.example/hashfed/log/zeta", seed(3));
      SignedNote unknown = SignedCheckpoint.sign(Checkpoint.create(stranger.name(), 3, tree.root(3)), stranger).note();
      assertEquals(404, w.addCheckpoint(request(0, List.of(), unknown)).status());

      Ed25519NoteSigner impostor = Ed25519NoteSigner.fromSeed(ORIGIN, seed(4));
      SignedNote forged = SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 3, tree.root(3)), impostor).note();
      assertEquals(403, w.addCheckpoint(request(0, List.of(), forged)).status());

      assertEquals(400, w.addCheckpoint(request(4, List.of(), checkpoint(3))).status());
      assertEquals(422, w.addCheckpoint(request(0, List.of(tree.root(1)), checkpoint(3))).status(),
          "a proof from size 0 must be empty");
      SignedNote emptyWithRoot = SignedCheckpoint.sign(Checkpoint.create(ORIGIN, 0, tree.root(3)), logKey).note();
      assertEquals(422, w.addCheckpoint(request(0, List.of(), emptyWithRoot)).status(),
          "a checkpoint of size 0 must have the empty tree's root");
      AddCheckpointAnswer refused = w.addCheckpoint(request(4, List.of(), checkpoint(3)));
      assertEquals("application/problem+json", refused.contentType());
      assertTrue(refused.body().contains("old size 4 is above the checkpoint's size 3"), refused.body());
      assertTrue(w.witnessed(ORIGIN).isEmpty(), "no refusal records anything");
    }
  }

  @Test
  void addCheckpoint_whileAPullRoundWaitsForASlowPeer_isAnswered_andTheRoundThenStandsDown() throws Exception {
    grow(5);
    SignedNote pulled = checkpoint(5);
    Promise<SignedNote> answered = Promise.promise();
    PeerLog slow = new PeerLog() {
      @Override
      public String describe() {
        return "slow peer";
      }

      @Override
      public Future<SignedNote> checkpoint() {
        return answered.future();
      }

      @Override
      public Future<List<Hash32>> consistencyProof(long from, long to) {
        return Future.succeededFuture(tree.consistencyProof(from, to));
      }

      @Override
      public Future<Void> deliver(SignedNote cosigned, String witnessKey) {
        return Future.succeededFuture();
      }
    };
    Vertx vertx = TestVertx.create();
    try (Store store = Store.open(dir)) {
      WitnessService w = witness(store);
      // one worker, and the round holds none of it while its peer is silent
      WorkerExecutor worker = vertx.createSharedWorkerExecutor("add-checkpoint-test", 1);
      Future<WitnessOutcome> round = w.witness(slow, worker);
      grow(2);
      assertEquals(200, worker.executeBlocking(() -> w.addCheckpoint(request(0, List.of(), checkpoint(7))), false)
          .await(30, TimeUnit.SECONDS).status(), "answered while the round waits for its peer");
      answered.complete(pulled);
      WitnessOutcome outcome = round.await(30, TimeUnit.SECONDS);
      assertEquals(WitnessOutcome.Status.FAILED, outcome.status(), outcome.message());
      assertTrue(outcome.message().contains("changed while its log was asked"), outcome.message());
      assertEquals(checkpoint(7).text(), w.witnessed(ORIGIN).orElseThrow().text());
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
