package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recomputes spec/vectors/witness.json, computed with OpenSSL's Ed25519 independently of this
 * code, and checks the C2SP specs' own examples byte for byte: what a public C2SP witness sends
 * and signs is what hashfed sends and signs.
 */
class WitnessVectorsTest {

  private static JsonNode vectors;
  private static JsonNode log;
  private static MerkleTree tree;

  @BeforeAll
  static void load() throws Exception {
    Path dir = Path.of(System.getProperty("hashfed.spec.dir", "../spec"), "vectors");
    vectors = new ObjectMapper().readTree(Files.readString(dir.resolve("witness.json")));
    log = new ObjectMapper().readTree(Files.readString(dir.resolve("log.json")));
    tree = MerkleTree.inMemory();
    for (JsonNode leaf : log.get("leaves")) {
      tree.append(HexFormat.of().parseHex(leaf.asText()));
    }
  }

  private static byte[] utf8(JsonNode n) {
    return n.asText().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void witnessKey_idAndVerifierKey_matchTheVectors() {
    JsonNode w = vectors.get("witness");
    CosignatureSigner signer = CosignatureSigner.fromSeed(w.get("name").asText(),
        HexFormat.of().parseHex(w.get("seed").asText()));
    byte[] publicKey = HexFormat.of().parseHex(w.get("publicKey").asText());
    byte[] preimage = concat((w.get("name").asText() + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {0x04},
        publicKey);
    assertArrayEquals(HexFormat.of().parseHex(w.get("keyIdPreimage").asText()), preimage);
    assertEquals(w.get("keyId").asText(), HexFormat.of().formatHex(Hash32.sha256(preimage).bytes(), 0, 4));
    assertEquals(w.get("keyId").asText(), NoteKeys.hex(signer.keyId()));
    assertEquals(w.get("verifierKey").asText(), signer.verifierKey());
  }

  @Test
  void addCheckpoint_requestAndCosignature_matchTheVectorsByteForByte() throws Exception {
    JsonNode v = vectors.get("addCheckpoint");
    JsonNode w = vectors.get("witness");
    SignedNote note5 = SignedNote.parse(log.get("checkpoint").get("signedNote").asText());
    AddCheckpointRequest built = AddCheckpointRequest.create(3, tree.consistencyProof(3, 5), note5);
    assertArrayEquals(utf8(v.get("request")), built.encode());

    AddCheckpointRequest parsed = AddCheckpointRequest.parse(utf8(v.get("request")));
    assertEquals(3, parsed.oldSize());
    assertEquals(tree.consistencyProof(3, 5), parsed.proof());
    assertEquals(note5, parsed.checkpoint());

    long timestamp = v.get("timestamp").asLong();
    assertArrayEquals(utf8(v.get("signedMessage")),
        Cosignatures.signedMessage(timestamp, Checkpoint.parse(note5.text()).textBytes()));
    CosignatureSigner witnessKey = CosignatureSigner.create(w.get("name").asText(),
        Ed25519RawSigner.fromSeed(HexFormat.of().parseHex(w.get("seed").asText())),
        Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC));
    NoteVerifier logKey = Ed25519NoteVerifier.parse(log.get("checkpoint").get("logVerifierKey").asText());
    Checkpoint witnessed = SignedCheckpoint.open(v.get("witnessedNote").asText(), logKey).checkpoint();
    SignedCheckpoint cosigned = Witness.create(witnessKey).cosign(parsed.checkpoint(), logKey, witnessed, parsed.proof());
    List<NoteSignature> signatures = cosigned.note().signatures();
    assertEquals(v.get("response").asText(), signatures.get(signatures.size() - 1).line());
  }

  @Test
  void c2spExamples_parseAndReencodeByteForByte() throws Exception {
    JsonNode ex = vectors.get("c2spSpecExamples");
    AddCheckpointRequest request = AddCheckpointRequest.parse(utf8(ex.get("request")));
    assertEquals(ex.get("oldSize").asLong(), request.oldSize());
    assertEquals(ex.get("proofLines").asInt(), request.proof().size());
    Checkpoint checkpoint = Checkpoint.parse(request.checkpoint().text());
    assertEquals(ex.get("checkpointSize").asLong(), checkpoint.size());
    assertEquals(2, request.checkpoint().signatures().size());
    assertArrayEquals(utf8(ex.get("request")), request.encode());

    SignedNote withCosignature = SignedNote.parse(request.checkpoint().text() + "\n" + ex.get("cosignatureLine").asText());
    NoteSignature cosignature = withCosignature.signatures().get(0);
    assertEquals("witness.example.com/w1", cosignature.name());
    assertEquals(ex.get("cosignatureKeyId").asText(), NoteKeys.hex(cosignature.keyId()));
    long timestamp = CosignatureVerifier.timestamp(cosignature.signature());
    assertEquals(ex.get("cosignatureTimestamp").asLong(), timestamp);
    assertArrayEquals(utf8(ex.get("signedMessage")), Cosignatures.signedMessage(timestamp, checkpoint.textBytes()));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
