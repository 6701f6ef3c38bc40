package org.hashfed.protocol.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.KeyId;
import org.junit.jupiter.api.Test;

class EnvelopeCosignTest {

  private static final String TYPE = "application/example";
  private static final byte[] PAYLOAD = "roster".getBytes(StandardCharsets.UTF_8);

  private static Ed25519PrivateKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Ed25519PrivateKey.fromSeed(seed);
  }

  @Test
  void withSignature_addsASignatureThatVerifies() throws Exception {
    Envelope e = Envelope.sign(TYPE, PAYLOAD, key(1)).withSignature(key(2));
    assertEquals(2, e.signatures().size());
    Set<KeyId> ok = EnvelopeVerifier.create(TYPE, List.of(key(1).publicKey(), key(2).publicKey()), 2).verify(e);
    assertEquals(Set.of(key(1).publicKey().keyId(), key(2).publicKey().keyId()), ok);
  }

  @Test
  void withSignature_bySameKeyAgain_returnsSameEnvelope() {
    Envelope e = Envelope.sign(TYPE, PAYLOAD, key(1)).withSignature(key(2));
    assertSame(e, e.withSignature(key(2)));
    assertSame(e, e.withSignature(key(1)));
  }

  @Test
  void withSignature_replacesABadSignatureOfTheSameKey() throws Exception {
    Envelope good = Envelope.sign(TYPE, PAYLOAD, key(1));
    String json = new String(good.toJson(), StandardCharsets.UTF_8);
    String sig = java.util.Base64.getEncoder().encodeToString(good.signatures().get(0).sig());
    String other = java.util.Base64.getEncoder().encodeToString(key(1).sign(PAYLOAD));
    Envelope bad = Envelope.parse(json.replace(sig, other).getBytes(StandardCharsets.UTF_8));
    assertEquals(good, bad.withSignature(key(1)));
  }

  @Test
  void withSignature_beyondTheLimit_throws() {
    List<Ed25519PrivateKey> keys = new ArrayList<>();
    for (int i = 1; i <= Envelope.MAX_SIGNATURES; i++) {
      keys.add(key(i));
    }
    Envelope full = Envelope.sign(TYPE, PAYLOAD, keys);
    assertThrows(IllegalArgumentException.class, () -> full.withSignature(key(100)));
  }
}
