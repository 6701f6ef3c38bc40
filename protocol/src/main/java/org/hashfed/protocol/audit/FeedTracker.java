package org.hashfed.protocol.audit;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.hashfed.protocol.entry.Entry;
import org.hashfed.protocol.entry.EntryId;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.feed.FeedHead;
import org.hashfed.protocol.feed.FeedState;

/**
 * Follows every member's feed through the log: seqs without gaps, each prev the id of the entry
 * before, times not decreasing, no seq twice. Keeps 16 bytes per entry (a 64-bit id prefix and the
 * leaf index) so that tens of millions of entries fit in memory.
 */
final class FeedTracker {

  /** What the tracker saw; null message when the entry simply follows its feed. */
  record Check(AuditFinding.Kind kind, String message) {}

  private static final class Feed {
    FeedState state;
    long[] idPrefix = new long[16];
    long[] leafPlusOne = new long[16];

    Feed(MemberId member) {
      state = FeedState.empty(member);
    }

    void remember(long seq, long prefix, long index) {
      int i = Math.toIntExact(seq - 1);
      if (i >= idPrefix.length) {
        int n = Math.max(i + 1, idPrefix.length * 2);
        idPrefix = Arrays.copyOf(idPrefix, n);
        leafPlusOne = Arrays.copyOf(leafPlusOne, n);
      }
      idPrefix[i] = prefix;
      leafPlusOne[i] = index + 1;
    }

    long leafAt(long seq) {
      int i = (int) (seq - 1);
      return i < leafPlusOne.length ? leafPlusOne[i] - 1 : -1;
    }
  }

  private final Map<MemberId, Feed> feeds = new HashMap<>();

  /** Checks the verified entry {@code e} with {@code id} at leaf {@code index} against its feed and advances the feed. */
  Check check(EntryId id, Entry e, long index) {
    Feed feed = feeds.computeIfAbsent(e.member(), Feed::new);
    long last = feed.state.lastSeq();
    long prefix = ByteBuffer.wrap(id.bytes()).getLong();
    String who = e.member() + "#" + e.seq();
    if (e.seq() <= last) {
      long earlier = feed.leafAt(e.seq());
      if (earlier < 0) {
        return new Check(AuditFinding.Kind.FEED_CHAIN, "entry " + who + " comes after " + e.member() + "#" + last
            + ": out of order (the log is reordered)");
      }
      if (feed.idPrefix[(int) (e.seq() - 1)] == prefix) {
        return new Check(AuditFinding.Kind.FEED_CHAIN, "entry " + who + " is logged twice, first at index " + earlier);
      }
      return new Check(AuditFinding.Kind.EQUIVOCATION, "member " + e.member() + " signed two different entries with seq "
          + e.seq() + ": this one and the one at index " + earlier);
    }
    String problem = null;
    if (e.seq() > last + 1) {
      problem = "entries " + e.member() + "#" + (last + 1) + (e.seq() - 1 > last + 1 ? ".." + (e.seq() - 1) : "")
          + " are missing before " + who + " (dropped or reordered)";
    } else if (!e.prev().equals(feed.state.lastId())) {
      problem = "entry " + who + " has prev " + e.prev().map(Object::toString).orElse("null")
          + " but the entry before it is " + feed.state.lastId().map(Object::toString).orElse("none");
    } else if (feed.state.head().isPresent() && e.time().isBefore(feed.state.head().get().time())) {
      problem = "entry " + who + " has time " + e.time() + ", before its predecessor's " + feed.state.head().get().time();
    }
    feed.state = FeedState.of(new FeedHead(e.member(), e.seq(), id, e.time()));
    feed.remember(e.seq(), prefix, index);
    return problem == null ? null : new Check(AuditFinding.Kind.FEED_CHAIN, problem);
  }

  /** Number of members with entries. */
  int members() {
    return feeds.size();
  }
}
