package org.hashfed.node.trust;

import java.util.List;

/** Why a member's level is what it is: the policy, the current dispute numbers, the events and readable reasons. */
public record Explanation(MemberTrust trust, DisputeStats stats, List<TrustEvent> events, List<String> reasons) {

  /** Copies the lists. */
  public Explanation {
    events = List.copyOf(events);
    reasons = List.copyOf(reasons);
  }
}
