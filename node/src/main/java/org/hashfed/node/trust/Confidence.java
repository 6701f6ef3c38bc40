package org.hashfed.node.trust;

import java.util.Collection;

/**
 * The confidence (0..1) of a match, from the submitter's level, the levels of the members that
 * agree and dispute, and the PDQ distance; spec/trust.md gives the formula and a worked example.
 *
 * <pre>
 *   base  = 0.9 trusted, 0.6 standard, 0.3 observe, 0 blocked      (submitter, for the labels)
 *   A     = sum of weights of agreeing members, D = same for disputing members
 *   weight = 1 trusted, 0.5 standard, 0.1 observe, 0 blocked       (opinion author, in this node's policy)
 *   support = base + (1 - base) * A / (A + 1)
 *   confidence = round3( support / (1 + D) * (1 - 0.3 * distance / 31) )
 * </pre>
 *
 * Monotone: more or more trusted agreement never lowers it, more or more trusted disputes never
 * raise it, a larger distance never raises it.
 */
public final class Confidence {

  /** Largest PDQ distance the formula accepts (the widest search a request may ask for). */
  public static final int MAX_DISTANCE = 63;

  private Confidence() {}

  /** The base confidence of a submission by a member at {@code level}. */
  public static double base(TrustLevel level) {
    return switch (level) {
      case TRUSTED -> 0.9;
      case STANDARD -> 0.6;
      case OBSERVE -> 0.3;
      case BLOCKED -> 0.0;
    };
  }

  /** How much an opinion by a member at {@code level} counts. */
  public static double weight(TrustLevel level) {
    return switch (level) {
      case TRUSTED -> 1.0;
      case STANDARD -> 0.5;
      case OBSERVE -> 0.1;
      case BLOCKED -> 0.0;
    };
  }

  /** The factor for a PDQ distance: 1 at 0, 0.7 at 31, continuing linearly to 0.39 at 63. */
  public static double distanceFactor(int distance) {
    if (distance < 0 || distance > MAX_DISTANCE) {
      throw new IllegalArgumentException("distance " + distance + " (expected: 0.." + MAX_DISTANCE + ")");
    }
    return 1 - 0.3 * distance / 31.0;
  }

  /**
   * The confidence, rounded to three decimals.
   *
   * @throws IllegalArgumentException when the distance is outside 0..63
   */
  public static double of(TrustLevel submitter, Collection<TrustLevel> agreeing, Collection<TrustLevel> disputing,
      int distance) {
    double factor = distanceFactor(distance);
    double a = sum(agreeing);
    double d = sum(disputing);
    double b = base(submitter);
    // 1 - 1/(A+1) rather than A/(A+1): each floating-point step is then monotone in A
    double support = b + (1 - b) * (1 - 1 / (a + 1));
    double c = support / (1 + d) * factor;
    return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000.0;
  }

  private static double sum(Collection<TrustLevel> levels) {
    double s = 0;
    for (TrustLevel l : levels) {
      s += weight(l);
    }
    return s;
  }
}
