package org.hashfed.protocol.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EntryTimeTest {

  private static final long LAST = 253402300799L;

  @Test
  void format_agreesWithInstantToString_acrossTheWholeRange() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < 200_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(LAST + 1));
      assertEquals(t.toString(), EntryTime.format(t));
    }
  }

  @Test
  void format_ofTheEdges_andALeapDay() {
    assertEquals("1970-01-01T00:00:00Z", EntryTime.format(Instant.EPOCH));
    assertEquals("9999-12-31T23:59:59Z", EntryTime.format(Instant.ofEpochSecond(LAST)));
    assertEquals("2024-02-29T23:59:59Z", EntryTime.format(Instant.parse("2024-02-29T23:59:59Z")));
  }

  @Test
  void format_roundTripsThroughParse() {
    SplittableRandom random = new SplittableRandom(16);
    for (int i = 0; i < 10_000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextLong(LAST + 1));
      assertEquals(t, EntryTime.parse(EntryTime.format(t), "time"));
    }
  }

  @Test
  void parse_ofNoCalendarTime_orBefore1970_throwsNamingTheValue() {
    for (String bad : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T23:60:00Z", "1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z",
        "2026-01-01 00:00:00Z", "2026-01-01T00:00:00+00:00"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EntryTime.parse(bad, "time"),
          bad);
      assertTrue(e.getMessage().contains("time"), e.getMessage());
    }
    assertEquals(Instant.parse("2024-02-29T12:00:00Z"), EntryTime.parse("2024-02-29T12:00:00Z", "time"));
  }

  @Test
  void format_ofFractionOrOutOfRange_throwsNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EntryTime.format(Instant.ofEpochSecond(10, 5)));
    assertTrue(e.getMessage().contains("1970-01-01T00:00:10.000000005Z"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EntryTime.format(Instant.ofEpochSecond(LAST + 1)));
    assertThrows(IllegalArgumentException.class, () -> EntryTime.format(Instant.ofEpochSecond(-1)));
  }
}
