package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recomputes spec/vectors/log.json so that the specification's example cannot drift from the code. */
class LogVectorsTest {

  private static JsonNode vectors;
  private static MerkleTree tree;

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of(System.getProperty("hashfed.spec.dir", "../spec"), "vectors", "log.json");
    vectors = new ObjectMapper().readTree(Files.readString(file));
    tree = MerkleTree.inMemory();
    for (JsonNode leaf : vectors.get("leaves")) {
      tree.append(HexFormat.of().parseHex(leaf.asText()));
    }
  }

  private static List<Hash32> hashes(JsonNode array) {
    List<Hash32> out = new ArrayList<>();
    array.forEach(node -> out.add(Hash32.fromHex(node.asText())));
    return out;
  }

  @Test
  void leafHashesAndRoots_matchTheVectors() {
    List<Hash32> leafHashes = hashes(vectors.get("leafHashes"));
    for (int i = 0; i < leafHashes.size(); i++) {
      assertEquals(leafHashes.get(i), tree.leafHash(i), "leaf hash " + i);
    }
    List<Hash32> roots = hashes(vectors.get("roots"));
    for (int size = 0; size < roots.size(); size++) {
      assertEquals(roots.get(size), tree.root(size), "root at size " + size);
    }
  }

  @Test
  void proofs_matchTheVectorsAndVerify() throws Exception {
    JsonNode inclusion = vectors.get("inclusion");
    long index = inclusion.get("index").asLong();
    long size = inclusion.get("size").asLong();
    assertEquals(hashes(inclusion.get("proof")), tree.inclusionProof(index, size));
    LogProofs.verifyInclusion(tree.leafHash(index), index, size, hashes(inclusion.get("proof")), tree.root(size));
    JsonNode consistency = vectors.get("consistency");
    long size1 = consistency.get("size1").asLong();
    long size2 = consistency.get("size2").asLong();
    assertEquals(hashes(consistency.get("proof")), tree.consistencyProof(size1, size2));
    LogProofs.verifyConsistency(size1, size2, hashes(consistency.get("proof")), tree.root(size1), tree.root(size2));
  }

  @Test
  void signedAndCosignedCheckpoint_matchTheVectorsAndVerify() throws Exception {
    JsonNode cp = vectors.get("checkpoint");
    String origin = cp.get("origin").asText();
    assertEquals(Checkpoint.hashfedOrigin("hashfed.example", "acme"), origin);
    Ed25519NoteSigner log = Ed25519NoteSigner.fromSeed(origin, HexFormat.of().parseHex(cp.get("logSeed").asText()));
    assertEquals(cp.get("logVerifierKey").asText(), log.verifierKey());
    Checkpoint checkpoint = Checkpoint.create(origin, tree.size(), tree.root());
    assertEquals(cp.get("text").asText(), checkpoint.text());
    SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, log);
    assertEquals(cp.get("signedNote").asText(), signed.encode());

    JsonNode co = vectors.get("cosignature");
    Clock clock = Clock.fixed(Instant.ofEpochSecond(co.get("timestamp").asLong()), ZoneOffset.UTC);
    CosignatureSigner witness = CosignatureSigner.create(co.get("witnessName").asText(),
        Ed25519RawSigner.fromSeed(HexFormat.of().parseHex(co.get("witnessSeed").asText())), clock);
    assertEquals(co.get("witnessVerifierKey").asText(), witness.verifierKey());
    assertEquals(co.get("cosignedNote").asText(), signed.withCosignature(witness).encode());

    SignedCheckpoint opened = SignedCheckpoint.open(co.get("cosignedNote").asText(),
        Ed25519NoteVerifier.parse(cp.get("logVerifierKey").asText()));
    NoteSignature cosignature = opened.verifiedCosignatures(
        List.of(CosignatureVerifier.parse(co.get("witnessVerifierKey").asText()))).get(0);
    assertEquals(co.get("timestamp").asLong(), CosignatureVerifier.timestamp(cosignature.signature()));
  }
}
