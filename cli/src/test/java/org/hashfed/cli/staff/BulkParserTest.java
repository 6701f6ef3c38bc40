package org.hashfed.cli.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.hashfed.protocol.entry.Submit;
import org.junit.jupiter.api.Test;

/** Bulk line formats, parsed without a node. */
class BulkParserTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static BulkParser.Result parse(BulkParser.Format f, String... lines) throws Exception {
    SubmitFields fields = SubmitFields.parse(List.of("behavior:glorification"), null, null, null, null, NOW);
    return new BulkParser(f, fields).parse(List.of(lines));
  }

  @Test
  void csv_quotedNoteWithCommaAndQuote_isOneField() throws Exception {
    BulkParser.Result r = parse(BulkParser.Format.CSV, "type,value,labels,incident,note",
        "MD5,00112233445566778899AABBCCDDEEFF,group:example-org;behavior:glorification,inc-1,\"a, \"\"b\"\"\"");
    assertEquals(List.of(), r.problems());
    Submit s = r.lines().get(0).submit();
    assertEquals("00112233445566778899aabbccddeeff", s.signal().value());
    assertEquals(2, s.labels().size());
    assertEquals("inc-1", s.incident().orElseThrow());
    assertEquals("a, \"b\"", s.note().orElseThrow());
    assertEquals(2, r.lines().get(0).number());
  }

  @Test
  void csv_withoutLabelsColumn_takesTheOptionLabels() throws Exception {
    BulkParser.Result r = parse(BulkParser.Format.CSV, "sha256," + "ab".repeat(32));
    assertEquals("behavior:glorification", r.lines().get(0).submit().labels().get(0).value());
  }

  @Test
  void csv_unterminatedQuote_isABadLine() throws Exception {
    BulkParser.Result r = parse(BulkParser.Format.CSV, "md5," + "00".repeat(16) + ",,,\"open");
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).message().contains("unterminated quoted field"), r.problems().toString());
  }

  @Test
  void ndjson_readsTheSubmissionBody_andReportsBadJsonWithLineNumber() throws Exception {
    BulkParser.Result r = parse(BulkParser.Format.NDJSON,
        "{\"signal\": {\"type\": \"pdq\", \"value\": \"" + "f8".repeat(32) + "\", \"quality\": 92}, "
            + "\"expires_at\": \"2027-01-01T00:00:00Z\"}",
        "",
        "{\"signal\": ");
    assertEquals(1, r.lines().size());
    assertEquals(92, r.lines().get(0).submit().signal().quality().getAsInt());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), r.lines().get(0).submit().expiresAt().orElseThrow());
    assertEquals(3, r.problems().get(0).number());
    assertTrue(r.problems().get(0).message().startsWith("not valid JSON"), r.problems().toString());
  }

  @Test
  void te_typeValueAndOptionalQuality() throws Exception {
    BulkParser.Result r = parse(BulkParser.Format.TE, "# comment", "pdq " + "f8".repeat(32) + " 77",
        "md5 " + "01".repeat(16), "pdq " + "f8".repeat(32) + " 77 extra");
    assertEquals(2, r.lines().size());
    assertEquals(77, r.lines().get(0).submit().signal().quality().getAsInt());
    assertEquals(4, r.problems().get(0).number());
  }

  @Test
  void formatFromFileName() {
    assertEquals(BulkParser.Format.CSV, BulkParser.Format.ofFileName("x.CSV").orElseThrow());
    assertEquals(BulkParser.Format.NDJSON, BulkParser.Format.ofFileName("x.jsonl").orElseThrow());
    assertEquals(BulkParser.Format.TE, BulkParser.Format.ofFileName("export.txt").orElseThrow());
    assertTrue(BulkParser.Format.ofFileName("x.xlsx").isEmpty());
  }

  @Test
  void expiry_acceptsTimeDateAndDuration_andRefusesThePast() {
    assertEquals(Instant.parse("2027-01-31T00:00:00Z"), Expiry.parse("2027-01-31", NOW));
    assertEquals(Instant.parse("2026-12-28T12:00:00Z"), Expiry.parse("30d", NOW));
    assertEquals(Instant.parse("2027-01-31T11:00:00Z"), Expiry.parse("2027-01-31T12:00:00+01:00", NOW));
    IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> Expiry.parse("2020-01-01", NOW));
    assertTrue(past.getMessage().contains("not in the future"), past.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Expiry.parse("soon", NOW));
    assertTrue(bad.getMessage().contains("invalid --expires \"soon\""), bad.getMessage());
  }
}
