package org.hashfed.protocol.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.entry.SignedEntry;
import org.junit.jupiter.api.Test;

/**
 * spec/vectors/leaf.json: a leaf is the canonical form of the envelope received (protocol.md
 * section 4.2), so a peer's whitespace, field order or base64 variant never changes a leaf hash.
 */
class LeafVectorsTest {

  @Test
  void nonCanonicalEnvelope_isLoggedInCanonicalForm_withTheVectorsLeafHash() throws Exception {
    JsonNode v = new ObjectMapper().readTree(Files.readString(
        Path.of(System.getProperty("hashfed.spec.dir", "../spec"), "vectors", "leaf.json")));
    byte[] received = v.get("received").asText().getBytes(StandardCharsets.UTF_8);
    byte[] leaf = v.get("leafData").asText().getBytes(StandardCharsets.UTF_8);

    assertArrayEquals(leaf, Envelope.parse(received).toJson());
    assertEquals(v.get("leafHash").asText(), Rfc6962.leafHash(leaf).toHex());
    assertEquals(v.get("receivedBytesHash").asText(), Rfc6962.leafHash(received).toHex());
    assertNotEquals(v.get("leafHash").asText(), v.get("receivedBytesHash").asText());
    SignedEntry entry = SignedEntry.verify(received,
        Ed25519PublicKey.fromBytes(HexFormat.of().parseHex(v.get("memberPublicKeyHex").asText())));
    assertEquals(v.get("entryId").asText(), entry.id().hex(), "the payload bytes, hence the entry id, are unchanged");
  }
}
