package org.hashfed.protocol.dsse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * DSSE envelopes with one and with several signatures, mutated: parsing throws only
 * {@link EnvelopeFormatException} and verifying only {@link SignatureVerificationException},
 * within a bound, and an envelope that parses is equal to its own re-encoding parsed again.
 */
class EnvelopeFuzzProperties {

  private static final String TYPE = "application/vnd.hashfed.test+json";
  private static final Ed25519PrivateKey A = EnvelopeTest.key(7);
  private static final Ed25519PrivateKey B = EnvelopeTest.key(8);
  private static final List<byte[]> SAMPLES = List.of(
      Envelope.sign(TYPE, "{\"a\":[1,2,\"x\"]}".getBytes(StandardCharsets.UTF_8), A).toJson(),
      Envelope.sign(TYPE, new byte[] {0, (byte) 0xFF, 10}, List.of(A, B)).toJson());

  @Property
  void parse_mutated_roundTripsOrThrowsEnvelopeFormat(@ForAll @IntRange(max = 1) int sample, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] json = Fuzz.mutate(SAMPLES.get(sample), seed, edits);
    Fuzz.parse(json, () -> Envelope.parse(json), EnvelopeFormatException.class).ifPresent(e -> {
      assertEquals(e, Fuzz.parse(json, () -> Envelope.parse(e.toJson())).orElseThrow());
      Fuzz.parse(json, () -> {
        EnvelopeVerifier.single(TYPE, A.publicKey()).verify(e);
        return e;
      }, SignatureVerificationException.class);
    });
  }
}
