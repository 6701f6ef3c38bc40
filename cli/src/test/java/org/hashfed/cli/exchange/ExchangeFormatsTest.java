package org.hashfed.cli.exchange;

import org.hashfed.cli.staff.CsvLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.Label;
import org.junit.jupiter.api.Test;

/** The small pieces of the import formats: CSV fields, tags as labels, HMA names, Retry-After. */
class ExchangeFormatsTest {

  @Test
  void csvFields_splitQuotedFieldsAsPythonWritesThem_andFieldQuotesWhatNeedsIt() {
    String vpdq = "[\"abc,100,0.0\", \"def,90,1.0\"]";
    String line = String.join(",", "vpdq", CsvLine.field(vpdq), "Sample, Collab", "POSITIVE_CLASS", "");
    assertEquals("\"[\"\"abc,100,0.0\"\", \"\"def,90,1.0\"\"]\"", CsvLine.field(vpdq));
    assertEquals(List.of("vpdq", vpdq, "Sample", " Collab", "POSITIVE_CLASS", ""), CsvLine.split(line));
    assertEquals(List.of("a", "", ""), CsvLine.split("a,,"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,\"open"))
        .getMessage().contains("unterminated quoted field"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvLine.split("\"x\"y,z"))
        .getMessage().contains("unexpected text after a closing quote at column 4"));
  }

  @Test
  void tags_becomeLabels_withinTheLabelGrammar() {
    assertEquals(Optional.of(Label.parse("tag:christchurch-attack")), ItemFactory.labelOfTag("Christchurch  Attack!"));
    assertEquals(Optional.of(Label.parse("behavior:glorification")), ItemFactory.labelOfTag("behavior:glorification"));
    assertEquals(Optional.of(Label.parse("ideology:far-right")), ItemFactory.tagLabel("ideology", "Far Right"));
    assertEquals(Optional.empty(), ItemFactory.labelOfTag("  ?! "));
    String longTag = "x".repeat(500);
    assertEquals(Label.MAX_LENGTH, ItemFactory.labelOfTag(longTag).orElseThrow().value().length());
  }

  @Test
  void hmaNames_areThoseOfSpecHma() {
    assertEquals("ACME", HmaBanks.bankName("acme"));
    assertEquals("ACME_EU", HmaBanks.bankName("acme-eu"));
    assertEquals("_4CHAN", HmaBanks.bankName("4chan"));
    // the first 53 bits of the entry id
    assertEquals((1L << 53) - 1, HmaBanks.contentId("f".repeat(64)));
    assertEquals(0x0123456789abcdL >>> 3, HmaBanks.contentId("0123456789abcd" + "0".repeat(50)));
  }

  @Test
  void retryAfter_readsSecondsAndHttpDates_andIgnoresGarbage() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), SourceHttp.retryAfter(" 7 "));
    String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    Duration d = SourceHttp.retryAfter(inAMinute).orElseThrow();
    assertTrue(d.toSeconds() > 0 && d.toSeconds() <= 60, d.toString());
    String past = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    assertEquals(Optional.of(Duration.ZERO), SourceHttp.retryAfter(past));
    assertEquals(Optional.empty(), SourceHttp.retryAfter("soon"));
    assertEquals(Optional.empty(), SourceHttp.retryAfter(null));
  }
}
