package org.hashfed.node.auth;

import java.util.Locale;

/**
 * What an API key may do: query, submit and admin each include the roles before them; audit (read
 * the provenance log) is apart from them and only admin includes it; watch (record uploads for the
 * retro-hunt) is included by query, submit and admin and includes nothing else.
 */
public enum Role {
  /** Match only. */
  QUERY,
  /** Match, submit, retract and give opinions. */
  SUBMIT,
  /** Everything, including API key and trust management. */
  ADMIN,
  /** Read the provenance log (checkpoints, entries, proofs) and add witness cosignatures; nothing else. */
  AUDIT,
  /**
   * Record what a platform accepted for the retro-hunt ({@code POST /v1/watch}); nothing else: an
   * upload pipeline that records every upload need not be able to match or read the feed.
   */
  WATCH;

  /** Whether a key with this role may call an endpoint that requires {@code required}. */
  public boolean includes(Role required) {
    if (this == required || this == ADMIN) {
      return true;
    }
    // Auditors must not match or submit, and match or submit keys must not read the whole log.
    if (this == AUDIT || required == AUDIT || this == WATCH) {
      return false;
    }
    // query and submit keys recorded uploads before the watch role existed, and still may
    return required == WATCH || ordinal() >= required.ordinal();
  }

  /** The lowercase name used in the API and on the command line. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code query}, {@code submit}, {@code admin}, {@code audit} or {@code watch}.
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
    throw new IllegalArgumentException("invalid role \"" + s + "\": expected query, submit, admin, audit or watch");
  }
}
