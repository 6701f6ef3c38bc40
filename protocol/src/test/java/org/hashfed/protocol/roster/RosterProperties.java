package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.hashfed.protocol.json.Json;

class RosterProperties {

  private static SignedRoster sixFounders;

  @BeforeContainer
  static void genesis() throws Exception {
    sixFounders = TestMembers.genesis(6);
  }

  @Property(tries = 2000)
  void required_isTheCeilingOfTheFraction(@ForAll @IntRange(min = 1, max = 100) int n,
      @ForAll @IntRange(min = 1, max = 100) int d, @ForAll @IntRange(min = 1, max = 1000) int active) {
    if (n > d) {
      assertThrows(IllegalArgumentException.class, () -> Quorum.of(n, d));
      return;
    }
    int r = Quorum.of(n, d).required(active);
    assertTrue((long) r * d >= (long) n * active, "enough");
    assertTrue((long) (r - 1) * d < (long) n * active, "not more than needed");
    assertTrue(r >= 1 && r <= active);
  }

  @Property(tries = 60)
  void successor_isAdoptedExactlyWhenAQuorumOfActiveMembersSigned(
      @ForAll("signerSets") List<String> signers) throws Exception {
    Roster draft = sixFounders.successor(TestMembers.T0.plusSeconds(60)).withQuorum(Quorum.of(1, 2));
    long counted = signers.stream().distinct().filter(s -> TestMembers.NAMES.indexOf(s) < 6).count();
    if (counted >= 4) {
      SignedRoster next = RosterVerifier.verifyNext(sixFounders, TestMembers.sign(draft, signers.toArray(String[]::new)));
      assertEquals(counted, next.signers().size());
    } else {
      RosterVerificationException e = assertThrows(RosterVerificationException.class,
          () -> RosterVerifier.verifyNext(sixFounders, TestMembers.sign(draft, signers.toArray(String[]::new))));
      assertTrue(e.getMessage().startsWith("roster v2 has " + counted + " valid signature"), e.getMessage());
    }
  }

  @Provide
  Arbitrary<List<String>> signerSets() {
    return Arbitraries.of(TestMembers.NAMES).set().ofMinSize(1).ofMaxSize(8).map(ArrayList::new)
        .flatMap(l -> Arbitraries.shuffle(l));
  }

  @Property(tries = 200)
  void toPayloadThenParse_roundTrips(@ForAll("rosters") Roster r) throws Exception {
    assertEquals(r, Roster.parse(r.toPayload()));
  }

  @Provide
  Arbitrary<Roster> rosters() {
    Arbitrary<List<MemberStatus>> statuses = Arbitraries.of(MemberStatus.class).list().ofMinSize(1).ofMaxSize(8);
    return statuses.filter(l -> l.contains(MemberStatus.ACTIVE)).map(l -> {
      List<MemberRecord> members = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        members.add(TestMembers.member(i).withStatus(l.get(i)));
      }
      return Roster.of("gifct-test", 7, java.util.Optional.of("ab".repeat(32)), TestMembers.T0, Quorum.of(3, 5), members);
    });
  }

  @Property(tries = 500)
  void parse_withRandomBytes_throwsOnlyRosterFormatException(@ForAll @Size(max = 300) byte[] junk) {
    try {
      Roster.parse(junk);
    } catch (RosterFormatException expected) {
      // the only exception garbage may cause
    }
    try {
      MemberFile.parse(junk);
    } catch (RosterFormatException expected) {
      // the only exception garbage may cause
    }
  }

  @Property(tries = 1000)
  void parse_withRandomFieldValue_throwsOnlyRosterFormatException(@ForAll("fields") String field,
      @ForAll("jsonValues") String value) {
    String json = new String(sixFounders.roster().toPayload(), StandardCharsets.UTF_8);
    String mutated = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|null|\\{[^}]*\\})",
        Matcher.quoteReplacement("\"" + field + "\":" + value));
    try {
      Roster.parse(mutated.getBytes(StandardCharsets.UTF_8));
    } catch (RosterFormatException expected) {
      // the only exception a bad field may cause
    }
    String member = json.substring(json.indexOf("{\"id\""), json.indexOf(",\"status\"")) + "}";
    String mutatedMember = member.replaceFirst("\"" + Pattern.quote(field) + "\":\"[^\"]*\"",
        Matcher.quoteReplacement("\"" + field + "\":" + value));
    try {
      MemberFile.parse(mutatedMember.getBytes(StandardCharsets.UTF_8));
    } catch (RosterFormatException expected) {
      // the only exception a bad field may cause
    }
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.of("consortium", "version", "previous", "issued", "quorum", "numerator", "denominator",
        "id", "name", "key", "peer_url", "tls_fingerprint", "status");
  }

  @Provide
  Arbitrary<String> jsonValues() {
    Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(80)
        .map(s -> Json.mapper().getNodeFactory().textNode(s).toString());
    return Arbitraries.oneOf(strings, Arbitraries.of("null", "true", "-1", "0", "1e3", "9007199254740992",
        "99999999999999999999999", "[]", "{}", "\"\\ud800\"", "1.5", "\"https://x\"", "\"" + "ab".repeat(32) + "\"",
        "{\"numerator\":1}", "\"removed\"", "\"2026-02-30T00:00:00Z\""));
  }

  @Property(tries = 10)
  void signers_ofVerifiedGenesis_areAllFounders(@ForAll @IntRange(min = 1, max = 5) int n) throws Exception {
    SignedRoster g = TestMembers.genesis(n);
    assertEquals(Set.copyOf(g.roster().members().stream().map(MemberRecord::id).toList()), g.signers());
  }
}
