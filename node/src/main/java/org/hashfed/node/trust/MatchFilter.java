package org.hashfed.node.trust;

import java.util.List;
import java.util.Optional;
import org.hashfed.protocol.entry.Label;

/**
 * What a match request lets through: blocked members never, observed ones only on request, and
 * optionally a minimum level, a minimum confidence and labels (exact or {@code namespace:*}).
 */
public final class MatchFilter {

  private static final MatchFilter DEFAULT = new MatchFilter(Optional.empty(), 0, false, List.of());

  private final Optional<TrustLevel> minTrust;
  private final double minConfidence;
  private final boolean includeObserved;
  private final List<LabelPattern> labels;

  private MatchFilter(Optional<TrustLevel> minTrust, double minConfidence, boolean includeObserved,
      List<LabelPattern> labels) {
    this.minTrust = minTrust;
    this.minConfidence = minConfidence;
    this.includeObserved = includeObserved;
    this.labels = List.copyOf(labels);
  }

  /** No filter beyond the defaults: trusted and standard matches, any confidence, any label. */
  public static MatchFilter defaults() {
    return DEFAULT;
  }

  /**
   * A filter.
   *
   * @throws IllegalArgumentException when {@code minTrust} is blocked or {@code minConfidence} is outside 0..1
   */
  public static MatchFilter of(Optional<TrustLevel> minTrust, double minConfidence, boolean includeObserved,
      List<LabelPattern> labels) {
    if (minTrust.isPresent() && minTrust.get() == TrustLevel.BLOCKED) {
      throw new IllegalArgumentException("invalid min_trust \"blocked\": blocked members are never returned; "
          + "expected trusted, standard or observe");
    }
    if (!(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("invalid min_confidence " + minConfidence + ": expected a number from 0 to 1");
    }
    return new MatchFilter(minTrust, minConfidence, includeObserved, labels);
  }

  /** Whether a submission at {@code level} with {@code submissionLabels} may be returned, before confidence. */
  public boolean admits(TrustLevel level, List<Label> submissionLabels) {
    if (level == TrustLevel.BLOCKED || (level == TrustLevel.OBSERVE && !includeObserved)) {
      return false;
    }
    if (minTrust.isPresent() && !level.atLeast(minTrust.get())) {
      return false;
    }
    if (labels.isEmpty()) {
      return true;
    }
    for (Label l : submissionLabels) {
      for (LabelPattern p : labels) {
        if (p.matches(l)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a match of this confidence may be returned. */
  public boolean admits(double confidence) {
    return confidence >= minConfidence;
  }

  /** The lowest level returned, if the request set one. */
  public Optional<TrustLevel> minTrust() {
    return minTrust;
  }

  /** The lowest confidence returned. */
  public double minConfidence() {
    return minConfidence;
  }

  /** Whether observed members' matches are returned. */
  public boolean includeObserved() {
    return includeObserved;
  }

  /** Labels a match must have one of; empty means any. */
  public List<LabelPattern> labels() {
    return labels;
  }
}
