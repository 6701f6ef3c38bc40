package org.hashfed.protocol.entry;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Entry timestamps: RFC 3339 in UTC with whole seconds only, {@code YYYY-MM-DDTHH:MM:SSZ}. */
public final class EntryTime {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final Pattern PATTERN = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-5][0-9]Z");
  private static final String EXPECTED = "UTC time YYYY-MM-DDTHH:MM:SSZ, whole seconds, e.g. 2026-11-28T13:45:00Z";

  private EntryTime() {}

  /**
   * Parses the one accepted form; no offsets, no fractions, no leap second.
   *
   * @throws IllegalArgumentException when the text is not a valid time of that form
   */
  public static Instant parse(String text, String what) {
    if (text == null || text.length() != 20 || !PATTERN.matcher(text).matches()) {
      throw new IllegalArgumentException("invalid " + what + " " + Text.quote(text) + ": expected " + EXPECTED);
    }
    try {
      // the pattern has vetted every digit: read the fields directly, cheaper than a general parser
      Instant t = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
          number(text, 14, 2), number(text, 17, 2)).toInstant(ZoneOffset.UTC);
      if (!format(t).equals(text)) {
        throw new IllegalArgumentException("invalid " + what + " " + Text.quote(text) + ": expected " + EXPECTED);
      }
      return t;
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("invalid " + what + " " + Text.quote(text) + ": not a calendar date and time ("
          + EXPECTED + ")", e);
    }
  }

  private static int number(String text, int at, int digits) {
    int n = 0;
    for (int i = at; i < at + digits; i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    return n;
  }

  /**
   * The canonical text of a whole-second instant: what {@link Instant#toString} gives for these,
   * written digit by digit because every match response formats a time or two per match and the
   * general formatter costs more than the rest of the match's JSON.
   */
  public static String format(Instant t) {
    long seconds = check(t, "time").getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int ofDay = (int) (seconds % SECONDS_PER_DAY);
    byte[] out = new byte[20];
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, ofDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, ofDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, ofDay % 60, 2);
    out[19] = 'Z';
    return new String(out, StandardCharsets.US_ASCII);
  }

  private static void digits(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  static Instant check(Instant t, String what) {
    if (t == null) {
      throw new IllegalArgumentException(what + " is null: expected " + EXPECTED);
    }
    if (t.getNano() != 0 || t.getEpochSecond() < 0 || t.getEpochSecond() > 253402300799L) {
      throw new IllegalArgumentException("invalid " + what + " " + t + ": expected whole seconds from 1970 to 9999 ("
          + EXPECTED + ")");
    }
    return t;
  }

  /** The instant truncated to whole seconds, for building entries from a clock. */
  public static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }
}
