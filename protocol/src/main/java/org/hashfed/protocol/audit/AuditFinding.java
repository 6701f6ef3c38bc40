package org.hashfed.protocol.audit;

import java.util.Objects;
import java.util.Optional;

/** One thing wrong with an audited log, with the leaf index and entry id when it concerns one leaf. */
public record AuditFinding(Kind kind, long index, Optional<String> entryId, String message) {

  /** What kind of problem. */
  public enum Kind {
    /** The roster history is missing or does not verify. */
    ROSTER,
    /** The checkpoint is malformed or its log signature does not verify. */
    CHECKPOINT,
    /** The source served fewer or more leaves than the checkpoint's size. */
    LEAF_COUNT,
    /** The recomputed root differs from the checkpoint's. */
    ROOT_MISMATCH,
    /** The log is inconsistent with the checkpoint saved from the last audit: rewritten or forked. */
    INCONSISTENT_WITH_STATE,
    /** A leaf is not a DSSE envelope or its entry does not parse. */
    MALFORMED,
    /** An entry's member is not in the roster in force at its time. */
    UNKNOWN_MEMBER,
    /** An entry's signature does not verify with its member's key. */
    BAD_SIGNATURE,
    /** An entry was made while its member was suspended or removed. */
    INACTIVE_MEMBER,
    /** A member's feed skips seqs, breaks its prev chain, goes back in time or repeats itself. */
    FEED_CHAIN,
    /** A member signed two different entries with the same seq. */
    EQUIVOCATION,
    /** A cosignature by a known witness does not verify. */
    COSIGNATURE
  }

  /** Requires the kind and message; {@code index} is -1 when the finding is about no single leaf. */
  public AuditFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(message, "message");
  }

  static AuditFinding of(Kind kind, String message) {
    return new AuditFinding(kind, -1, Optional.empty(), message);
  }

  static AuditFinding at(Kind kind, long index, String entryId, String message) {
    return new AuditFinding(kind, index, Optional.ofNullable(entryId), message);
  }

  /** One line for people: kind, where, what. */
  public String describe() {
    StringBuilder sb = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    if (index >= 0) {
      sb.append(" at index ").append(index);
    }
    entryId.ifPresent(id -> sb.append(" (entry ").append(id).append(')'));
    return sb.append(": ").append(message).toString();
  }
}
