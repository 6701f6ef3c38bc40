package org.hashfed.protocol.feed;

import java.util.Objects;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.SignedEntry;

/** How a feed classifies one incoming envelope; every caller must handle each case. */
public sealed interface FeedVerdict
    permits FeedVerdict.Accepted, FeedVerdict.Duplicate, FeedVerdict.Gap, FeedVerdict.Rejected,
        FeedVerdict.Equivocation {

  /** The entry is the next of the feed; {@code state} is the feed after it. */
  record Accepted(SignedEntry entry, FeedState state) implements FeedVerdict {
    /** Requires both parts. */
    public Accepted {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(state, "state");
    }
  }

  /** The entry is already held at its seq, with the same id. */
  record Duplicate(long seq, EntryId id) implements FeedVerdict {
    /** Requires the id. */
    public Duplicate {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * The entry is validly signed but lies ahead: seqs {@code missingFrom..missingTo} are missing.
   * The caller may keep it pending and fetch the missing entries.
   */
  record Gap(long missingFrom, long missingTo, SignedEntry entry) implements FeedVerdict {
    /** Requires a non-empty range. */
    public Gap {
      Objects.requireNonNull(entry, "entry");
      if (missingFrom < 1 || missingTo < missingFrom) {
        throw new IllegalArgumentException("gap " + missingFrom + ".." + missingTo + " is empty");
      }
    }
  }

  /** The envelope is refused; the message names the problem. */
  record Rejected(RejectReason reason, String message) implements FeedVerdict {
    /** Requires both parts. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The member signed two different entries with the same seq: proof of misbehaviour. */
  record Equivocation(EquivocationEvidence evidence) implements FeedVerdict {
    /** Requires the evidence. */
    public Equivocation {
      Objects.requireNonNull(evidence, "evidence");
    }
  }
}
