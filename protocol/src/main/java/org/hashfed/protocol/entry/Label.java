package org.hashfed.protocol.entry;

import java.util.regex.Pattern;

/**
 * A label {@code namespace:value}, e.g. {@code behavior:glorification}; the pattern is enforced,
 * the vocabulary is not.
 */
public final class Label implements Comparable<Label> {

  /** Longest label, in characters. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern PATTERN = Pattern.compile("[a-z][a-z0-9_-]*:[a-z0-9][a-z0-9._-]*");

  private final String value;

  private Label(String value) {
    this.value = value;
  }

  /**
   * Parses a label.
   *
   * @throws IllegalArgumentException when the text does not match the pattern or is too long
   */
  public static Label parse(String value) {
    return new Label(Text.matching(value, PATTERN, MAX_LENGTH, "label",
        "namespace:value matching [a-z][a-z0-9_-]*:[a-z0-9][a-z0-9._-]*, at most 128 characters"));
  }

  /** The namespace, before the colon. */
  public String namespace() {
    return value.substring(0, value.indexOf(':'));
  }

  /** The part after the colon. */
  public String name() {
    return value.substring(value.indexOf(':') + 1);
  }

  /** The full {@code namespace:value} text. */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(Label o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Label l && l.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
