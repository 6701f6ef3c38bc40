package org.hashfed.protocol.roster;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.json.Json;

/**
 * Makes {@code spec/vectors/roster.json} from the code: four fixed-seed members, a valid chain
 * v1 (three founders) and v2 (adds delta, signed by two of three), and refused candidates for v2.
 * Run {@code main} with the spec directory to rewrite it; {@code RosterVectorsTest} checks it.
 */
public final class RosterVectorGenerator {

  static final Instant T1 = Instant.parse("2026-12-01T09:00:00Z");

  private RosterVectorGenerator() {}

  static SignedRoster v1() throws RosterVerificationException {
    return TestMembers.genesis(3);
  }

  static Roster v2Draft(SignedRoster v1) {
    return v1.successor(T1).withMember(TestMembers.member("delta"));
  }

  static byte[] generate() throws RosterVerificationException {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("description", "Roster vectors. Member n (acme 0, beta 1, gamma 2, delta 3) has the Ed25519 seed of the 32 "
        + "bytes 32n+1 .. 32n+32 (acme: 0x01..0x20, as in key.json). Never use these keys for real.");
    o.put("payload_type", Roster.PAYLOAD_TYPE);
    ArrayNode members = o.putArray("members");
    for (int i = 0; i < 4; i++) {
      MemberRecord m = TestMembers.member(i);
      ObjectNode n = members.addObject();
      n.put("id", m.id().value());
      n.put("seed_hex", HexFormat.of().formatHex(TestMembers.seed(i)));
      n.put("keyid", m.key().keyId().hex());
      n.put("member_file", new String(MemberFile.create(m.id(), m.name(), m.key(), m.peerUrl(), m.tlsFingerprint())
          .toJson(), StandardCharsets.UTF_8));
    }
    SignedRoster v1 = v1();
    SignedRoster v2 = RosterVerifier.verifyNext(v1, TestMembers.sign(v2Draft(v1), "acme", "beta"));
    ArrayNode chain = o.putArray("chain");
    chain.add(version(v1, "Genesis: three founders, quorum 2/3, signed by all three."));
    chain.add(version(v2, "Adds delta; signed by acme and beta, 2 of v1's 3 active members (ceil(2/3 * 3) = 2)."));
    ArrayNode refused = o.putArray("refused_after_v1");
    Roster draft = v2Draft(v1);
    refused.add(refusal("Only acme signed: 1 of the 2 signatures needed.", TestMembers.sign(draft, "acme")));
    refused.add(refusal("acme and delta signed: delta is not a member of v1, so only 1 signature counts.",
        TestMembers.sign(draft, "acme", "delta")));
    refused.add(refusal("Version 3 after version 1, signed by all three founders.", TestMembers.sign(
        Roster.of(draft.consortium(), 3, draft.previous(), T1, draft.quorum(), draft.members()), "acme", "beta", "gamma")));
    refused.add(refusal("previous is not the digest of v1.", TestMembers.sign(
        Roster.of(draft.consortium(), 2, Optional.of("00".repeat(32)), T1, draft.quorum(), draft.members()),
        "acme", "beta")));
    refused.add(refusal("The consortium is renamed.", TestMembers.sign(
        Roster.of("gifct-renamed", 2, draft.previous(), T1, draft.quorum(), draft.members()), "acme", "beta")));
    return pretty(o);
  }

  private static ObjectNode version(SignedRoster s, String description) {
    ObjectNode n = Json.mapper().createObjectNode();
    byte[] payload = s.envelope().payload();
    n.put("description", description);
    n.put("version", s.roster().version());
    n.put("payload_text", new String(payload, StandardCharsets.UTF_8));
    n.put("payload_base64", Base64.getEncoder().encodeToString(payload));
    n.put("digest", s.digest());
    ArrayNode signers = n.putArray("signers");
    s.signers().stream().map(Object::toString).sorted().forEach(signers::add);
    n.put("envelope_json", new String(s.envelope().toJson(), StandardCharsets.UTF_8));
    return n;
  }

  private static ObjectNode refusal(String reason, Envelope e) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("reason", reason);
    n.put("envelope_json", new String(e.toJson(), StandardCharsets.UTF_8));
    return n;
  }

  private static byte[] pretty(ObjectNode node) {
    try {
      String text = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code args[0]/vectors/roster.json}. */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "spec").resolve("vectors");
    Files.createDirectories(dir);
    Files.write(dir.resolve("roster.json"), generate());
  }
}
