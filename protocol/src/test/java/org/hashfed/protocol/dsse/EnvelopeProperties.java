package org.hashfed.protocol.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;

class EnvelopeProperties {

  private static final String TYPE = "application/vnd.hashfed.test+json";
  private static final Ed25519PrivateKey KEY = EnvelopeTest.key(7);
  private static final EnvelopeVerifier VERIFIER = EnvelopeVerifier.single(TYPE, KEY.publicKey());

  @Property(tries = 200)
  void toJsonThenParse_roundTrips(@ForAll @Size(max = 2000) byte[] payload) throws Exception {
    Envelope e = Envelope.sign(TYPE, payload, KEY);
    Envelope back = Envelope.parse(e.toJson());
    assertArrayEquals(payload, back.payload());
    assertEquals(e, back);
    VERIFIER.verify(back);
  }

  @Property(tries = 200)
  void verify_withAnyPayloadBitFlipped_throws(@ForAll @Size(min = 1, max = 300) byte[] payload,
      @ForAll @IntRange(max = 1 << 20) int bitSeed) {
    Envelope e = Envelope.sign(TYPE, payload, KEY);
    byte[] bad = payload.clone();
    int bit = bitSeed % (payload.length * 8);
    bad[bit / 8] ^= (byte) (1 << (bit % 8));
    Envelope tampered = Envelope.sign(TYPE, bad, KEY);
    Envelope forged = reassemble(TYPE, bad, e);
    assertThrows(SignatureVerificationException.class, () -> VERIFIER.verify(forged));
    assertThrows(SignatureVerificationException.class, () -> VERIFIER.verify(reassemble(TYPE, payload, tampered)));
  }

  @Property(tries = 200)
  void verify_withAnySignatureBitFlipped_throws(@ForAll @Size(max = 300) byte[] payload,
      @ForAll @IntRange(max = 511) int bit) throws Exception {
    Envelope e = Envelope.sign(TYPE, payload, KEY);
    byte[] sig = e.signatures().get(0).sig();
    sig[bit / 8] ^= (byte) (1 << (bit % 8));
    Envelope bad = Envelope.parse(json(TYPE, payload, e.signatures().get(0).keyId().hex(), sig));
    assertThrows(SignatureVerificationException.class, () -> VERIFIER.verify(bad));
  }

  @Property(tries = 200)
  void verify_withAnyPayloadTypeBitFlipped_throws(@ForAll @IntRange(max = 1 << 20) int bitSeed) throws Exception {
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    Envelope e = Envelope.sign(TYPE, payload, KEY);
    char[] type = TYPE.toCharArray();
    int bit = bitSeed % (type.length * 7);
    type[bit / 7] ^= (char) (1 << (bit % 7));
    String badType = new String(type);
    Envelope bad;
    try {
      bad = Envelope.parse(json(badType, payload, KEY.publicKey().keyId().hex(), e.signatures().get(0).sig()));
    } catch (EnvelopeFormatException notPrintable) {
      return;
    }
    EnvelopeVerifier sameType = EnvelopeVerifier.single(badType, KEY.publicKey());
    assertThrows(SignatureVerificationException.class, () -> sameType.verify(bad));
    assertThrows(SignatureVerificationException.class, () -> VERIFIER.verify(bad));
  }

  @Property(tries = 500)
  void parse_withRandomBytes_throwsOnlyFormatException(@ForAll @Size(max = 200) byte[] junk) {
    try {
      Envelope.parse(junk);
    } catch (EnvelopeFormatException expected) {
      // the only exception garbage may cause
    }
  }

  @Property(tries = 500)
  void parse_withRandomText_throwsOnlyFormatException(@ForAll String junk) {
    for (String candidate : new String[] {junk, "{\"payloadType\":" + junk + "}",
        "{\"payloadType\":\"t\",\"payload\":\"" + junk + "\",\"signatures\":[]}",
        "{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"keyid\":\"" + junk + "\",\"sig\":\"\"}]}"}) {
      try {
        Envelope.parse(candidate.getBytes(StandardCharsets.UTF_8));
      } catch (EnvelopeFormatException expected) {
        // the only exception garbage may cause
      }
    }
  }

  private static Envelope reassemble(String type, byte[] payload, Envelope signaturesFrom) {
    try {
      return Envelope.parse(json(type, payload, signaturesFrom.signatures().get(0).keyId().hex(),
          signaturesFrom.signatures().get(0).sig()));
    } catch (EnvelopeFormatException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] json(String type, byte[] payload, String keyId, byte[] sig) {
    var root = org.hashfed.protocol.json.Json.mapper().createObjectNode();
    root.put("payloadType", type);
    root.put("payload", java.util.Base64.getEncoder().encodeToString(payload));
    root.putArray("signatures").addObject().put("keyid", keyId)
        .put("sig", java.util.Base64.getEncoder().encodeToString(sig));
    return org.hashfed.protocol.json.Json.write(root);
  }
}
