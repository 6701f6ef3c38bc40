package org.hashfed.node.config;

/**
 * The work and bytes one match request may take ({@code match.*} in spec/config.md): most matches
 * returned per signal and per response, and how many large batches one API key may have in flight.
 */
public final class MatchLimits {

  /** Default most matches returned for one signal. */
  public static final int DEFAULT_MAX_PER_SIGNAL = 100;
  /** Default most matches in one response: about 3 MiB of JSON. */
  public static final int DEFAULT_MAX_PER_RESPONSE = 10_000;
  /** Default size from which a batch counts as heavy. */
  public static final int DEFAULT_HEAVY_SIGNALS = 100;
  /** Default heavy requests (large batches, vpdq queries, files to hash) one API key may have in flight. */
  public static final int DEFAULT_HEAVY_PER_KEY = 2;

  private final int maxPerSignal;
  private final int maxPerResponse;
  private final int heavySignals;
  private final int heavyPerKey;

  private MatchLimits(int maxPerSignal, int maxPerResponse, int heavySignals, int heavyPerKey) {
    this.maxPerSignal = maxPerSignal;
    this.maxPerResponse = maxPerResponse;
    this.heavySignals = heavySignals;
    this.heavyPerKey = heavyPerKey;
  }

  /** 100 matches per signal, 10,000 per response, two batches of 100 signals or more per key at once. */
  public static MatchLimits defaults() {
    return new MatchLimits(DEFAULT_MAX_PER_SIGNAL, DEFAULT_MAX_PER_RESPONSE, DEFAULT_HEAVY_SIGNALS,
        DEFAULT_HEAVY_PER_KEY);
  }

  /**
   * Validated limits.
   *
   * @throws ConfigException naming the first option out of range
   */
  public static MatchLimits of(int maxPerSignal, int maxPerResponse, int heavySignals, int heavyPerKey) {
    check("match.max_per_signal", maxPerSignal, 1, 1000);
    check("match.max_per_response", maxPerResponse, 1, 1_000_000);
    check("match.heavy_signals", heavySignals, 1, 100_000);
    check("match.heavy_per_key", heavyPerKey, 1, 1024);
    return new MatchLimits(maxPerSignal, maxPerResponse, heavySignals, heavyPerKey);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException("invalid " + name + " " + value + ": expected " + min + ".." + max);
    }
  }

  /** Most matches returned for one signal ({@code match.max_per_signal}). */
  public int maxPerSignal() {
    return maxPerSignal;
  }

  /** Most matches in one response, over all its signals ({@code match.max_per_response}). */
  public int maxPerResponse() {
    return maxPerResponse;
  }

  /** A batch of this many signals or more is heavy ({@code match.heavy_signals}). */
  public int heavySignals() {
    return heavySignals;
  }

  /** Heavy batches one API key may have in flight; more get 429 ({@code match.heavy_per_key}). */
  public int heavyPerKey() {
    return heavyPerKey;
  }

  @Override
  public String toString() {
    return "MatchLimits{maxPerSignal=" + maxPerSignal + ", maxPerResponse=" + maxPerResponse + ", heavySignals="
        + heavySignals + ", heavyPerKey=" + heavyPerKey + "}";
  }
}
