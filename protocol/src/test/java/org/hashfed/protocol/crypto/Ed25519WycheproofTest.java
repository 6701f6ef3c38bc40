package org.hashfed.protocol.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Project Wycheproof's Ed25519 vectors (test resources, wycheproof/README.md). */
class Ed25519WycheproofTest {

  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> cases() throws IOException {
    JsonNode root;
    try (InputStream in = Ed25519WycheproofTest.class.getResourceAsStream("/wycheproof/ed25519_test.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      String key = group.get("publicKey").get("pk").asText();
      for (JsonNode test : group.get("tests")) {
        cases.add(Arguments.of(test.get("tcId").asInt(), test.get("comment").asText(), key,
            test.get("msg").asText(), test.get("sig").asText(), test.get("result").asText()));
      }
    }
    assertEquals(root.get("numberOfTests").asInt(), cases.size());
    return cases.stream();
  }

  @ParameterizedTest(name = "tcId {0} {1}: {5}")
  @MethodSource("cases")
  void verify_givesWycheproofsResult(int tcId, String comment, String key, String msg, String sig, String result) {
    byte[] publicKey = HEX.parseHex(key);
    byte[] message = HEX.parseHex(msg);
    byte[] signature = HEX.parseHex(sig);
    boolean accepted = Ed25519VerificationProperties.accepts(publicKey, message, signature);
    assertEquals("valid".equals(result), accepted, "tcId " + tcId);
    assertEquals(Ed25519VerificationProperties.bouncyCastleAccepts(publicKey, message, signature), accepted,
        "tcId " + tcId + " against Bouncy Castle");
  }
}
