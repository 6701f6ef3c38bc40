package org.hashfed.protocol.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.dsse.EnvelopeFormatException;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryFormatException;
import org.hashfed.protocol.entry.EntrySigner;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Submit;
import org.hashfed.protocol.fuzz.Fuzz;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;

/**
 * Equivocation evidence a peer sends (two envelopes of one member at one seq), mutated: only the
 * documented exceptions, within a bound, and evidence that parses is equal to its re-encoding.
 */
class EquivocationFuzzProperties {

  private static final Ed25519PrivateKey KEY = Ed25519PrivateKey.fromSeed(new byte[32]);
  private static final byte[] EVIDENCE = evidence();

  private static byte[] evidence() {
    MemberId acme = MemberId.parse("acme");
    EntrySigner signer = EntrySigner.create(acme, KEY);
    Instant t0 = Instant.parse("2026-11-28T13:45:00Z");
    List<Label> labels = List.of(Label.parse("behavior:glorification"));
    return EquivocationEvidence.of(
        signer.sign(Entry.create(acme, 1, Optional.empty(), t0, Submit.of(Signal.of(SignalType.MD5, "0".repeat(32)), labels))),
        signer.sign(Entry.create(acme, 1, Optional.empty(), t0, Submit.of(Signal.of(SignalType.MD5, "1".repeat(32)), labels))))
        .toJson();
  }

  @Property
  void parse_mutated_roundTripsOrThrowsTheDocumentedExceptions(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int edits) {
    byte[] json = Fuzz.mutate(EVIDENCE, seed, edits);
    Fuzz.parse(json, () -> EquivocationEvidence.parse(json, KEY.publicKey()), EnvelopeFormatException.class,
        SignatureVerificationException.class, EntryFormatException.class)
        .ifPresent(e -> assertEquals(e, Fuzz.parse(json, () -> EquivocationEvidence.parse(e.toJson(), KEY.publicKey()))
            .orElseThrow()));
  }
}
