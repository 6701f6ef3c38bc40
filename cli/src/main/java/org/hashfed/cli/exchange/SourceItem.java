package org.hashfed.cli.exchange;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hashfed.protocol.entry.Submit;

/**
 * One record of a source, checked whole before anything is sent: either a submission to make (an
 * addition or update at the source) or a deletion at the source, under the record's stable key.
 */
final class SourceItem {

  /** Keys are one word of printable ASCII, so that the import journal stays one record a line. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");

  private final String key;
  private final Submit submit;

  private SourceItem(String key, Submit submit) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("invalid record key " + (key == null ? "null" : "\"" + key + "\"")
          + " (expected: 1 to 200 printable ASCII characters without spaces)");
    }
    this.key = key;
    this.submit = submit;
  }

  /** A record the source holds: submitted unless an earlier import already did. */
  static SourceItem upsert(String key, Submit submit) {
    return new SourceItem(key, Objects.requireNonNull(submit, "submit"));
  }

  /** A record the source deleted: its submission, if an earlier import made one, is retracted. */
  static SourceItem deletion(String key) {
    return new SourceItem(key, null);
  }

  /** The record's stable key, e.g. {@code tcap:2819} or {@code md5:<hex>}. */
  String key() {
    return key;
  }

  /** The submission to make; empty for a deletion. */
  Optional<Submit> submit() {
    return Optional.ofNullable(submit);
  }

  boolean deleted() {
    return submit == null;
  }
}
