package org.hashfed.node.entries;

/** Why the ledger refused a request that was well formed: each maps to one HTTP status. */
public enum Refusal {
  /** No entry with that id is stored. */
  ENTRY_NOT_FOUND,
  /** The entry is another member's (a retraction) or this member's own (an opinion). */
  NOT_OWN_ENTRY,
  /** An opinion on this member's own entry. */
  OWN_ENTRY,
  /** The entry is not a submission. */
  NOT_A_SUBMISSION,
  /** The submission is already retracted. */
  ALREADY_RETRACTED,
  /** A relabel that would not change the submission's current labels. */
  LABELS_UNCHANGED,
  /** A PDQ hash of quality below the node's minimum. */
  LOW_QUALITY,
  /** No peer has yet confirmed that this node holds its member's whole feed ({@link OwnFeedGate}). */
  OWN_FEED_UNCONFIRMED
}
