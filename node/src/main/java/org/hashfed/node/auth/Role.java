package org.hashfed.node.auth;

import java.util.Locale;

/** What an API key may do; each role includes everything the roles before it may do. */
public enum Role {
  /** Match only. */
  QUERY,
  /** Match, submit, retract and give opinions. */
  SUBMIT,
  /** Everything, including API key and trust management. */
  ADMIN;

  /** Whether a key with this role may call an endpoint that requires {@code required}. */
  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** The lowercase name used in the API and on the command line. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code query}, {@code submit} or {@code admin}.
   *
   * @throws IllegalArgumentException naming the value and the expected ones
   */
  public static Role parse(String s) {
    if (s != null) {
      for (Role r : values()) {
        if (r.wireName().equals(s)) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("invalid role \"" + s + "\": expected query, submit or admin");
  }
}
