package org.hashfed.node.entries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.Label;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.Stance;
import org.hashfed.protocol.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayRecordCodecTest {

  private static final MemberId ACME = MemberId.parse("acme");
  private static final Instant TIME = Instant.parse("2026-12-02T10:00:00Z");
  private static final EntryId ID = EntryId.parse("0f".repeat(32));
  private static final EntryId TARGET = EntryId.parse("a1".repeat(32));

  private static List<Label> labels(String... values) {
    return Arrays.stream(values).map(Label::parse).toList();
  }

  private static ReplayRecord record(ReplayRecord.Body body) {
    return new ReplayRecord(ACME, 42, ID, TIME, body);
  }

  static Stream<ReplayRecord> records() {
    return Stream.of(
        record(new ReplayRecord.Submitted(Signal.pdq("9c".repeat(32), 100), labels("behavior:glorification"),
            Optional.empty(), Optional.empty())),
        record(new ReplayRecord.Submitted(Signal.pdq("00".repeat(32), 0), labels("behavior:glorification"),
            Optional.empty(), Optional.empty())),
        record(new ReplayRecord.Submitted(Signal.parse("pdq", "ff".repeat(32)), labels("behavior:glorification"),
            Optional.empty(), Optional.empty())),
        record(new ReplayRecord.Submitted(Signal.parse("md5", "00112233445566778899aabbccddeeff"),
            labels("behavior:glorification", "behavior:recruitment", "x-custom:a.b_c-d"), Optional.of("inc-2026.1"),
            Optional.of(TIME.plusSeconds(86_400)))),
        record(new ReplayRecord.Submitted(Signal.parse("sha256", "ab".repeat(32)), labels("behavior:praise"),
            Optional.empty(), Optional.of(Instant.parse("9999-12-31T23:59:59Z")))),
        record(new ReplayRecord.Retracted(TARGET)),
        record(new ReplayRecord.Opined(TARGET, MemberId.parse("beta-2"), Stance.AGREE)),
        record(new ReplayRecord.Opined(TARGET, MemberId.parse("b" + "e".repeat(62)), Stance.DISAGREE)),
        record(new ReplayRecord.Relabelled(TARGET, labels("behavior:instruction", "behavior:praise"))));
  }

  @ParameterizedTest
  @MethodSource("records")
  void decode_ofEncode_givesTheRecordBack(ReplayRecord r) throws Exception {
    assertEquals(r, new ReplayRecordCodec.Decoder().decode("acme", 42, ReplayRecordCodec.encode(r)));
  }

  @Test
  void decoder_sharesOneListPerLabelSetAndOneIdPerMember() throws Exception {
    ReplayRecordCodec.Decoder d = new ReplayRecordCodec.Decoder();
    byte[] bytes = ReplayRecordCodec.encode(records().findFirst().orElseThrow());
    ReplayRecord first = d.decode("acme", 1, bytes);
    ReplayRecord second = d.decode("acme", 2, bytes);
    assertSame(((ReplayRecord.Submitted) first.body()).labels(), ((ReplayRecord.Submitted) second.body()).labels());
    assertSame(first.member(), second.member());
  }

  private static String unreadable(byte[] bytes) {
    return assertThrows(ReplayRecordCodec.UnreadableRecordException.class,
        () -> new ReplayRecordCodec.Decoder().decode("acme", 1, bytes)).getMessage();
  }

  @Test
  void decode_ofAnotherFormat_namesBothFormats() {
    byte[] bytes = ReplayRecordCodec.encode(record(new ReplayRecord.Retracted(TARGET)));
    bytes[0] = 2;
    assertEquals("record format 2 (expected: 1)", unreadable(bytes));
    assertEquals("empty record", unreadable(new byte[0]));
  }

  @Test
  void decode_ofTruncatedOrLongerBytes_throws() {
    byte[] bytes = ReplayRecordCodec.encode(records().findFirst().orElseThrow());
    for (int length = 1; length < bytes.length; length++) {
      String message = unreadable(Arrays.copyOf(bytes, length));
      assertTrue(message.startsWith("record truncated at " + length + " bytes"), length + ": " + message);
    }
    assertEquals("1 bytes after the record", unreadable(Arrays.copyOf(bytes, bytes.length + 1)));
  }

  @Test
  void decode_ofUnknownCodes_namesThem() {
    byte[] kind = ReplayRecordCodec.encode(record(new ReplayRecord.Retracted(TARGET)));
    kind[1] = 9;
    assertEquals("unknown entry kind 9", unreadable(kind));
    byte[] stance = ReplayRecordCodec.encode(record(new ReplayRecord.Opined(TARGET, ACME, Stance.AGREE)));
    stance[2 + 32 + 8 + 32] = 5;
    assertEquals("unknown stance code 5", unreadable(stance));
  }
}
