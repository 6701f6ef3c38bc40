package org.hashfed.protocol.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.MemberId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RosterTest {

  private static Roster threeFounders() {
    return Roster.genesis("gifct-test", Quorum.TWO_THIRDS, TestMembers.T0,
        List.of(TestMembers.member(2), TestMembers.member(0), TestMembers.member(1)));
  }

  @Test
  void genesis_sortsMembersById_andWritesFieldsInSpecOrder() {
    Roster r = threeFounders();
    assertEquals(List.of("acme", "beta", "gamma"), r.members().stream().map(m -> m.id().value()).toList());
    String json = new String(r.toPayload(), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{\"consortium\":\"gifct-test\",\"version\":1,\"previous\":null,"
        + "\"issued\":\"2026-11-28T13:45:00Z\",\"quorum\":{\"numerator\":2,\"denominator\":3},\"members\":[{\"id\":\"acme\","
        + "\"name\":\"Acme Inc.\",\"key\":\""), json);
    assertTrue(json.contains("\"status\":\"active\"}"), json);
  }

  @Test
  void toPayload_thenParse_roundTrips() throws Exception {
    Roster r = threeFounders();
    assertEquals(r, Roster.parse(r.toPayload()));
  }

  @Test
  void lookups_answerByIdKeyAndFingerprint() {
    Roster r = threeFounders().successor("00".repeat(32), TestMembers.T0)
        .withUpdatedMember(TestMembers.member("beta").withStatus(MemberStatus.SUSPENDED));
    assertTrue(r.isActive(MemberId.parse("acme")));
    assertFalse(r.isActive(MemberId.parse("beta")));
    assertFalse(r.isActive(MemberId.parse("nobody")));
    assertEquals(Optional.of(MemberStatus.SUSPENDED), r.statusOf(MemberId.parse("beta")));
    assertEquals(Optional.of(TestMembers.key(1).publicKey()), r.memberKey(MemberId.parse("beta")));
    assertEquals(Optional.empty(), r.statusOf(MemberId.parse("nobody")));
    assertEquals(List.of("acme", "gamma"), r.activeMembers().stream().map(m -> m.id().value()).toList());
    assertEquals(2, r.requiredSignatures());
    assertEquals("gamma", r.memberByFingerprint("03".repeat(32)).orElseThrow().id().value());
    assertEquals("gamma", r.memberByFingerprint("03".repeat(32).toUpperCase()).orElseThrow().id().value());
    assertEquals(Optional.empty(), r.memberByFingerprint("04".repeat(32)));
    assertEquals(Optional.empty(), r.memberByFingerprint("not hex"));
    assertEquals("beta", r.memberByKeyId(TestMembers.key(1).publicKey().keyId()).orElseThrow().id().value());
  }

  @Test
  void withMember_ofListedId_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> threeFounders().withMember(TestMembers.member("acme")));
    assertTrue(e.getMessage().contains("already listed"), e.getMessage());
  }

  @Test
  void withMember_reusingAnotherMembersKey_throws() {
    MemberRecord d = TestMembers.member("delta").withKey(TestMembers.key(0).publicKey());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> threeFounders().withMember(d));
    assertTrue(e.getMessage().contains("distinct key"), e.getMessage());
  }

  @Test
  void withMember_reusingAnotherMembersFingerprint_throws() {
    MemberRecord d = TestMembers.member("delta").withTlsFingerprint(TlsFingerprint.parse("01".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> threeFounders().withMember(d));
  }

  @Test
  void genesis_withSuspendedFounder_throws() {
    assertThrows(IllegalArgumentException.class, () -> Roster.genesis("gifct-test", Quorum.TWO_THIRDS, TestMembers.T0,
        List.of(TestMembers.member(0).withStatus(MemberStatus.SUSPENDED), TestMembers.member(1))));
  }

  @Test
  void successor_withNoActiveMemberLeft_throws() {
    Roster next = Roster.genesis("gifct-test", Quorum.TWO_THIRDS, TestMembers.T0, List.of(TestMembers.member(0)))
        .successor("00".repeat(32), TestMembers.T0);
    assertThrows(IllegalArgumentException.class,
        () -> next.withUpdatedMember(TestMembers.member(0).withStatus(MemberStatus.REMOVED)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", "Gifct", "a b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void genesis_withInvalidConsortiumName_throws(String name) {
    assertThrows(IllegalArgumentException.class, () -> Roster.genesis(name, Quorum.TWO_THIRDS, TestMembers.T0,
        List.of(TestMembers.member(0))));
  }

  private static String payload() {
    return new String(threeFounders().toPayload(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"version\":1,|\"version\":1.0,",
      "\"version\":1,|\"version\":\"1\",",
      "\"version\":1,|\"version\":0,",
      "\"previous\":null,|\"previous\":\"" + "ab" + "\",",
      "\"previous\":null,|",
      "\"issued\":\"2026-11-28T13:45:00Z\"|\"issued\":\"2026-11-28T13:45:00.5Z\"",
      "\"numerator\":2|\"numerator\":4",
      "\"denominator\":3|\"denominator\":3,\"extra\":1",
      "\"status\":\"active\"|\"status\":\"Active\"",
      "\"consortium\":|\"unknown\":1,\"consortium\":",
      "\"consortium\":\"gifct-test\"|\"consortium\":\"gifct-test\",\"consortium\":\"other\"",
      "{\"id\":\"beta\"|{\"id\":\"acme\"",
      "\"members\":[|\"members\":{\"a\":[",
  })
  void parse_withBrokenRule_throwsRosterFormatException(String replacement) {
    String[] parts = replacement.split("\\|", -1);
    String json = payload().replaceFirst(java.util.regex.Pattern.quote(parts[0]),
        java.util.regex.Matcher.quoteReplacement(parts[1]));
    assertFalse(json.equals(payload()), "replacement did not apply: " + replacement);
    RosterFormatException e = assertThrows(RosterFormatException.class,
        () -> Roster.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("invalid roster") || e.getMessage().startsWith("roster payload"),
        e.getMessage());
  }

  @Test
  void parse_withMembersOutOfOrder_throwsNamingOrder() {
    String json = payload();
    int b = json.indexOf("{\"id\":\"beta\"");
    int g = json.indexOf(",{\"id\":\"gamma\"");
    String swapped = json.substring(0, b) + json.substring(g + 1, json.length() - 2) + "," + json.substring(b, g)
        + "]}";
    RosterFormatException e = assertThrows(RosterFormatException.class,
        () -> Roster.parse(swapped.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("sorted by id"), e.getMessage());
  }

  @Test
  void parse_acceptsAnyFieldOrderAndWhitespace() throws Exception {
    Roster r = threeFounders();
    String json = new String(r.toPayload(), StandardCharsets.UTF_8);
    String members = json.substring(json.indexOf("\"members\""), json.length() - 1);
    String head = json.substring(1, json.indexOf(",\"members\""));
    String reordered = "{ " + members + " ,\n " + head + " }";
    assertEquals(r, Roster.parse(reordered.getBytes(StandardCharsets.UTF_8)));
  }
}
