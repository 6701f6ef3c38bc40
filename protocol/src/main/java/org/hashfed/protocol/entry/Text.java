package org.hashfed.protocol.entry;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.hashfed.protocol.text.Quoted;

/** Shared checks and quoting for the entry model's text fields. */
final class Text {

  /** Largest note or reason text, in UTF-8 bytes. */
  static final int MAX_NOTE_BYTES = 1024;

  private Text() {}

  static String quote(String s) {
    return Quoted.quote(s);
  }

  static String matching(String value, Pattern pattern, int maxLength, String what, String expected) {
    if (value == null || value.length() > maxLength || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid " + what + " " + quote(value) + ": expected " + expected);
    }
    return value;
  }

  static String note(String note, String what) {
    if (note == null) {
      throw new IllegalArgumentException(what + " is null: omit it instead");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < note.length() && Character.isLowSurrogate(note.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("invalid " + what + ": unpaired surrogate at position " + i
            + " (expected valid Unicode text)");
      } else if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
        throw new IllegalArgumentException("invalid " + what + ": control character U+" + String.format("%04X", (int) c)
            + " at position " + i + " (expected text; only newline and tab are allowed)");
      }
    }
    int bytes = note.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NOTE_BYTES) {
      throw new IllegalArgumentException("invalid " + what + ": " + bytes + " bytes of UTF-8, expected at most "
          + MAX_NOTE_BYTES);
    }
    return note;
  }
}
