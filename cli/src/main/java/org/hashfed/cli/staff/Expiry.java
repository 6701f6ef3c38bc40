package org.hashfed.cli.staff;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code --expires}: a time ({@code 2027-01-31T12:00:00Z}), a date (midnight UTC) or a duration from now ({@code 90d}). */
final class Expiry {

  static final String EXPECTED = "a UTC time like 2027-01-31T12:00:00Z, a date like 2027-01-31 (midnight UTC), "
      + "or a duration from now like 90d, 12h or 8w";

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([hdw])");

  private Expiry() {}

  /**
   * The expiry instant, whole seconds.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms, or when it is not in the future
   */
  static Instant parse(String text, Instant now) {
    String t = text.strip();
    Instant at;
    Matcher m = DURATION.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
      at = now.plus(d);
    } else {
      try {
        at = t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
            : OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("invalid --expires \"" + text + "\": expected " + EXPECTED);
      }
    }
    at = at.truncatedTo(ChronoUnit.SECONDS);
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException("invalid --expires \"" + text + "\": " + at + " is not in the future");
    }
    return at;
  }
}
