package org.hashfed.protocol.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

  private static final String TYPE = "application/vnd.hashfed.test+json";
  private static final Ed25519PrivateKey A = key(1);
  private static final Ed25519PrivateKey B = key(2);
  private static final Ed25519PrivateKey C = key(3);

  static Ed25519PrivateKey key(int fill) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) fill);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pae_matchesDsseSpecExample() {
    assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
        new String(Pae.encode("http://example.com/HelloWorld", utf8("hello world")), StandardCharsets.UTF_8));
  }

  @Test
  void pae_countsBytesNotCharacters() {
    assertArrayEquals(utf8("DSSEv1 1 t 2 \u00e9"), Pae.encode("t", utf8("\u00e9")));
  }

  @Test
  void toJson_thenParse_roundTripsAndVerifies() throws Exception {
    Envelope e = Envelope.sign(TYPE, utf8("{\"a\":1}"), A);
    String json = new String(e.toJson(), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"payloadType\":\"" + TYPE + "\",\"payload\":\"eyJhIjoxfQ==\",\"signatures\":[{\"keyid\":\""
        + A.publicKey().keyId().hex() + "\",\"sig\":\""), json);
    Envelope back = Envelope.parse(e.toJson());
    assertEquals(e, back);
    assertEquals(Set.of(A.publicKey().keyId()), EnvelopeVerifier.single(TYPE, A.publicKey()).verify(back));
  }

  @Test
  void parse_acceptsUrlSafeUnpaddedBase64() throws Exception {
    Envelope e = Envelope.sign(TYPE, new byte[] {(byte) 0xfb, (byte) 0xff}, A);
    String json = new String(e.toJson(), StandardCharsets.UTF_8);
    String std = java.util.Base64.getEncoder().encodeToString(e.signatures().get(0).sig());
    String url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(e.signatures().get(0).sig());
    String urlJson = json.replace("\"+/8=\"", "\"-_8\"").replace(std, url);
    Envelope back = Envelope.parse(utf8(urlJson));
    assertEquals(e, back);
    EnvelopeVerifier.single(TYPE, A.publicKey()).verify(back);
  }

  @Test
  void verify_thresholdTwoOfThree() throws Exception {
    EnvelopeVerifier v = EnvelopeVerifier.create(TYPE, List.of(A.publicKey(), B.publicKey(), C.publicKey()), 2);
    byte[] payload = utf8("roster v2");
    assertEquals(2, v.verify(Envelope.sign(TYPE, payload, List.of(A, C))).size());
    SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
        () -> v.verify(Envelope.sign(TYPE, payload, List.of(B))));
    assertTrue(e.getMessage().contains("1 trusted keys, expected at least 2"), e.getMessage());
  }

  @Test
  void verify_unknownKeysDoNotCount() throws Exception {
    EnvelopeVerifier v = EnvelopeVerifier.create(TYPE, List.of(A.publicKey(), B.publicKey()), 2);
    assertThrows(SignatureVerificationException.class,
        () -> v.verify(Envelope.sign(TYPE, utf8("x"), List.of(A, C))));
  }

  @Test
  void verify_sameKeyTwice_countsOnce() throws Exception {
    Envelope one = Envelope.sign(TYPE, utf8("x"), A);
    String sig = new String(one.toJson(), StandardCharsets.UTF_8);
    int start = sig.indexOf("{\"keyid\"");
    String entry = sig.substring(start, sig.lastIndexOf(']'));
    Envelope doubled = Envelope.parse(utf8(sig.replace(entry, entry + "," + entry)));
    EnvelopeVerifier v = EnvelopeVerifier.create(TYPE, List.of(A.publicKey(), B.publicKey()), 2);
    assertThrows(SignatureVerificationException.class, () -> v.verify(doubled));
  }

  @Test
  void verify_withOtherPayloadType_throws() {
    Envelope e = Envelope.sign("application/other", utf8("x"), A);
    SignatureVerificationException ex = assertThrows(SignatureVerificationException.class,
        () -> EnvelopeVerifier.single(TYPE, A.publicKey()).verify(e));
    assertTrue(ex.getMessage().contains("application/other"), ex.getMessage());
  }

  @Test
  void parse_tooLarge_throwsBeforeParsing() {
    byte[] big = new byte[Envelope.MAX_ENVELOPE_BYTES + 1];
    EnvelopeFormatException e = assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(big));
    assertEquals("envelope has 1048577 bytes: expected at most 1048576", e.getMessage());
  }

  @Test
  void parse_badInputs_throwClearFormatErrors() {
    assertFormatError("not json", "not valid JSON");
    assertFormatError("[]", "expected an object");
    assertFormatError("{\"payloadType\":\"t\",\"payload\":\"AA==\"}", "\"signatures\" must be an array");
    assertFormatError("{\"payloadType\":\"t\",\"payload\":\"A!==\",\"signatures\":[]}", "not base64");
    assertFormatError("{\"payloadType\":\"t\",\"payload\":\"AA==\",\"signatures\":[],\"x\":1}", "unknown field \"x\"");
    assertFormatError("{\"payloadType\":\"t\",\"payloadType\":\"u\"}", "not valid JSON");
    assertFormatError("{\"payloadType\":\"t\",\"payload\":\"AA==\",\"signatures\":[{\"keyid\":\"ab\",\"sig\":\"AA==\"}]}",
        "invalid key id \"ab\"");
    assertFormatError("{\"payloadType\":\"\",\"payload\":\"AA==\",\"signatures\":[]}", "invalid payloadType");
    assertFormatError("{\"payloadType\":\"t\",\"payload\":\"AA==\",\"signatures\":[]} {}", "not valid JSON");
  }

  private static void assertFormatError(String json, String expected) {
    EnvelopeFormatException e = assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(utf8(json)));
    assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
  }
}
