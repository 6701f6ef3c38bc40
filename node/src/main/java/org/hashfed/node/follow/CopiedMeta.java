package org.hashfed.node.follow;

import java.util.List;
import java.util.function.Predicate;

/**
 * The metadata a read follower copies: what it needs to answer as its leader does (API keys, trust
 * policy and its events, rosters, the event log's epoch, the replay record format). Webhook
 * endpoints and their secrets, evidence held for operators and peer health stay on the leader.
 */
public final class CopiedMeta implements Predicate<String> {

  // The prefixes belong to the packages that write them (auth.ApiKeys, trust.TrustRecords,
  // roster.RosterBook, events.EventLog, entries.LedgerReplay); FollowerTest shows each one arrives.
  private static final List<String> PREFIXES =
      List.of("apikey/", "trust/member/", "trust/event/", "roster/v/", "events/epoch", "replay.format");

  /** Whether the metadata under {@code key} is copied to followers. */
  @Override
  public boolean test(String key) {
    for (String p : PREFIXES) {
      if (key.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  static boolean isApiKey(String key) {
    return key.startsWith("apikey/");
  }

  static boolean isTrust(String key) {
    return key.startsWith("trust/");
  }

  static boolean isRoster(String key) {
    return key.startsWith("roster/v/");
  }
}
