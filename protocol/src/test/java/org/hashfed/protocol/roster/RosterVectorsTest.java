package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.json.Json;
import org.junit.jupiter.api.Test;

/** Checks spec/vectors/roster.json against the code, and each vector from its own fields. */
class RosterVectorsTest {

  private static final Path FILE =
      Path.of(System.getProperty("hashfed.spec.dir", "../spec")).resolve("vectors").resolve("roster.json");

  private static JsonNode vectors() throws Exception {
    return Json.readTree(Files.readAllBytes(FILE));
  }

  private static Envelope envelope(JsonNode v) throws Exception {
    return Envelope.parse(v.get("envelope_json").asText().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void vectorFile_equalsWhatTheCodeProduces() throws Exception {
    assertEquals(new String(RosterVectorGenerator.generate(), StandardCharsets.UTF_8), Files.readString(FILE),
        FILE + " is stale: regenerate with RosterVectorGenerator.main");
  }

  @Test
  void members_seedsGiveTheKeysInTheirMemberFiles() throws Exception {
    for (JsonNode m : vectors().get("members")) {
      Ed25519PrivateKey k = Ed25519PrivateKey.fromSeed(HexFormat.of().parseHex(m.get("seed_hex").asText()));
      MemberFile f = MemberFile.parse(m.get("member_file").asText().getBytes(StandardCharsets.UTF_8));
      assertEquals(k.publicKey(), f.toActiveMember().key());
      assertEquals(m.get("keyid").asText(), k.publicKey().keyId().hex());
      assertEquals(m.get("id").asText(), f.id().value());
    }
  }

  @Test
  void chain_verifiesFromGenesis_andDigestsArePayloadHashes() throws Exception {
    List<Envelope> chain = new ArrayList<>();
    for (JsonNode v : vectors().get("chain")) {
      byte[] payload = Base64.getDecoder().decode(v.get("payload_base64").asText());
      assertEquals(v.get("payload_text").asText(), new String(payload, StandardCharsets.UTF_8));
      assertEquals(v.get("digest").asText(),
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
      Envelope e = envelope(v);
      assertEquals(Roster.PAYLOAD_TYPE, e.payloadType());
      chain.add(e);
      SignedRoster s = RosterVerifier.verifyChain(chain, null);
      assertEquals(v.get("version").asLong(), s.roster().version());
      List<String> signers = new ArrayList<>();
      v.get("signers").forEach(n -> signers.add(n.asText()));
      assertEquals(signers, s.signers().stream().map(Object::toString).sorted().toList());
    }
  }

  @Test
  void refusedCandidates_areRefusedAfterV1() throws Exception {
    JsonNode root = vectors();
    SignedRoster v1 = RosterVerifier.verifyGenesis(envelope(root.get("chain").get(0)), null);
    for (JsonNode r : root.get("refused_after_v1")) {
      Envelope e = envelope(r);
      assertThrows(RosterVerificationException.class, () -> RosterVerifier.verifyNext(v1, e), r.get("reason").asText());
    }
  }
}
