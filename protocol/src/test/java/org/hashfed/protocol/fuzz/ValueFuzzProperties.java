package org.hashfed.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.Ed25519PublicKey;
import org.hashfed.protocol.crypto.KeyId;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.EntryTime;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.roster.PeerUrl;
import org.hashfed.protocol.roster.Quorum;
import org.hashfed.protocol.roster.TlsFingerprint;
import org.hashfed.protocol.signal.Signal;

/**
 * The small values every document and request carries (ids, keys, labels, member ids, peer URLs,
 * fingerprints, quorums, times, signals), mutated from valid text: only
 * {@link IllegalArgumentException}, within a bound, and a value with a canonical text that parses
 * prints as it was read.
 */
class ValueFuzzProperties {

  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final Ed25519PublicKey KEY = Ed25519PrivateKey.fromSeed(new byte[32]).publicKey();

  /** Parses a mutation of {@code valid}; {@code print} is null where the type keeps no canonical text. */
  private static <T> void value(String valid, long seed, int edits, Parser<T> parse, Printer<T> print) {
    String text = Fuzz.mutate(valid, seed, edits);
    Fuzz.parse(text, () -> parse.parse(text), IllegalArgumentException.class)
        .filter(v -> print != null).ifPresent(v -> assertEquals(text, print.print(v)));
  }

  @Property
  void values_mutated_parseAsTheyPrintOrThrowIllegalArgument(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int edits) {
    value(HEX, seed, edits, KeyId::parse, KeyId::hex);
    value(HEX, seed, edits, EntryId::parse, EntryId::hex);
    value(HEX, seed, edits, TlsFingerprint::parseInput, null);
    value(KEY.toBase64(), seed, edits, Ed25519PublicKey::fromBase64, null); // padded or not, as config is written
    value("behavior:glorification", seed, edits, Label::parse, Label::value);
    value("acme-2", seed, edits, MemberId::parse, MemberId::value);
    value("2026-11-28T13:45:00Z", seed, edits, t -> EntryTime.parse(t, "time"), EntryTime::format);
    value("https://acme.hashfed.test:8443", seed, edits, PeerUrl::parse, null);
    value("2/3", seed, edits, Quorum::parse, null);
    signal("sha256", HEX, seed, edits);
    signal("pdq", "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22", seed, edits);
  }

  /** Signal values are read in either case and kept in lowercase. */
  private static void signal(String type, String valid, long seed, int edits) {
    String hex = Fuzz.mutate(valid, seed, edits);
    Fuzz.parse(hex, () -> Signal.parse(type, hex), IllegalArgumentException.class)
        .ifPresent(s -> assertEquals(hex.toLowerCase(Locale.ROOT), s.value()));
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(String text);
  }

  @FunctionalInterface
  private interface Printer<T> {
    String print(T value);
  }
}
