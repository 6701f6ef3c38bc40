package org.hashfed.protocol.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.hashfed.protocol.pdq.PdqHash;
import org.hashfed.protocol.signal.Signal;
import org.hashfed.protocol.signal.SignalType;
import org.hashfed.protocol.vpdq.VideoHashes;
import org.hashfed.protocol.vpdq.VpdqFrame;

class EntryProperties {

  @Property(tries = 300)
  void toPayloadThenParse_roundTrips(@ForAll("entries") Entry e) throws Exception {
    assertEquals(e, Entry.parse(e.toPayload()));
  }

  @Property(tries = 500)
  void parse_withRandomBytes_throwsOnlyEntryFormatException(@ForAll @Size(max = 300) byte[] junk) {
    try {
      Entry.parse(junk);
    } catch (EntryFormatException expected) {
      // the only exception garbage may cause
    }
  }

  @Property(tries = 500)
  void parse_withRandomFieldValue_throwsOnlyEntryFormatException(@ForAll("entries") Entry e,
      @ForAll("fields") String field, @ForAll("jsonValues") String value) {
    String json = new String(e.toPayload(), StandardCharsets.UTF_8);
    String mutated = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|null|\\[[^\\]]*\\]|\\{[^}]*\\})",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + value));
    try {
      Entry.parse(mutated.getBytes(StandardCharsets.UTF_8));
    } catch (EntryFormatException expected) {
      // the only exception a bad field may cause
    }
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of("kind", "member", "seq", "prev", "time", "signal", "labels", "note", "target", "reason",
        "stance", "target_member", "expires_at", "incident");
  }

  @Provide
  Arbitrary<String> jsonValues() {
    Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(80)
        .map(s -> org.hashfed.protocol.json.Json.mapper().getNodeFactory().textNode(s).toString());
    return Arbitraries.oneOf(strings, Arbitraries.of("null", "true", "-1", "0", "1e3", "9007199254740992",
        "99999999999999999999999", "[]", "{}", "[\"a:b\"]", "{\"type\":\"pdq\"}", "\"\\ud800\"", "1.5"));
  }

  @Provide
  Arbitrary<Entry> entries() {
    Arbitrary<MemberId> members = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
        .ofMinLength(1).ofMaxLength(20).map(s -> MemberId.parse("m" + s));
    Arbitrary<Long> seqs = Arbitraries.longs().between(1, Entry.MAX_SEQ);
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond);
    Arbitrary<EntryId> ids = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(EntryId::ofPayload);
    return Combinators.combine(members, seqs, times, ids, bodies()).as((m, seq, t, prev, body) -> {
      EntryBody b = body;
      if (b instanceof Opinion o && o.targetMember().equals(m)) {
        b = Opinion.of(o.target(), MemberId.parse(m.value() + "-x"), o.stance(), o.reason());
      }
      if (b instanceof Submit s && s.expiresAt().isPresent()) {
        b = s.withExpiresAt(t.plusSeconds(86_400));
      }
      return Entry.create(m, seq, seq == 1 ? Optional.empty() : Optional.of(prev), t, b);
    });
  }

  private Arbitrary<EntryBody> bodies() {
    Arbitrary<EntryId> ids = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(EntryId::ofPayload);
    Arbitrary<List<Label>> labels = Arbitraries.strings().withChars("abcdefghij0123456789.-_").ofMinLength(1)
        .ofMaxLength(20).map(s -> Label.parse("behavior:x" + s)).list().ofMinSize(1).ofMaxSize(16).uniqueElements();
    Arbitrary<Optional<String>> notes = Arbitraries.strings().excludeChars(controls()).ofMaxLength(200)
        .filter(s -> s.chars().noneMatch(ch -> Character.isSurrogate((char) ch))).optional();
    Arbitrary<Signal> hashSignals = Arbitraries.of(SignalType.PDQ, SignalType.MD5, SignalType.SHA256)
        .flatMap(t -> Arbitraries.strings()
        .withChars("0123456789abcdef").ofLength(t.hexLength()).flatMap(v -> t == SignalType.PDQ
            ? Arbitraries.integers().between(0, 100).injectNull(0.3).map(q -> Signal.create(t, v, q))
            : Arbitraries.just(Signal.of(t, v))));
    Arbitrary<Signal> videoSignals = Arbitraries.longs().list().ofMinSize(4).ofMaxSize(12).map(words -> {
      List<VpdqFrame> frames = new java.util.ArrayList<>();
      for (int i = 0; i + 3 < words.size(); i += 4) {
        frames.add(VpdqFrame.of(i * 30, i * 1000L,
            PdqHash.ofWords(words.get(i), words.get(i + 1), words.get(i + 2), words.get(i + 3)),
            (int) Math.floorMod(words.get(i), 101L)));
      }
      return Signal.vpdq(VideoHashes.of(frames));
    });
    Arbitrary<Signal> signals = Arbitraries.oneOf(hashSignals, videoSignals);
    Arbitrary<EntryBody> submits = Combinators.combine(signals, labels, notes, Arbitraries.of(true, false),
        Arbitraries.of(Optional.<String>empty(), Optional.of("chc-2019"))).as((s, l, n, exp, inc) ->
            new Submit(s, l, inc, n, exp ? Optional.of(Instant.ofEpochSecond(5_000_000_000L)) : Optional.empty()));
    Arbitrary<EntryBody> retracts = Combinators.combine(ids, Arbitraries.of(ReasonCode.class)
        .filter(r -> r != ReasonCode.CONFIRMED), notes).as(Retract::new);
    Arbitrary<EntryBody> opinions = Combinators.combine(ids, Arbitraries.of(ReasonCode.class), notes)
        .as((id, r, n) -> new Opinion(id, MemberId.parse("other"), r == ReasonCode.CONFIRMED ? Stance.AGREE
            : Stance.DISAGREE, r, n));
    Arbitrary<EntryBody> relabels = Combinators.combine(ids, labels, notes).as(Relabel::new);
    return Arbitraries.oneOf(submits, retracts, opinions, relabels);
  }

  private static char[] controls() {
    char[] c = new char[31];
    int n = 0;
    for (char ch = 0; ch < 0x20; ch++) {
      if (ch != '\n' && ch != '\t') {
        c[n++] = ch;
      }
    }
    c[n++] = 0x7f;
    return java.util.Arrays.copyOf(c, n);
  }
}
