package org.hashfed.node.trust;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hashfed.protocol.entry.MemberId;

/**
 * One recorded change of a member's trust: what changed, the member-wide level before and after,
 * why, and for an automatic demotion the numbers that triggered it.
 */
public record TrustEvent(long seq, Instant time, MemberId member, Action action, TrustLevel from, TrustLevel to,
    Optional<String> reason, Optional<DisputeStats> stats) {

  /** What happened. */
  public enum Action {
    /** An operator set the level and label overrides. */
    SET,
    /** An operator pinned the level against automatic changes. */
    PIN,
    /** An operator removed the pin. */
    UNPIN,
    /** The node demoted the member one level because its submissions were disputed. */
    DEMOTE,
    /** An operator undid the automatic demotions. */
    RESTORE;

    /** The lowercase name used in the API and in metrics. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when it is not one of set, pin, unpin, demote, restore
     */
    public static Action parse(String s) {
      for (Action a : values()) {
        if (a.wireName().equals(s)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown trust event action \"" + s
          + "\": expected set, pin, unpin, demote or restore");
    }
  }
}
