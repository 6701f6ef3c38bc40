package org.hashfed.node.trust;

import java.time.Instant;
import java.util.List;
import org.hashfed.protocol.entry.EntryId;

/**
 * A member's submissions in the demotion window and how many of them are disputed by at least
 * {@code minDisputers} distinct members at {@code disputerLevel} or above, with the thresholds
 * they were judged against.
 *
 * @param windowStart now minus the window
 * @param afterSeq only submissions after this seq of the member's feed count (its head at its last level change)
 * @param disputedEntries the disputed submissions (at most {@link #MAX_LISTED}), newest first
 */
public record DisputeStats(Instant windowStart, Instant windowEnd, long afterSeq, int submissions, int disputed,
    List<EntryId> disputedEntries, int minSubmissions, double shareThreshold, int minDisputers,
    TrustLevel disputerLevel) {

  /** Most disputed entry ids kept for an explanation. */
  public static final int MAX_LISTED = 20;

  /** Copies the list. */
  public DisputeStats {
    disputedEntries = List.copyOf(disputedEntries);
  }

  /** The disputed share of the window's submissions (0 when there are none). */
  public double share() {
    return submissions == 0 ? 0 : (double) disputed / submissions;
  }

  /** Whether the numbers call for a demotion: enough submissions and at least the threshold share disputed. */
  public boolean meetsThreshold() {
    return submissions >= minSubmissions && disputed > 0 && share() >= shareThreshold;
  }
}
