package org.hashfed.protocol.text;

/**
 * Shows an offending input value inside an error message: quoted, shortened, control characters
 * escaped, so a hostile or binary value can neither flood a log nor forge a line in it.
 */
public final class Quoted {

  /** Longest value shown in full; longer ones end in "...". */
  public static final int MAX_SHOWN = 80;

  private Quoted() {}

  /** {@code "value"} with control characters, quotes and backslashes as {@code \\u0022}-style escapes; {@code null} unquoted. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = abbreviate(s);
    StringBuilder b = new StringBuilder(shown.length() + 2).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** The text itself when at most {@link #MAX_SHOWN} characters, else its start and "...". */
  public static String abbreviate(String s) {
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 3) + "...";
  }
}
