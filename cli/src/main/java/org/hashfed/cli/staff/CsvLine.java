package org.hashfed.cli.staff;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting: {@code "a, b"}, {@code ""} for a quote); fields never span lines. */
public final class CsvLine {

  private CsvLine() {}

  /**
   * The line's fields.
   *
   * @throws IllegalArgumentException on an unterminated quote or text after a closing quote
   */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("unterminated quoted field (a field cannot span lines)");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("unexpected text after a closing quote at column " + (i + 1));
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      out.add(field.toString());
      field.setLength(0);
      if (i >= line.length()) {
        return out;
      }
      i++;
    }
  }

  /** {@code value} as a CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
  public static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
