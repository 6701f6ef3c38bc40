package org.hashfed.protocol.entry;

import java.util.regex.Pattern;

/** A consortium member's id: 2 to 63 characters of {@code [a-z0-9-]}, starting with a letter or digit. */
public final class MemberId implements Comparable<MemberId> {

  private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private final String value;

  private MemberId(String value) {
    this.value = value;
  }

  /**
   * Parses a member id.
   *
   * @throws IllegalArgumentException when the text does not match {@code [a-z0-9][a-z0-9-]{1,62}}
   */
  public static MemberId parse(String value) {
    return new MemberId(Text.matching(value, PATTERN, 63, "member id",
        "2 to 63 characters of a-z, 0-9 and '-', not starting with '-' (pattern [a-z0-9][a-z0-9-]{1,62})"));
  }

  /** The id text. */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(MemberId o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberId m && m.value.equals(value);
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
