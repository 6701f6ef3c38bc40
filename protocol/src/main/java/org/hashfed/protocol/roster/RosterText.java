package org.hashfed.protocol.roster;

import java.util.regex.Pattern;
import org.hashfed.protocol.text.Quoted;

/** Quoting and the text rules shared by rosters and member files. */
final class RosterText {

  /** Longest display name, in characters. */
  static final int MAX_NAME_LENGTH = 128;

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private RosterText() {}

  static String quote(String s) {
    return Quoted.quote(s);
  }

  /** A display name: 1..128 characters of valid Unicode, no control characters, no outer whitespace. */
  static String displayName(String name, String what) {
    String expected = "1 to " + MAX_NAME_LENGTH
        + " characters of text without control characters or leading/trailing spaces";
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.strip().equals(name)) {
      throw new IllegalArgumentException("invalid " + what + " " + quote(name) + ": expected " + expected);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("invalid " + what + " " + quote(name) + ": character U+"
            + String.format("%04X", (int) c) + " at position " + i + " (expected " + expected + ")");
      }
    }
    return name;
  }

  static boolean isHex64(String s) {
    return s != null && HEX64.matcher(s).matches();
  }
}
