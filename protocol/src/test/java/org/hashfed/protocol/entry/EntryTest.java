package org.hashfed.protocol.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.crypto.Ed25519PrivateKey;
import org.hashfed.protocol.crypto.SignatureVerificationException;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;

class EntryTest {

  static final MemberId ACME = MemberId.parse("acme");
  static final Instant T0 = Instant.parse("2026-11-28T13:45:00Z");
  static final String PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  static final EntryId SOME_ID = EntryId.ofPayload(new byte[0]);

  static Ed25519PrivateKey key(int fill) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) fill);
    return Ed25519PrivateKey.fromSeed(seed);
  }

  static Submit submit() {
    return Submit.of(Signal.pdq(PDQ, 92), List.of(Label.parse("behavior:glorification")));
  }

  @Test
  void toPayload_isDeterministicWithSpecFieldOrder() {
    Entry e = Entry.create(ACME, 1, Optional.empty(), T0, submit().withIncident("chc-2019").withNote("from a livestream")
        .withExpiresAt(Instant.parse("2027-11-28T13:45:00Z")));
    assertEquals("{\"kind\":\"submit\",\"member\":\"acme\",\"seq\":1,\"prev\":null,\"time\":\"2026-11-28T13:45:00Z\","
        + "\"signal\":{\"type\":\"pdq\",\"value\":\"" + PDQ + "\",\"quality\":92},"
        + "\"labels\":[\"behavior:glorification\"],\"incident\":\"chc-2019\",\"note\":\"from a livestream\","
        + "\"expires_at\":\"2027-11-28T13:45:00Z\"}", new String(e.toPayload(), StandardCharsets.UTF_8));
  }

  @Test
  void parse_ofEveryKind_roundTrips() throws Exception {
    List<EntryBody> bodies = List.of(submit(),
        new Retract(SOME_ID, ReasonCode.FALSE_POSITIVE, Optional.of("wrong video")),
        Opinion.of(SOME_ID, MemberId.parse("beta-corp"), Stance.DISAGREE, ReasonCode.OUT_OF_SCOPE),
        Relabel.of(SOME_ID, List.of(Label.parse("content:perpetrator-produced"), Label.parse("behavior:recruitment"))));
    for (EntryBody b : bodies) {
      Entry e = Entry.create(ACME, 2, Optional.of(SOME_ID), T0, b);
      assertEquals(e, Entry.parse(e.toPayload()));
    }
  }

  @Test
  void entryIdOfDigest_isTheIdWithThoseBytes_andRefusesOtherLengths() {
    assertEquals(SOME_ID, EntryId.ofDigest(SOME_ID.bytes()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntryId.ofDigest(new byte[31]));
    assertEquals("entry id of 31 bytes (expected: 32, a SHA-256 digest)", e.getMessage());
  }

  @Test
  void signAndVerify_givesSameEntryAndIdOfPayload() throws Exception {
    Ed25519PrivateKey k = key(5);
    Entry e = Entry.create(ACME, 1, Optional.empty(), T0, submit());
    SignedEntry s = EntrySigner.create(ACME, k).sign(e);
    SignedEntry v = SignedEntry.verify(s.envelope().toJson(), k.publicKey());
    assertEquals(e, v.entry());
    assertEquals(EntryId.ofPayload(e.toPayload()), v.id());
    assertEquals(Entry.PAYLOAD_TYPE, v.envelope().payloadType());
  }

  @Test
  void verify_withOtherMembersKey_throws() {
    SignedEntry s = EntrySigner.create(ACME, key(5)).sign(Entry.create(ACME, 1, Optional.empty(), T0, submit()));
    assertThrows(SignatureVerificationException.class, () -> SignedEntry.verify(s.envelope().toJson(), key(6).publicKey()));
  }

  @Test
  void signer_refusesOtherMembersEntry() {
    Entry e = Entry.create(MemberId.parse("beta"), 1, Optional.empty(), T0, submit());
    assertThrows(IllegalArgumentException.class, () -> EntrySigner.create(ACME, key(5)).sign(e));
  }

  @Test
  void verify_neverReserialises_keepsOriginalBytesAndId() throws Exception {
    byte[] payload = ("{ \"time\":\"2026-11-28T13:45:00Z\", \"kind\":\"retract\",\"member\":\"acme\",\"seq\":2,"
        + "\"prev\":\"" + SOME_ID + "\",\"target\":\"" + SOME_ID + "\",\"reason\":\"duplicate\" }")
        .getBytes(StandardCharsets.UTF_8);
    Ed25519PrivateKey k = key(5);
    var env = org.hashfed.protocol.dsse.Envelope.sign(Entry.PAYLOAD_TYPE, payload, k);
    SignedEntry s = SignedEntry.verify(env.toJson(), k.publicKey());
    assertEquals(EntryId.ofPayload(payload), s.id());
    assertEquals(EntryKind.RETRACT, s.entry().kind());
  }

  @Test
  void create_crossFieldRules() {
    assertThrows(IllegalArgumentException.class, () -> Entry.create(ACME, 1, Optional.of(SOME_ID), T0, submit()));
    assertThrows(IllegalArgumentException.class, () -> Entry.create(ACME, 2, Optional.empty(), T0, submit()));
    assertThrows(IllegalArgumentException.class, () -> Entry.create(ACME, 0, Optional.empty(), T0, submit()));
    assertThrows(IllegalArgumentException.class,
        () -> Entry.create(ACME, 1, Optional.empty(), T0, submit().withExpiresAt(T0)));
    assertThrows(IllegalArgumentException.class, () -> Entry.create(ACME, 1, Optional.empty(), T0.plusMillis(1), submit()));
    assertThrows(IllegalArgumentException.class, () -> Entry.create(ACME, 2, Optional.of(SOME_ID), T0,
        Opinion.of(SOME_ID, ACME, Stance.AGREE, ReasonCode.CONFIRMED)));
    assertThrows(IllegalArgumentException.class,
        () -> Opinion.of(SOME_ID, MemberId.parse("beta"), Stance.AGREE, ReasonCode.FALSE_POSITIVE));
    assertThrows(IllegalArgumentException.class, () -> Retract.of(SOME_ID, ReasonCode.CONFIRMED));
    assertThrows(IllegalArgumentException.class, () -> submit().withNote("x".repeat(1025)));
    assertThrows(IllegalArgumentException.class, () -> submit().withNote("bell\u0007"));
    assertEquals(1024, submit().withNote("\u00e9".repeat(512)).note().get().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void valueParsers_rejectWithExpectedForm() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemberId.parse("Acme"));
    assertTrue(e.getMessage().startsWith("invalid member id \"Acme\": expected"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MemberId.parse("a"));
    assertThrows(IllegalArgumentException.class, () -> MemberId.parse("-acme"));
    assertThrows(IllegalArgumentException.class, () -> Label.parse("behavior"));
    assertThrows(IllegalArgumentException.class, () -> Label.parse("Behavior:x"));
    assertThrows(IllegalArgumentException.class, () -> Label.parse("a:" + "b".repeat(127)));
    assertEquals("behavior", Label.parse("behavior:glorification").namespace());
    assertThrows(IllegalArgumentException.class, () -> EntryId.parse(SOME_ID.hex().toUpperCase()));
    List<Label> seventeen = new java.util.ArrayList<>();
    for (int i = 0; i < 17; i++) {
      seventeen.add(Label.parse("incident:i" + i));
    }
    assertThrows(IllegalArgumentException.class, () -> Submit.of(Signal.pdq(PDQ, null), seventeen));
    assertThrows(IllegalArgumentException.class, () -> Submit.of(Signal.pdq(PDQ, null), List.of()));
  }

  @Test
  void entryTime_acceptsOnlyWholeSecondUtc() {
    assertEquals(T0, EntryTime.parse("2026-11-28T13:45:00Z", "time"));
    for (String bad : new String[] {"2026-11-28T13:45:00.5Z", "2026-11-28T13:45:00+00:00", "2026-11-28 13:45:00Z",
        "2026-02-30T00:00:00Z", "2026-12-31T23:59:60Z", "2026-11-28T24:00:00Z", "2026-11-28t13:45:00z"}) {
      assertThrows(IllegalArgumentException.class, () -> EntryTime.parse(bad, "time"), bad);
    }
  }

  @Test
  void parse_badPayloads_throwEntryFormatExceptionNamingTheField() {
    String head = "{\"kind\":\"submit\",\"member\":\"acme\",\"seq\":1,\"prev\":null,\"time\":\"2026-11-28T13:45:00Z\",";
    String sig = "\"signal\":{\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\"},";
    assertBad("[1]", "expected an object");
    assertBad("{\"kind\":\"vote\"}", "unknown entry kind \"vote\"");
    assertBad(head + sig + "\"labels\":[\"a:b\"],\"colour\":\"red\"}", "unknown field \"colour\"");
    assertBad(head + sig + "\"labels\":[\"a:b\"],\"target\":\"x\"}", "unknown field \"target\"");
    assertBad(head + sig + "\"labels\":[]}", "1 to 16 labels");
    assertBad(head + "\"labels\":[\"a:b\"]}", "missing field \"signal\"");
    assertBad(head.replace("\"seq\":1", "\"seq\":1.0") + sig + "\"labels\":[\"a:b\"]}", "expected an integer");
    assertBad(head.replace("\"seq\":1", "\"seq\":\"1\"") + sig + "\"labels\":[\"a:b\"]}", "expected an integer");
    assertBad(head.replace(",\"prev\":null", "") + sig + "\"labels\":[\"a:b\"]}", "missing field \"prev\"");
    assertBad(head + sig.replace("d41d8", "D41D8") + "\"labels\":[\"a:b\"]}", "expected lowercase hex");
    assertBad(head + sig.replace("}", ",\"quality\":50}") + "\"labels\":[\"a:b\"]}", "only pdq signals");
    assertBad(head + sig + "\"labels\":[\"a:b\",\"a:b\"]}", "appears twice");
    assertBad(head + sig + "\"labels\":[\"a:b\"],\"note\":null}", "field \"note\" is a JSON null");
    assertBad("{\"kind\":\"submit\",\"kind\":\"retract\"}", "not valid JSON");
  }

  private static void assertBad(String json, String expected) {
    EntryFormatException e = assertThrows(EntryFormatException.class,
        () -> Entry.parse(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
  }
}
