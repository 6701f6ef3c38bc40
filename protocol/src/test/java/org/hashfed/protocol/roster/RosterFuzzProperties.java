package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.fuzz.Fuzz;

/**
 * Roster payloads, roster envelopes, member files and the certificate files they are made from, mutated from real encodings: only
 * {@link RosterFormatException} from the parsers ({@link IllegalArgumentException} for a certificate) and {@link RosterVerificationException} from
 * verification, within a bound; a roster or member file that parses re-encodes to an equal one.
 * Mutated payloads are signed again by every founder, so that they reach the succession rules.
 */
class RosterFuzzProperties {

  private static final SignedRoster GENESIS = genesis();
  private static final Roster NEXT = GENESIS.successor(TestMembers.T0.plusSeconds(60))
      .withMember(TestMembers.member(4)).withQuorum(Quorum.of(1, 2));
  private static final MemberRecord MEMBER = TestMembers.member(5);
  private static final byte[] MEMBER_FILE =
      MemberFile.create(MEMBER.id(), MEMBER.name(), MEMBER.key(), MEMBER.peerUrl(), MEMBER.tlsFingerprint()).toJson();

  private static SignedRoster genesis() {
    try {
      return TestMembers.genesis(3);
    } catch (RosterVerificationException e) {
      throw new AssertionError(e);
    }
  }

  @Property
  void payload_mutated_roundTripsOrThrowsRosterFormat(@ForAll boolean successor, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] payload = Fuzz.mutate((successor ? NEXT : GENESIS.roster()).toPayload(), seed, edits);
    Fuzz.parse(payload, () -> Roster.parse(payload), RosterFormatException.class)
        .ifPresent(r -> assertEquals(r, Fuzz.parse(payload, () -> Roster.parse(r.toPayload())).orElseThrow()));
    Envelope signed = Envelope.sign(Roster.PAYLOAD_TYPE, payload,
        List.of(TestMembers.key(0), TestMembers.key(1), TestMembers.key(2)));
    Fuzz.parse(payload, () -> successor ? RosterVerifier.verifyNext(GENESIS, signed)
        : RosterVerifier.verifyGenesis(signed, null), RosterVerificationException.class);
  }

  @Property
  void envelope_mutated_throwsOnlyTheDocumentedExceptions(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] json = Fuzz.mutate(TestMembers.sign(NEXT, "acme", "beta").toJson(), seed, edits);
    Optional<Envelope> envelope = Fuzz.parse(json, () -> Envelope.parse(json), EnvelopeFormatException.class);
    envelope.ifPresent(e -> Fuzz.parse(json, () -> RosterVerifier.verifyChain(List.of(GENESIS.envelope(), e), null),
        RosterVerificationException.class));
  }

  @Property
  void certificateFile_mutated_fingerprintsOrThrowsIllegalArgument(@ForAll boolean der, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) throws Exception {
    byte[] pem = MemberFileTest.PEM.getBytes(StandardCharsets.US_ASCII);
    byte[] valid = der ? ((X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem))).getEncoded() : pem;
    byte[] file = Fuzz.mutate(valid, seed, edits);
    Fuzz.parse(file, () -> TlsFingerprint.ofCertificateFile(file), IllegalArgumentException.class);
  }

  @Property
  void memberFile_mutated_roundTripsOrThrowsRosterFormat(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] json = Fuzz.mutate(MEMBER_FILE, seed, edits);
    Fuzz.parse(json, () -> MemberFile.parse(json), RosterFormatException.class)
        .ifPresent(f -> assertEquals(f, Fuzz.parse(json, () -> MemberFile.parse(f.toJson())).orElseThrow()));
  }
}
