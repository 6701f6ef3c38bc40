package org.hashfed.node.trust;

import java.util.regex.Pattern;
import org.hashfed.protocol.entry.Label;

/** A label override's key: one exact label ({@code behavior:glorification}) or a namespace ({@code ideology:*}). */
public final class LabelPattern implements Comparable<LabelPattern> {

  private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_-]*:\\*");

  private final String value;

  private LabelPattern(String value) {
    this.value = value;
  }

  /**
   * Parses {@code namespace:*} or a full label.
   *
   * @throws IllegalArgumentException naming the value and the expected forms
   */
  public static LabelPattern parse(String value) {
    if (value != null && value.length() <= Label.MAX_LENGTH && NAMESPACE.matcher(value).matches()) {
      return new LabelPattern(value);
    }
    try {
      return new LabelPattern(Label.parse(value).value());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid label pattern \"" + value
          + "\": expected a label like behavior:glorification or a namespace like ideology:*", e);
    }
  }

  /** Whether {@code label} is this label or in this namespace. */
  public boolean matches(Label label) {
    return isNamespace() ? label.namespace().equals(value.substring(0, value.length() - 2))
        : label.value().equals(value);
  }

  /** Whether this is a {@code namespace:*} pattern (less specific than an exact label). */
  public boolean isNamespace() {
    return value.endsWith(":*");
  }

  /** The pattern text. */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(LabelPattern o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelPattern p && p.value.equals(value);
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
