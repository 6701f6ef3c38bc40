package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberFileTest {

  /** Self-signed P-256 certificate made with openssl; its fingerprint as {@code openssl x509 -fingerprint -sha256} printed it. */
  static final String PEM = """
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
  static final String OPENSSL_FINGERPRINT =
      "F0:95:B6:D6:CB:D0:63:45:F6:AE:52:8C:14:D6:CA:52:6E:0E:96:2E:70:4E:83:80:94:6B:04:53:9D:05:AF:C4";

  @Test
  void toJson_thenParse_roundTripsAndIsCompactWithNewline() throws Exception {
    MemberRecord m = TestMembers.member("acme");
    MemberFile f = MemberFile.create(m.id(), m.name(), m.key(), m.peerUrl(), m.tlsFingerprint());
    String json = new String(f.toJson(), StandardCharsets.UTF_8);
    assertEquals("{\"id\":\"acme\",\"name\":\"Acme Inc.\",\"key\":\"" + m.key().toBase64()
        + "\",\"peer_url\":\"https://acme.hashfed.test:8443\",\"tls_fingerprint\":\"" + "01".repeat(32) + "\"}\n", json);
    assertEquals(f, MemberFile.parse(f.toJson()));
    assertEquals(m, MemberFile.parse(f.toJson()).toActiveMember());
  }

  @Test
  void fingerprint_ofPemCertificate_matchesOpenssl() {
    TlsFingerprint fp = TlsFingerprint.ofCertificateFile(PEM.getBytes(StandardCharsets.US_ASCII));
    assertEquals(TlsFingerprint.parseInput(OPENSSL_FINGERPRINT), fp);
    assertEquals(OPENSSL_FINGERPRINT.replace(":", "").toLowerCase(java.util.Locale.ROOT), fp.hex());
  }

  @Test
  void fingerprint_ofNonCertificate_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> TlsFingerprint.ofCertificateFile("not a certificate".getBytes(StandardCharsets.US_ASCII)));
    assertThrows(IllegalArgumentException.class,
        () -> TlsFingerprint.ofCertificateFile((PEM + PEM).getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"F095", "f0:95", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "F0-95-B6", ""})
  void fingerprint_parseInput_withInvalidText_throws(String text) {
    assertThrows(IllegalArgumentException.class, () -> TlsFingerprint.parseInput(text));
  }

  @Test
  void fingerprint_parse_isStrictLowercase() {
    assertThrows(IllegalArgumentException.class, () -> TlsFingerprint.parse("AB".repeat(32)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://acme.example", "https://", "https://user@acme.example", "https://acme.example/?q=1",
      "https://acme.example/#f", "https://acme.example:0", "https://acme.example:70000", "ftp://acme.example",
      "HTTPS://acme.example", "https://ACME.example", "https://acme example", "acme.example:8443", "https://a\u00e9.example"})
  void peerUrl_withInvalidText_throwsNamingIt(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerUrl.parse(url));
    assertTrue(e.getMessage().startsWith("invalid peer URL"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://acme.example", "https://acme.example:8443", "https://127.0.0.1:9001/peer",
      "https://[::1]:8443"})
  void peerUrl_withValidText_keepsText(String url) {
    assertEquals(url, PeerUrl.parse(url).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"id\":\"acme\",\"name\":\"A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\",\"status\":\"active\"}",
      "{\"id\":\"acme\",\"name\":\"A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\"}",
      "{\"id\":\"Acme\",\"name\":\"A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\"}",
      "{\"id\":\"acme\",\"name\":\" A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\"}",
      "{\"id\":\"acme\",\"name\":\"A\",\"key\":\"AAAA\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\"}",
      "{\"id\":\"acme\",\"id\":\"acme\",\"name\":\"A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\"}",
      "{\"id\":\"acme\",\"name\":\"A\",\"key\":\"%K\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"%F\"} x",
      "[]"})
  void parse_withInvalidFile_throwsRosterFormatException(String template) {
    String json = template.replace("%K", TestMembers.key(0).publicKey().toBase64()).replace("%F", "ab".repeat(32));
    assertThrows(RosterFormatException.class, () -> MemberFile.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parse_withNonCanonicalKeyBase64_throws() {
    String b64 = TestMembers.key(0).publicKey().toBase64();
    char last = b64.charAt(42);
    String bad = b64.substring(0, 42) + (char) (last + 1) + "=";
    String json = "{\"id\":\"acme\",\"name\":\"A\",\"key\":\"" + bad
        + "\",\"peer_url\":\"https://a.example\",\"tls_fingerprint\":\"" + "ab".repeat(32) + "\"}";
    RosterFormatException e = assertThrows(RosterFormatException.class,
        () -> MemberFile.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("key"), e.getMessage());
  }
}
