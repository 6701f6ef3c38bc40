package org.hashfed.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** The {@code match:} section of a config file and its {@code HASHFED_MATCH_*} variables (spec/config.md). */
final class MatchSection {

  private static final Set<String> KEYS = Set.of("max_per_signal", "max_per_response", "heavy_signals",
      "heavy_per_key");

  private MatchSection() {}

  static MatchLimits fromFile(MatchLimits base, JsonNode match) {
    if (match == null) {
      return base;
    }
    ConfigLoader.requireObject(match, "match", KEYS, "match.");
    return MatchLimits.of(
        match.has("max_per_signal") ? ConfigLoader.integer(match, "max_per_signal", "match.") : base.maxPerSignal(),
        match.has("max_per_response") ? ConfigLoader.integer(match, "max_per_response", "match.")
            : base.maxPerResponse(),
        match.has("heavy_signals") ? ConfigLoader.integer(match, "heavy_signals", "match.") : base.heavySignals(),
        match.has("heavy_per_key") ? ConfigLoader.integer(match, "heavy_per_key", "match.") : base.heavyPerKey());
  }

  static MatchLimits fromEnvironment(MatchLimits base, Map<String, String> env) {
    return MatchLimits.of(
        envInt(env, "HASHFED_MATCH_MAX_PER_SIGNAL", base.maxPerSignal()),
        envInt(env, "HASHFED_MATCH_MAX_PER_RESPONSE", base.maxPerResponse()),
        envInt(env, "HASHFED_MATCH_HEAVY_SIGNALS", base.heavySignals()),
        envInt(env, "HASHFED_MATCH_HEAVY_PER_KEY", base.heavyPerKey()));
  }

  private static int envInt(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("invalid environment variable " + name + "=\"" + v + "\": expected an integer", e);
    }
  }
}
