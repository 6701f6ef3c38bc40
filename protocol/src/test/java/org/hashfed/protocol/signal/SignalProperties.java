package org.hashfed.protocol.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SignalProperties {

  @Property(tries = 1000)
  void parse_ofToStringParts_roundTrips(@ForAll("signals") Signal s) {
    String text = s.toString();
    int colon = text.indexOf(':');
    assertEquals(s.withoutQuality(), Signal.parse(text.substring(0, colon), text.substring(colon + 1)));
  }

  @Property(tries = 1000)
  void parse_withArbitraryText_throwsOnlyInvalidSignal(@ForAll String type, @ForAll String value) {
    try {
      Signal s = Signal.parse(type, value);
      assertEquals(value.toLowerCase(java.util.Locale.ROOT), s.value());
    } catch (InvalidSignalException expected) {
      // the only exception a bad input may cause
    }
  }

  @Property(tries = 1000)
  void parse_withArbitraryHexLikeValue_throwsOnlyInvalidSignal(
      @ForAll("types") SignalType type, @ForAll("hexish") String value) {
    try {
      Signal.of(type, value);
    } catch (InvalidSignalException expected) {
      // the only exception a bad input may cause
    }
  }

  @Provide
  Arbitrary<SignalType> types() {
    return Arbitraries.of(SignalType.class);
  }

  @Provide
  Arbitrary<String> hexish() {
    return Arbitraries.strings().withChars("0123456789abcdefABCDEFg \u0661").ofMinLength(30).ofMaxLength(66);
  }

  // vpdq signals carry frames, not a value alone: VideoHashesTest and EntryProperties cover them
  @Provide
  Arbitrary<Signal> signals() {
    return Arbitraries.of(SignalType.PDQ, SignalType.MD5, SignalType.SHA256).flatMap(t -> Arbitraries.strings()
        .withChars("0123456789abcdefABCDEF")
        .ofLength(t.hexLength()).map(v -> Signal.of(t, v)));
  }
}
