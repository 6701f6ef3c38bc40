package org.hashfed.protocol.vpdq;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.hashfed.protocol.pdq.PdqHash;

/** Strict parsing of the fields both vPDQ text forms share, with messages that name the value. */
final class VpdqFields {

  /** Most frames accepted in one serialised video: 100,000 is over 55 minutes of every frame at 30 fps. */
  static final int MAX_FRAMES = 100_000;

  /** Latest timestamp accepted, in seconds (about 11.5 days): far beyond any hashable video. */
  static final long MAX_TIMESTAMP_SECONDS = 1_000_000;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,3})?");

  private VpdqFields() {}

  static PdqHash hash(String where, String hex) throws VpdqFormatException {
    try {
      return PdqHash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new VpdqFormatException(where + ": " + e.getMessage(), e);
    }
  }

  static int quality(String where, String s) throws VpdqFormatException {
    int q = DIGITS.matcher(s).matches() ? Integer.parseInt(s) : -1;
    if (q < 0 || q > 100) {
      throw new VpdqFormatException(where + ": quality \"" + abbreviate(s) + "\" (expected: an integer 0..100)");
    }
    return q;
  }

  static int frameNumber(String where, String s) throws VpdqFormatException {
    if (!DIGITS.matcher(s).matches()) {
      throw new VpdqFormatException(where + ": frame number \"" + abbreviate(s) + "\" (expected: an integer >= 0)");
    }
    return Integer.parseInt(s);
  }

  /** Seconds as a plain or exponent decimal, to whole milliseconds (half up, as %.3f prints). */
  static long timestampMillis(String where, String s) throws VpdqFormatException {
    if (!DECIMAL.matcher(s).matches()) {
      throw new VpdqFormatException(where + ": timestamp \"" + abbreviate(s)
          + "\" is not a decimal number (expected: seconds >= 0, e.g. 1.5 or 1.23e+02)");
    }
    BigDecimal seconds = new BigDecimal(s);
    if (seconds.signum() < 0) {
      throw new VpdqFormatException(where + ": timestamp " + s + " is negative (expected: seconds >= 0)");
    }
    if (seconds.compareTo(BigDecimal.valueOf(MAX_TIMESTAMP_SECONDS)) > 0) {
      throw new VpdqFormatException(where + ": timestamp " + s + " s exceeds " + MAX_TIMESTAMP_SECONDS + " s");
    }
    return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
