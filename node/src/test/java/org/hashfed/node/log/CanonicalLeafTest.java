package org.hashfed.node.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.hashfed.node.Node;
import org.hashfed.node.local.LocalConsortium;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node logs an entry received in non-canonical JSON as its canonical form (spec/log.md section 1,
 * spec/vectors/leaf.json): the leaf it serves and its leaf hash are the vector's, whatever the
 * bytes on the wire.
 */
@Tag("slow")
class CanonicalLeafTest {

  @TempDir Path dir;
  private LocalConsortium consortium;

  @AfterEach
  void stop() {
    if (consortium != null) {
      consortium.close();
    }
  }

  @Test
  void entryIngestedInNonCanonicalForm_isTheVectorsLeafInTheLog() throws Exception {
    Path spec = Path.of(System.getProperty("hashfed.spec.dir", "../spec"), "vectors");
    JsonNode v = new ObjectMapper().readTree(Files.readString(spec.resolve("leaf.json")));
    JsonNode key = new ObjectMapper().readTree(Files.readString(spec.resolve("key.json")));
    // acme holds the vectors' key, so the vector's entry is acme's first entry; only beta runs.
    Ed25519PrivateKey acme = Ed25519PrivateKey.fromSeed(HexFormat.of().parseHex(key.get("seed_hex").asText()));
    Files.createDirectories(dir.resolve("acme"));
    KeyFiles.writePrivateKey(dir.resolve("acme").resolve("member.key"), acme);
    consortium = LocalConsortium.prepare(dir, List.of("acme", "beta"), b -> b.workerThreads(2)
        .sync(b.build().sync().withTimeout(Duration.ofSeconds(10))));
    Node beta = consortium.start("beta");

    byte[] received = v.get("received").asText().getBytes(StandardCharsets.UTF_8);
    beta.ledger().orElseThrow().ingest(SignedEntry.verify(received, acme.publicKey()));

    NodeLog log = beta.log().orElseThrow();
    long index = log.provenance().indexOf(SignedEntry.verify(received, acme.publicKey()).id()).orElseThrow();
    assertArrayEquals(v.get("leafData").asText().getBytes(StandardCharsets.UTF_8), log.provenance().leaf(index));
    assertEquals(v.get("leafHash").asText(), log.provenance().leafHash(index).toHex());
  }
}
