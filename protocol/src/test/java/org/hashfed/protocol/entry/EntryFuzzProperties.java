package org.hashfed.protocol.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.Envelope;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.fuzz.Fuzz;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;

/**
 * Entry payloads of every kind and the signed envelopes around them, mutated from real encodings:
 * only the documented exceptions, within a bound, and a payload that parses re-encodes to an entry
 * equal to it. Mutated payloads are signed again, so that they get past the signature check to
 * the entry parser, as a member's own node would send them.
 */
class EntryFuzzProperties {

  private static final Ed25519PrivateKey KEY = EntryTest.key(5);
  private static final MemberId ACME = EntryTest.ACME;
  private static final Instant T0 = EntryTest.T0;
  private static final EntryId TARGET = EntryId.ofPayload(new byte[] {1});
  private static final List<Entry> ENTRIES = List.of(
      Entry.create(ACME, 1, Optional.empty(), T0, EntryTest.submit().withIncident("chc-2019").withNote("a note")
          .withExpiresAt(T0.plusSeconds(86_400))),
      Entry.create(ACME, 2, Optional.of(TARGET), T0, Submit.of(Signal.vpdq(VideoHashes.of(List.of(
          VpdqFrame.of(0, 0, PdqHash.ofWords(1, 2, 3, 4), 90), VpdqFrame.of(30, 1000, PdqHash.ofWords(5, 6, 7, 8), 80)))),
          List.of(Label.parse("behavior:glorification")))),
      Entry.create(ACME, 3, Optional.of(TARGET), T0, new Retract(TARGET, ReasonCode.FALSE_POSITIVE, Optional.empty())),
      Entry.create(ACME, 4, Optional.of(TARGET), T0, new Opinion(TARGET, MemberId.parse("beta"), Stance.DISAGREE,
          ReasonCode.FALSE_POSITIVE, Optional.of("not it"))),
      Entry.create(ACME, 5, Optional.of(TARGET), T0, new Relabel(TARGET,
          List.of(Label.parse("behavior:glorification"), Label.parse("target:x")), Optional.empty())));

  @Property
  void payload_mutated_roundTripsOrThrowsEntryFormat(@ForAll @IntRange(max = 4) int sample, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] payload = Fuzz.mutate(ENTRIES.get(sample).toPayload(), seed, edits);
    Fuzz.parse(payload, () -> Entry.parse(payload), EntryFormatException.class)
        .ifPresent(e -> assertEquals(e, Fuzz.parse(payload, () -> Entry.parse(e.toPayload())).orElseThrow()));
    byte[] envelope = Envelope.sign(Entry.PAYLOAD_TYPE, payload, KEY).toJson();
    Fuzz.parse(envelope, () -> SignedEntry.verify(envelope, KEY.publicKey()), EntryFormatException.class);
  }

  @Property
  void signedEntry_mutated_throwsOnlyTheDocumentedExceptions(@ForAll @IntRange(max = 4) int sample,
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] envelope = Fuzz.mutate(EntrySigner.create(ACME, KEY).sign(ENTRIES.get(sample)).envelope().toJson(),
        seed, edits);
    Fuzz.parse(envelope, () -> SignedEntry.verify(envelope, KEY.publicKey()), EnvelopeFormatException.class,
        SignatureVerificationException.class, EntryFormatException.class);
  }
}
