package org.hashfed.cli.consortium;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.hashfed.cli.CliRun;
import org.hashfed.cli.base.ExitCodes;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyFiles;
import org.hashfed.protocol.json.Json;
import org.hashfed.protocol.roster.MemberFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsortiumCommandTest {

  /** Self-signed P-256 certificate made with openssl, and its fingerprint as openssl printed it. */
  private static final String PEM = """
      -----BEGIN CERTIFICATE-----
      MIIBjzCCATWgAwIBAgIUbMXJeaShWunk8zsO8f+ZHtIfMAMwCgYIKoZIzj0EAwIw
      HDEaMBgGA1UEAwwRYWNtZS5oYXNoZmVkLnRlc3QwIBcNMjYxMTI4MTQwMjQ5WhgP
      MjEyNjExMDQxNDAyNDlaMBwxGjAYBgNVBAMMEWFjbWUuaGFzaGZlZC50ZXN0MFkw
      EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfvQQVBgyzNssS3IctLtJ3U4YEjTkjtVF
      i4Yl4cGYAo8eJs8LGuNRAZs2uuy7zurlVyC7hzQEPAkPi4SWJr9JCaNTMFEwHQYD
      VR0OBBYEFDI/oj5hwBfLGTV9wILoU0IxGZR8MB8GA1UdIwQYMBaAFDI/oj5hwBfL
      GTV9wILoU0IxGZR8MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIg
      XOtj2EYXJ/vp978N2CnRWgkPr/rjrWeSlwbvT5DfsKECIQCwJJCvw5hZO50vWB2e
      vCnneCOaCT+pFrgkS335iOdCVQ==
      -----END CERTIFICATE-----
      """;
  private static final String PEM_SHA256 = "f095b6d6cbd06345f6ae528c14d6ca526e0e962e704e8380946b04539d05afc4";

  @TempDir Path dir;


  private CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path p(String name) {
    return dir.resolve(name);
  }

  private String s(String name) {
    return p(name).toString();
  }

  @BeforeEach
  void members() throws Exception {
    SecureRandom random = new SecureRandom();
    int n = 1;
    for (String m : List.of("acme", "beta", "gamma", "delta")) {
      Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
      KeyFiles.writePrivateKey(p(m + ".key"), k);
      KeyFiles.writePublicKey(p(m + ".pub"), k.publicKey());
      CliRun r = run("member", "export", "--key", s(m + ".pub"), "--id", m, "--name", m.toUpperCase() + " Inc.",
          "--peer-url", "https://127.0.0.1:" + (9000 + n), "--tls-fingerprint", String.format("%02x", n).repeat(32),
          "--out", s(m + ".member.json"));
      assertEquals(0, r.status(), r.all());
      n++;
    }
  }

  private CliRun show(String file, String... current) {
    List<String> args = new ArrayList<>(List.of("consortium", "show", s(file)));
    if (current.length > 0) {
      args.add("--current");
      for (String c : current) {
        args.add(s(c));
      }
    }
    return run(args.toArray(String[]::new));
  }

  private void genesis() {
    CliRun init = run("consortium", "init", "--name", "gifct-test", "--founder", s("acme.member.json"),
        s("beta.member.json"), s("gamma.member.json"), "--key", s("acme.key"), "--issued", "2026-11-28T13:45:00Z",
        "--out", s("v1.json"));
    assertEquals(0, init.status(), init.all());
    assertEquals(0, run("consortium", "sign", "--key", s("beta.key"), "--in", s("v1.json")).status());
    assertEquals(0, run("consortium", "sign", "--key", s("gamma.key"), "--in", s("v1.json")).status());
  }

  @Test
  void memberExport_printsTheMemberFile_withFingerprintOfAPemCertificate() throws Exception {
    Files.writeString(p("node.pem"), PEM);
    CliRun r = run("member", "export", "--key", s("acme.key"), "--id", "acme", "--name", "Acme Video",
        "--peer-url", "https://acme.example:8443", "--tls-cert", s("node.pem"));
    assertEquals(0, r.status(), r.all());
    MemberFile f = MemberFile.parse(r.out().getBytes(StandardCharsets.UTF_8));
    assertEquals(PEM_SHA256, f.toActiveMember().tlsFingerprint().hex());
    assertEquals(KeyFiles.readPublicKey(p("acme.pub")), f.toActiveMember().key());
  }

  @Test
  void memberExport_withBadPeerUrl_isUsageErrorNamingIt() {
    CliRun r = run("member", "export", "--key", s("acme.pub"), "--id", "acme", "--name", "Acme",
        "--peer-url", "http://acme.example", "--tls-fingerprint", "ab".repeat(32));
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("invalid peer URL \"http://acme.example\""), r.err());
  }

  @Test
  void genesis_isValidOnlyOnceEveryFounderSigned() {
    assertEquals(0, run("consortium", "init", "--name", "gifct-test", "--founder", s("acme.member.json"),
        s("beta.member.json"), s("gamma.member.json"), "--key", s("acme.key"), "--out", s("v1.json")).status());
    CliRun partial = show("v1.json");
    assertEquals(ExitCodes.NOT_FOUND, partial.status(), partial.all());
    assertTrue(partial.out().contains("NOT VALID: roster v1 has valid signatures by 1 of 3 founders"), partial.out());
    assertEquals(0, run("consortium", "sign", "--key", s("beta.key"), "--in", s("v1.json")).status());
    assertEquals(0, run("consortium", "sign", "--key", s("gamma.key"), "--in", s("v1.json")).status());
    CliRun full = show("v1.json");
    assertEquals(0, full.status(), full.all());
    assertTrue(full.out().contains("VALID: signed by every founder (3)"), full.out());
  }

  @Test
  void sign_twiceWithTheSameKey_changesNothing() throws Exception {
    genesis();
    byte[] before = Files.readAllBytes(p("v1.json"));
    CliRun again = run("consortium", "sign", "--key", s("beta.key"), "--in", s("v1.json"));
    assertEquals(0, again.status(), again.all());
    assertTrue(again.out().startsWith("already signed by beta"), again.out());
    assertArrayEquals(before, Files.readAllBytes(p("v1.json")));
  }

  @Test
  void sign_withKeyOfNoMember_isRefused() {
    genesis();
    CliRun r = run("consortium", "sign", "--key", s("delta.key"), "--in", s("v1.json"));
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("is not the key of any member listed in"), r.err());
  }

  @Test
  void addingAMember_needsTwoOfThreeSignatures() throws Exception {
    genesis();
    CliRun propose = run("consortium", "propose", "add", "--current", s("v1.json"), "--member-file",
        s("delta.member.json"), "--key", s("acme.key"), "--issued", "2026-11-29T10:00:00Z", "--out", s("v2.json"));
    assertEquals(0, propose.status(), propose.all());
    assertTrue(propose.out().contains("v2 (adds delta), signed by acme; valid with 2 of 3 active members of v1"),
        propose.out());

    CliRun one = show("v2.json", "v1.json");
    assertEquals(ExitCodes.NOT_FOUND, one.status(), one.all());
    assertTrue(one.out().contains(
        "NOT VALID: roster v2 has 1 valid signature from active members of v1 (acme), needs 2 of 3 (quorum 2/3)"),
        one.out());

    assertEquals(0, run("consortium", "sign", "--key", s("gamma.key"), "--in", s("v2.json"), "--current",
        s("v1.json")).status());
    CliRun two = show("v2.json", "v1.json");
    assertEquals(0, two.status(), two.all());
    assertTrue(two.out().contains("VALID: signed by [acme, gamma], 2 of 3 active members of v1"), two.out());

    CliRun json = run("consortium", "show", s("v2.json"), "--current", s("v1.json"), "--json");
    assertEquals(0, json.status(), json.all());
    JsonNode j = Json.readTree(json.out().getBytes(StandardCharsets.UTF_8));
    assertTrue(j.get("valid").booleanValue());
    assertEquals(2, j.get("version").intValue());
    assertEquals("delta", j.get("roster").get("members").get(2).get("id").textValue());
  }

  @Test
  void suspendedMembersSignature_doesNotCount() {
    genesis();
    assertEquals(0, run("consortium", "propose", "suspend", "gamma", "--current", s("v1.json"), "--key", s("acme.key"),
        "--out", s("v2.json")).status());
    assertEquals(0, run("consortium", "sign", "--key", s("beta.key"), "--in", s("v2.json")).status());
    assertEquals(0, show("v2.json", "v1.json").status());

    CliRun refused = run("consortium", "propose", "reactivate", "gamma", "--current", s("v2.json"),
        "--key", s("gamma.key"), "--out", s("v3.json"));
    assertEquals(ExitCodes.USAGE, refused.status());
    assertTrue(refused.err().contains("is not the key of an active member"), refused.err());

    assertEquals(0, run("consortium", "propose", "set-url", "beta", "--url", "https://127.0.0.1:9102",
        "--current", s("v2.json"), "--key", s("beta.key"), "--out", s("v3.json")).status());
    CliRun checked = run("consortium", "sign", "--key", s("gamma.key"), "--in", s("v3.json"), "--current", s("v2.json"));
    assertEquals(ExitCodes.USAGE, checked.status());
    assertTrue(checked.err().contains("(gamma is suspended): its signature would not count"), checked.err());
    assertEquals(0, run("consortium", "sign", "--key", s("gamma.key"), "--in", s("v3.json")).status());

    CliRun notCounted = show("v3.json", "v1.json", "v2.json");
    assertEquals(ExitCodes.NOT_FOUND, notCounted.status(), notCounted.all());
    assertTrue(notCounted.out().contains("not counted: suspended in v2"), notCounted.out());
    assertTrue(notCounted.out().contains("needs 2 of 2"), notCounted.out());

    assertEquals(0, run("consortium", "sign", "--key", s("acme.key"), "--in", s("v3.json")).status());
    assertEquals(0, show("v3.json", "v1.json", "v2.json").status());
  }

  @Test
  void show_ofLaterVersionWithoutCurrent_isUsageError() {
    genesis();
    assertEquals(0, run("consortium", "propose", "set-quorum", "3/4", "--current", s("v1.json"), "--key",
        s("acme.key"), "--out", s("v2.json")).status());
    CliRun r = show("v2.json");
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("give --current with every version from 1 to 1"), r.err());
  }

  @Test
  void show_ofGarbageFile_isNotValidNamingTheFile() throws Exception {
    Files.writeString(p("junk.json"), "{\"payloadType\":1}");
    CliRun r = show("junk.json");
    assertEquals(ExitCodes.NOT_FOUND, r.status());
    assertTrue(r.err().contains("roster file " + s("junk.json") + " is not a DSSE envelope"), r.err());
    assertEquals(ExitCodes.USAGE, show("missing.json").status());
  }

  @Test
  void propose_forUnknownMember_isUsageErrorListingMembers() {
    genesis();
    CliRun r = run("consortium", "propose", "remove", "omega", "--current", s("v1.json"), "--key", s("acme.key"),
        "--out", s("v2.json"));
    assertEquals(ExitCodes.USAGE, r.status());
    assertTrue(r.err().contains("member omega is not listed in the current roster: expected one of [acme, beta, gamma]"),
        r.err());
    assertTrue(!Files.exists(p("v2.json")));
  }

  @Test
  void init_refusesToOverwriteAndAKeyOfNoFounder() throws Exception {
    genesis();
    CliRun overwrite = run("consortium", "init", "--name", "gifct-test", "--founder", s("acme.member.json"),
        "--key", s("acme.key"), "--out", s("v1.json"));
    assertEquals(ExitCodes.USAGE, overwrite.status());
    assertTrue(overwrite.err().contains("exists"), overwrite.err());
    CliRun stranger = run("consortium", "init", "--name", "gifct-test", "--founder", s("acme.member.json"),
        "--key", s("delta.key"), "--out", s("other.json"));
    assertEquals(ExitCodes.USAGE, stranger.status());
    assertTrue(stranger.err().contains("is not the key of any founder"), stranger.err());
  }
}
