package org.hashfed.protocol.roster;

import java.util.Locale;

/** A member's standing in a roster version. */
public enum MemberStatus {
  /** Signs roster updates and has its new entries accepted. */
  ACTIVE,
  /** Temporarily excluded: new entries refused, signatures do not count; may become active again. */
  SUSPENDED,
  /** Permanently excluded: stays listed so that its old entries can still be verified and marked. */
  REMOVED;

  /** The JSON form: {@code active}, {@code suspended} or {@code removed}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON form.
   *
   * @throws IllegalArgumentException when the text is not one of the three statuses
   */
  public static MemberStatus parse(String text) {
    for (MemberStatus s : values()) {
      if (s.wireName().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("invalid member status " + RosterText.quote(text)
        + ": expected active, suspended or removed");
  }
}
