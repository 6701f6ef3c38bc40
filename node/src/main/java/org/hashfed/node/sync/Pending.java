package org.hashfed.node.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hashfed.protocol.entry.MemberId;
import org.hashfed.protocol.entry.SignedEntry;

/**
 * Verified entries that arrived ahead of their feed's head, waiting for the gap to fill; bounded
 * per member, in total and in payload bytes so that a peer inventing endless gaps costs bounded
 * memory. Not thread-safe: the {@link Intake} owns it under its lock.
 */
final class Pending {

  /** An entry waiting, with who sent it and whom it should still be relayed to. */
  record Waiting(SignedEntry entry, MemberId source, List<MemberId> relay, boolean pushed) {}

  /** What {@link #put} did. */
  sealed interface Put permits Held, Full, Conflict {}

  /** The entry now waits (or already did). */
  record Held() implements Put {}

  /** No room: the entry is dropped (anti-entropy will bring it again later). */
  record Full() implements Put {}

  /** Another entry with the same member and seq waits already: an equivocation. */
  record Conflict(SignedEntry other) implements Put {}

  /**
   * Most payload bytes held: the entry-count bounds alone would let 10,000 video entries of up to
   * 1 MiB each hold gigabytes.
   */
  static final long MAX_BYTES = 128L << 20;

  private final int perMember;
  private final int total;
  private final long maxBytes;
  private final Map<MemberId, TreeMap<Long, Waiting>> byMember = new HashMap<>();
  // written under the intake's lock only; volatile so that the pending count is read without it
  private volatile int size;
  private long bytes;

  Pending(int perMember, int total) {
    this(perMember, total, MAX_BYTES);
  }

  Pending(int perMember, int total, long maxBytes) {
    this.perMember = perMember;
    this.total = total;
    this.maxBytes = maxBytes;
  }

  private static long bytesOf(Waiting w) {
    return w.entry().envelope().payload().length;
  }

  Put put(Waiting w) {
    MemberId m = w.entry().entry().member();
    long seq = w.entry().entry().seq();
    TreeMap<Long, Waiting> feed = byMember.computeIfAbsent(m, k -> new TreeMap<>());
    Waiting there = feed.get(seq);
    if (there != null) {
      if (there.entry().id().equals(w.entry().id())) {
        return new Held();
      }
      return new Conflict(there.entry());
    }
    while (feed.size() >= perMember || size >= total || bytes + bytesOf(w) > maxBytes) {
      // Keep the entries nearest the head: they are the ones the next gap fetch can connect.
      if (feed.isEmpty() || feed.lastKey() < seq) {
        if (feed.isEmpty()) {
          byMember.remove(m);
        }
        return new Full();
      }
      bytes -= bytesOf(feed.pollLastEntry().getValue());
      size--;
    }
    feed.put(seq, w);
    size++;
    bytes += bytesOf(w);
    return new Held();
  }

  /** Removes and returns the entry waiting at exactly {@code seq} of the member's feed, if any. */
  Optional<Waiting> take(MemberId member, long seq) {
    TreeMap<Long, Waiting> feed = byMember.get(member);
    if (feed == null) {
      return Optional.empty();
    }
    Map<Long, Waiting> stale = feed.headMap(seq);
    size -= stale.size();
    stale.values().forEach(s -> bytes -= bytesOf(s));
    stale.clear();
    Waiting w = feed.remove(seq);
    if (w != null) {
      size--;
      bytes -= bytesOf(w);
    }
    if (feed.isEmpty()) {
      byMember.remove(member);
    }
    return Optional.ofNullable(w);
  }

  /** Drops everything waiting for a member (held after an equivocation, or no longer active). */
  void drop(MemberId member) {
    TreeMap<Long, Waiting> feed = byMember.remove(member);
    if (feed != null) {
      size -= feed.size();
      feed.values().forEach(s -> bytes -= bytesOf(s));
    }
  }

  /** The lowest seq waiting for a member, if any. */
  Optional<Long> lowest(MemberId member) {
    TreeMap<Long, Waiting> feed = byMember.get(member);
    return feed == null || feed.isEmpty() ? Optional.empty() : Optional.of(feed.firstKey());
  }

  int size() {
    return size;
  }

  long bytes() {
    return bytes;
  }
}
