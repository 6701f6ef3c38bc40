package org.hashfed.protocol.feed;

import java.time.Instant;
import java.util.Objects;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/** The last accepted entry of a member's feed: its seq, id and time. */
public record FeedHead(MemberId member, long seq, EntryId id, Instant time) {

  /** Validates that every field is present and seq is positive. */
  public FeedHead {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    if (seq < 1) {
      throw new IllegalArgumentException("feed head seq " + seq + ": expected at least 1");
    }
  }

  /** The head that the given entry makes. */
  public static FeedHead of(SignedEntry entry) {
    return new FeedHead(entry.entry().member(), entry.entry().seq(), entry.id(), entry.entry().time());
  }
}
