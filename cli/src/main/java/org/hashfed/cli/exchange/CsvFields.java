package org.hashfed.cli.exchange;

import java.util.ArrayList;
import java.util.List;

/** One line of RFC 4180 CSV, as Python's {@code csv} module writes it: fields with commas or quotes are quoted, quotes doubled. */
final class CsvFields {

  private CsvFields() {}

  /**
   * The fields of {@code line}.
   *
   * @throws IllegalArgumentException when a quoted field is not closed or is followed by other text
   */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("a quoted field that starts at field " + (fields.size() + 1)
                + " is not closed");
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              break;
            }
          } else {
            f.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("text after the closing quote of field " + (fields.size() + 1));
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          f.append(line.charAt(i++));
        }
      }
      fields.add(f.toString());
      f.setLength(0);
      if (i >= line.length()) {
        return fields;
      }
      i++;
    }
  }

  /** {@code value} as a CSV field: quoted when it holds a comma, a quote or a line break. */
  static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
