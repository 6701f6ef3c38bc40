package org.hashfed.protocol.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryBody;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/** What is known of one member's feed: nothing yet, or its head. */
public final class FeedState {

  private final MemberId member;
  private final FeedHead head;

  private FeedState(MemberId member, FeedHead head) {
    this.member = member;
    this.head = head;
  }

  /** The state of a feed of which no entry is held. */
  public static FeedState empty(MemberId member) {
    return new FeedState(Objects.requireNonNull(member, "member"), null);
  }

  /** The state whose last accepted entry is the given head. */
  public static FeedState of(FeedHead head) {
    return new FeedState(head.member(), head);
  }

  /** The member. */
  public MemberId member() {
    return member;
  }

  /** The head, empty when no entry is held. */
  public Optional<FeedHead> head() {
    return Optional.ofNullable(head);
  }

  /** The last accepted seq, 0 when none. */
  public long lastSeq() {
    return head == null ? 0 : head.seq();
  }

  /** The last accepted entry id, empty when none. */
  public Optional<EntryId> lastId() {
    return head == null ? Optional.empty() : Optional.of(head.id());
  }

  /**
   * The member's next entry: seq + 1, prev = last id.
   *
   * @throws IllegalArgumentException when the time is before the last entry's time or the body is
   *     invalid for this member
   */
  public Entry next(Instant time, EntryBody body) {
    if (head != null && time.isBefore(head.time())) {
      throw new IllegalArgumentException("entry time " + time + " is before the feed's last entry time " + head.time()
          + ": entry times in a feed never decrease");
    }
    return Entry.create(member, lastSeq() + 1, lastId(), time, body);
  }

  /**
   * The state after appending an entry that the caller knows follows this state (its own entry,
   * or one a {@link FeedValidator} accepted).
   *
   * @throws IllegalArgumentException when the entry is not the next of this feed
   */
  public FeedState advance(SignedEntry next) {
    Entry e = next.entry();
    if (!e.member().equals(member) || e.seq() != lastSeq() + 1 || !e.prev().equals(lastId())) {
      throw new IllegalArgumentException("entry " + e + " does not follow feed state " + this);
    }
    return of(FeedHead.of(next));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedState s && s.member.equals(member) && Objects.equals(s.head, head);
  }

  @Override
  public int hashCode() {
    return Objects.hash(member, head);
  }

  @Override
  public String toString() {
    return head == null ? "FeedState[" + member + " empty]" : "FeedState[" + member + "#" + head.seq() + " " + head.id() + "]";
  }
}
