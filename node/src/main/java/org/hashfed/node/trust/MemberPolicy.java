package org.hashfed.node.trust;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hashfed.protocol.entry.Label;

/**
 * This node's policy for one member: an operator-set level (or the default), label overrides, a
 * pin against automatic changes, the automatic demotions in force and when the level last changed.
 */
public final class MemberPolicy {

  private static final MemberPolicy UNCONFIGURED =
      new MemberPolicy(Optional.empty(), Map.of(), false, 0, Optional.empty(), 0);

  private final Optional<TrustLevel> configured;
  private final Map<LabelPattern, TrustLevel> overrides;
  private final boolean pinned;
  private final int demotions;
  private final Optional<Instant> changedAt;
  private final long sinceSeq;

  private MemberPolicy(Optional<TrustLevel> configured, Map<LabelPattern, TrustLevel> overrides, boolean pinned,
      int demotions, Optional<Instant> changedAt, long sinceSeq) {
    this.configured = configured;
    this.overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    this.pinned = pinned;
    this.demotions = demotions;
    this.changedAt = changedAt;
    this.sinceSeq = sinceSeq;
  }

  /** The policy of a member no operator has configured: the default level, no overrides. */
  public static MemberPolicy unconfigured() {
    return UNCONFIGURED;
  }

  /**
   * A policy as stored.
   *
   * @throws IllegalArgumentException when {@code demotions} is not 0..2 or {@code sinceSeq} is negative
   */
  public static MemberPolicy of(Optional<TrustLevel> configured, Map<LabelPattern, TrustLevel> overrides,
      boolean pinned, int demotions, Optional<Instant> changedAt, long sinceSeq) {
    if (demotions < 0 || demotions > 2) {
      throw new IllegalArgumentException("automatic demotions " + demotions + " (expected: 0..2)");
    }
    if (sinceSeq < 0) {
      throw new IllegalArgumentException("since_seq " + sinceSeq + " (expected: >= 0)");
    }
    return new MemberPolicy(configured, overrides, pinned, demotions, changedAt, sinceSeq);
  }

  /** The level an operator set, if any. */
  public Optional<TrustLevel> configured() {
    return configured;
  }

  /** Levels for labels, overriding the member's level. */
  public Map<LabelPattern, TrustLevel> overrides() {
    return overrides;
  }

  /** Whether automatic demotion is switched off for this member. */
  public boolean pinned() {
    return pinned;
  }

  /** Automatic demotions in force (each lowers every level one step, not below observe). */
  public int demotions() {
    return demotions;
  }

  /** When the member's level last changed (operator set, demotion, restore), if ever. */
  public Optional<Instant> changedAt() {
    return changedAt;
  }

  /**
   * The member's feed head when its level last changed: only later submissions are judged for
   * demotion, so a member is judged afresh after every change.
   */
  public long sinceSeq() {
    return sinceSeq;
  }

  /** The member-wide level, for submissions no override applies to. */
  public TrustLevel memberLevel(TrustLevel defaultLevel) {
    return configured.orElse(defaultLevel).demoted(demotions);
  }

  /**
   * The level of a submission with these labels: per label the most specific override (exact
   * label, then namespace, then the member level), and the lowest of those over all labels.
   */
  public TrustLevel levelFor(List<Label> labels, TrustLevel defaultLevel) {
    TrustLevel base = configured.orElse(defaultLevel);
    if (overrides.isEmpty() || labels.isEmpty()) {
      return base.demoted(demotions);
    }
    TrustLevel lowest = TrustLevel.TRUSTED;
    for (Label label : labels) {
      lowest = TrustLevel.min(lowest, levelFor(label, base));
    }
    return lowest.demoted(demotions);
  }

  private TrustLevel levelFor(Label label, TrustLevel base) {
    TrustLevel namespace = null;
    for (Map.Entry<LabelPattern, TrustLevel> o : overrides.entrySet()) {
      if (o.getKey().matches(label)) {
        if (!o.getKey().isNamespace()) {
          return o.getValue();
        }
        namespace = o.getValue();
      }
    }
    return namespace != null ? namespace : base;
  }

  /** Whether one more automatic demotion would lower any of this member's levels. */
  public boolean canBeDemoted(TrustLevel defaultLevel) {
    if (memberLevel(defaultLevel).compareTo(TrustLevel.OBSERVE) > 0) {
      return true;
    }
    for (TrustLevel l : overrides.values()) {
      if (l.demoted(demotions).compareTo(TrustLevel.OBSERVE) > 0) {
        return true;
      }
    }
    return false;
  }

  /** This policy with an operator-set level and overrides; automatic demotions are cleared. */
  public MemberPolicy withLevel(TrustLevel level, Map<LabelPattern, TrustLevel> newOverrides, Instant now,
      long headSeq) {
    return new MemberPolicy(Optional.of(level), newOverrides, pinned, 0, Optional.of(now), headSeq);
  }

  /** This policy pinned or unpinned. */
  public MemberPolicy withPinned(boolean pin) {
    return new MemberPolicy(configured, overrides, pin, demotions, changedAt, sinceSeq);
  }

  /** This policy one automatic demotion lower. */
  public MemberPolicy demotedOnce(Instant now, long headSeq) {
    return new MemberPolicy(configured, overrides, pinned, demotions + 1, Optional.of(now), headSeq);
  }

  /** This policy with automatic demotions undone. */
  public MemberPolicy restored(Instant now, long headSeq) {
    return new MemberPolicy(configured, overrides, pinned, 0, Optional.of(now), headSeq);
  }
}
