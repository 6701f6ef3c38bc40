package org.hashfed.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.dsse.Pae;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.SignedEntry;
import org.hashfed.protocol.feed.EquivocationEvidence;
import org.hashfed.protocol.feed.FeedState;
import org.hashfed.protocol.feed.FeedValidator;
import org.hashfed.protocol.feed.FeedVerdict;
import org.hashfed.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorsTest {

  private static final Path VECTORS = Path.of(System.getProperty("hashfed.spec.dir", "../spec")).resolve("vectors");
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void vectorFiles_equalWhatTheCodeProduces() throws Exception {
    for (Map.Entry<String, byte[]> f : VectorGenerator.generate().entrySet()) {
      Path file = VECTORS.resolve(f.getKey());
      assertEquals(new String(f.getValue(), StandardCharsets.UTF_8), Files.readString(file),
          file + " is stale: regenerate with VectorGenerator.main");
    }
  }

  @Test
  void key_fromSeedInFile_givesPublicKeyAndKeyIdInFile() throws Exception {
    JsonNode k = Json.readTree(Files.readAllBytes(VECTORS.resolve("key.json")));
    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(HEX.parseHex(k.get("seed_hex").asText()));
    assertEquals(k.get("public_key_hex").asText(), HEX.formatHex(key.publicKey().bytes()));
    assertEquals(k.get("keyid").asText(),
        HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.publicKey().bytes())));
  }

  /** Checks each vector from its own fields, as another implementation would. */
  @Test
  void entryVectors_areSelfConsistentAndVerify() throws Exception {
    Ed25519PublicKey pub = publicKey();
    List<JsonNode> vectors = new ArrayList<>();
    Json.readTree(Files.readAllBytes(VECTORS.resolve("entries.json"))).forEach(vectors::add);
    Json.readTree(Files.readAllBytes(VECTORS.resolve("feed.json"))).get("entries").forEach(vectors::add);
    vectors.add(Json.readTree(Files.readAllBytes(VECTORS.resolve("vpdq.json"))).get("entry"));
    vectors.add(Json.readTree(Files.readAllBytes(VECTORS.resolve("vpdq-centre.json"))).get("entry"));
    for (JsonNode v : vectors) {
      byte[] payload = Base64.getDecoder().decode(v.get("payload_base64").asText());
      assertEquals(v.get("payload_text").asText(), new String(payload, StandardCharsets.UTF_8));
      assertEquals(v.get("pae_hex").asText(), HEX.formatHex(Pae.encode(Entry.PAYLOAD_TYPE, payload)));
      pub.verify(HEX.parseHex(v.get("pae_hex").asText()), Base64.getDecoder().decode(v.get("signature_base64").asText()));
      assertEquals(v.get("entry_id").asText(), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
      SignedEntry s = SignedEntry.verify(v.get("envelope_json").asText().getBytes(StandardCharsets.UTF_8), pub);
      assertEquals(v.get("kind").asText(), s.entry().kind().wireName());
      assertEquals(v.get("seq").asLong(), s.entry().seq());
    }
  }

  /** The binary form rebuilt from the listed frames, as another implementation would, and its digest. */
  @ParameterizedTest
  @ValueSource(strings = {"vpdq.json", "vpdq-centre.json"})
  void vpdqVector_binaryFormAndValueFollowFromTheFrames(String file) throws Exception {
    JsonNode v = Json.readTree(Files.readAllBytes(VECTORS.resolve(file)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream d = new java.io.DataOutputStream(out);
    d.writeByte(v.has("centre") ? 2 : 1);
    d.writeInt(v.get("frames").size());
    for (JsonNode f : v.get("frames")) {
      d.writeInt(f.get("frame").asInt());
      d.writeInt((int) f.get("timestamp_ms").asLong());
      d.writeByte(f.get("quality").asInt());
      d.write(HEX.parseHex(f.get("hash").asText()));
    }
    JsonNode c = v.get("content");
    d.writeByte(1);
    for (String k : List.of("x", "y", "width", "height")) {
      d.writeInt(c.get(k).asInt());
    }
    List<JsonNode> results = new java.util.ArrayList<>();
    c.get("frames").forEach(results::add);
    if (v.has("centre")) {
      v.get("centre").get("centre_60").forEach(results::add);
      v.get("centre").get("centre_80").forEach(results::add);
    }
    for (JsonNode f : results) {
      d.writeByte(f.get("quality").asInt());
      d.write(HEX.parseHex(f.get("hash").asText()));
    }
    assertEquals(v.get("hashes_hex").asText(), HEX.formatHex(out.toByteArray()));
    assertEquals(v.get("hashes_base64").asText(), Base64.getEncoder().encodeToString(out.toByteArray()));
    assertEquals(v.get("value").asText(), HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray())));
    SignedEntry s = SignedEntry.verify(v.get("entry").get("envelope_json").asText().getBytes(StandardCharsets.UTF_8),
        publicKey());
    org.hashfed.protocol.entry.Submit submit = (org.hashfed.protocol.entry.Submit) s.entry().body();
    assertEquals(v.get("value").asText(), submit.signal().value());
    assertEquals(v.has("centre") ? VectorGenerator.videoHashesWithCentre() : VectorGenerator.videoHashes(),
        submit.signal().video().orElseThrow());
  }

  @Test
  void feedVector_validatesInOrder() throws Exception {
    FeedValidator validator = FeedValidator.create(VectorGenerator.MEMBER, publicKey());
    for (String file : new String[] {"entries.json", "feed.json"}) {
      JsonNode root = Json.readTree(Files.readAllBytes(VECTORS.resolve(file)));
      JsonNode entries = root.isArray() ? root : root.get("entries");
      FeedState state = FeedState.empty(VectorGenerator.MEMBER);
      for (JsonNode v : entries) {
        FeedVerdict verdict = validator.classify(v.get("envelope_json").asText().getBytes(StandardCharsets.UTF_8),
            state, seq -> Optional.empty());
        state = assertInstanceOf(FeedVerdict.Accepted.class, verdict, file).state();
      }
      assertEquals(entries.size(), state.lastSeq());
    }
  }

  @Test
  void equivocationVector_parsesAndNamesBothIds() throws Exception {
    JsonNode v = Json.readTree(Files.readAllBytes(VECTORS.resolve("equivocation.json")));
    EquivocationEvidence ev = EquivocationEvidence.parse(
        v.get("evidence_json").asText().getBytes(StandardCharsets.UTF_8), publicKey());
    assertEquals(2, ev.seq());
    assertEquals(v.get("first_entry_id").asText(), ev.first().id().hex());
    assertEquals(v.get("second_entry_id").asText(), ev.second().id().hex());
  }

  private static Ed25519PublicKey publicKey() throws Exception {
    JsonNode k = Json.readTree(Files.readAllBytes(VECTORS.resolve("key.json")));
    return Ed25519PublicKey.fromBase64(k.get("public_key_base64").asText());
  }
}
