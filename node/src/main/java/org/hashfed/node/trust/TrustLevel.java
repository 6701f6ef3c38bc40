package org.hashfed.node.trust;

import java.util.Locale;

/** How much this node trusts a member's submissions, from least to most. */
public enum TrustLevel {
  /** Never returned by a match; entries are still validated, stored and relayed. */
  BLOCKED,
  /** Returned only when a match request asks for observed matches. */
  OBSERVE,
  /** Returned, flagged for review. */
  STANDARD,
  /** Returned and actionable. */
  TRUSTED;

  /** The lowercase name used in the API, the config and on the command line. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this level is at least {@code other}. */
  public boolean atLeast(TrustLevel other) {
    return compareTo(other) >= 0;
  }

  /** The lower of two levels. */
  public static TrustLevel min(TrustLevel a, TrustLevel b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * This level lowered by {@code steps} automatic demotions: never below {@link #OBSERVE}, since
   * blocking is an operator's decision; {@link #BLOCKED} stays blocked.
   */
  public TrustLevel demoted(int steps) {
    if (this == BLOCKED) {
      return BLOCKED;
    }
    return values()[Math.max(OBSERVE.ordinal(), ordinal() - steps)];
  }

  /**
   * Parses {@code trusted}, {@code standard}, {@code observe} or {@code blocked}.
   *
   * @throws IllegalArgumentException naming the value and the expected ones
   */
  public static TrustLevel parse(String s) {
    if (s != null) {
      for (TrustLevel l : values()) {
        if (l.wireName().equals(s)) {
          return l;
        }
      }
    }
    throw new IllegalArgumentException("invalid trust level \"" + s
        + "\": expected trusted, standard, observe or blocked");
  }
}
