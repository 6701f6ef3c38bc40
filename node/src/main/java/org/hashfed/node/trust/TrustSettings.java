package org.hashfed.node.trust;

import java.time.Duration;

/**
 * The node's trust configuration: the level of members no operator configured, and when
 * automatic demotion applies (see spec/trust.md).
 */
public final class TrustSettings {

  /** Level of members not configured. */
  public static final TrustLevel DEFAULT_LEVEL = TrustLevel.STANDARD;
  /** Sliding window of submissions judged for demotion. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  /** Share of the window's submissions that must be disputed. */
  public static final double DEFAULT_SHARE = 0.2;
  /** Distinct disputers (at the disputer level or above) that make a submission disputed. */
  public static final int DEFAULT_MIN_DISPUTERS = 2;
  /** Fewest submissions in the window before a member can be demoted. */
  public static final int DEFAULT_MIN_SUBMISSIONS = 5;
  /** Lowest level whose disputes count towards demotion. */
  public static final TrustLevel DEFAULT_DISPUTER_LEVEL = TrustLevel.TRUSTED;

  private final TrustLevel defaultLevel;
  private final Duration window;
  private final double share;
  private final int minDisputers;
  private final int minSubmissions;
  private final TrustLevel disputerLevel;

  private TrustSettings(TrustLevel defaultLevel, Duration window, double share, int minDisputers, int minSubmissions,
      TrustLevel disputerLevel) {
    this.defaultLevel = defaultLevel;
    this.window = window;
    this.share = share;
    this.minDisputers = minDisputers;
    this.minSubmissions = minSubmissions;
    this.disputerLevel = disputerLevel;
  }

  /** The documented defaults. */
  public static TrustSettings defaults() {
    return new TrustSettings(DEFAULT_LEVEL, DEFAULT_WINDOW, DEFAULT_SHARE, DEFAULT_MIN_DISPUTERS,
        DEFAULT_MIN_SUBMISSIONS, DEFAULT_DISPUTER_LEVEL);
  }

  /**
   * Validated settings.
   *
   * @throws IllegalArgumentException naming the option, its value and the expected range
   */
  public static TrustSettings of(TrustLevel defaultLevel, Duration window, double share, int minDisputers,
      int minSubmissions, TrustLevel disputerLevel) {
    if (defaultLevel == null) {
      throw new IllegalArgumentException("trust.default_level is null (expected: trusted, standard, observe or blocked)");
    }
    if (window == null || window.isNegative() || window.isZero() || window.toDays() > 3650) {
      throw new IllegalArgumentException("invalid trust.demotion.window_days " + (window == null ? null : window.toDays())
          + ": expected 1..3650");
    }
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("invalid trust.demotion.share " + share + ": expected a number in (0, 1]");
    }
    if (minDisputers < 1 || minDisputers > 1000) {
      throw new IllegalArgumentException("invalid trust.demotion.min_disputers " + minDisputers + ": expected 1..1000");
    }
    if (minSubmissions < 1 || minSubmissions > 1_000_000) {
      throw new IllegalArgumentException("invalid trust.demotion.min_submissions " + minSubmissions
          + ": expected 1..1000000");
    }
    if (disputerLevel == null || disputerLevel == TrustLevel.BLOCKED) {
      throw new IllegalArgumentException("invalid trust.demotion.disputer_level " + disputerLevel
          + ": expected trusted, standard or observe");
    }
    return new TrustSettings(defaultLevel, window, share, minDisputers, minSubmissions, disputerLevel);
  }

  /** Level of members not configured. */
  public TrustLevel defaultLevel() {
    return defaultLevel;
  }

  /** The sliding window of submissions judged for demotion. */
  public Duration window() {
    return window;
  }

  /** Share of the window's submissions (0..1] that must be disputed for a demotion. */
  public double share() {
    return share;
  }

  /** Distinct disputers that make a submission disputed (K). */
  public int minDisputers() {
    return minDisputers;
  }

  /** Fewest submissions in the window before a member can be demoted. */
  public int minSubmissions() {
    return minSubmissions;
  }

  /** Lowest level, in this node's policy, of a member whose disputes count. */
  public TrustLevel disputerLevel() {
    return disputerLevel;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects options; {@link #build()} validates them. */
  public static final class Builder {
    private TrustLevel defaultLevel = DEFAULT_LEVEL;
    private Duration window = DEFAULT_WINDOW;
    private double share = DEFAULT_SHARE;
    private int minDisputers = DEFAULT_MIN_DISPUTERS;
    private int minSubmissions = DEFAULT_MIN_SUBMISSIONS;
    private TrustLevel disputerLevel = DEFAULT_DISPUTER_LEVEL;

    private Builder() {}

    /** Sets the level of members not configured. */
    public Builder defaultLevel(TrustLevel v) {
      this.defaultLevel = v;
      return this;
    }

    /** Sets the demotion window in days. */
    public Builder windowDays(long days) {
      this.window = Duration.ofDays(days);
      return this;
    }

    /** Sets the disputed share that demotes. */
    public Builder share(double v) {
      this.share = v;
      return this;
    }

    /** Sets K, the distinct disputers that make a submission disputed. */
    public Builder minDisputers(int v) {
      this.minDisputers = v;
      return this;
    }

    /** Sets the fewest submissions in the window before a demotion. */
    public Builder minSubmissions(int v) {
      this.minSubmissions = v;
      return this;
    }

    /** Sets the lowest level whose disputes count. */
    public Builder disputerLevel(TrustLevel v) {
      this.disputerLevel = v;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the invalid option
     */
    public TrustSettings build() {
      return of(defaultLevel, window, share, minDisputers, minSubmissions, disputerLevel);
    }
  }

  @Override
  public String toString() {
    return "TrustSettings{defaultLevel=" + defaultLevel.wireName() + ", windowDays=" + window.toDays() + ", share="
        + share + ", minDisputers=" + minDisputers + ", minSubmissions=" + minSubmissions + ", disputerLevel="
        + disputerLevel.wireName() + "}";
  }
}
