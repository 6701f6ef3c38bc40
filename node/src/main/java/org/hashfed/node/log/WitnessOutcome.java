package org.hashfed.node.log;

import java.util.Objects;

/** What one witnessing round did for one peer log. */
public record WitnessOutcome(Status status, String peer, String message) {

  /** The result. */
  public enum Status {
    /** The checkpoint was consistent with the last one seen and is cosigned. */
    COSIGNED,
    /** The log showed a checkpoint inconsistent with one it signed earlier; evidence is stored. */
    SPLIT_VIEW,
    /** Nothing could be concluded (unreachable peer, bad signature, unknown log). */
    FAILED
  }

  /** Requires every part. */
  public WitnessOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(message, "message");
  }
}
