package org.hashfed.node.config;

import java.util.Map;

/** The {@code HASHFED_MATCH_*} variables (spec/config.md); the file's section is {@link ConfigFile.Match}. */
final class MatchSection {

  private MatchSection() {}

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
