package org.hashfed.protocol.entry;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Entry timestamps: RFC 3339 in UTC with whole seconds only, {@code YYYY-MM-DDTHH:MM:SSZ}. */
public final class EntryTime {

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
      Instant t = Instant.parse(text);
      if (!format(t).equals(text)) {
        throw new IllegalArgumentException("invalid " + what + " " + Text.quote(text) + ": expected " + EXPECTED);
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("invalid " + what + " " + Text.quote(text) + ": not a calendar date and time ("
          + EXPECTED + ")", e);
    }
  }

  /** The canonical text of a whole-second instant. */
  public static String format(Instant t) {
    return check(t, "time").toString();
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
