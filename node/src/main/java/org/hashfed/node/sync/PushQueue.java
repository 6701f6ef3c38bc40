package org.hashfed.node.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.hashfed.protocol.entry.MemberId;

/**
 * The entries waiting to be pushed to one peer, in acceptance order. A push takes everything that
 * fits into one request (at most {@code sync.batch} entries and {@code peer.max_body_bytes} of
 * body) and leaves the rest for the next, so a burst costs one request per round trip rather than
 * one per entry. Not thread-safe: the {@link Pusher} owns it on its context.
 */
final class PushQueue {

  /** A queued push: the entry's author, which orders it, and its encoded size in a push body. */
  record Item(MemberId author, PeerMessages.Pushed pushed, long bytes) {

    static Item of(MemberId author, PeerMessages.Pushed pushed) {
      return new Item(author, pushed, PeerMessages.pushItemBytes(pushed));
    }
  }

  /** What {@link #offer} did with an item. */
  enum Offered { QUEUED, FULL, TOO_LARGE }

  private final ArrayDeque<Item> items = new ArrayDeque<>();
  private final int maxItems;
  private final long maxBodyBytes;

  /**
   * @param maxItems     entries that may wait; beyond that anti-entropy delivers
   * @param maxBodyBytes the largest push body (the peer's request limit)
   */
  PushQueue(int maxItems, long maxBodyBytes) {
    this.maxItems = maxItems;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Queues an item, unless the queue is full or the item alone would exceed the body limit. */
  Offered offer(Item item) {
    if (PeerMessages.pushBodyBytes(0, 0) + item.bytes() > maxBodyBytes) {
      return Offered.TOO_LARGE;
    }
    if (items.size() >= maxItems) {
      return Offered.FULL;
    }
    items.add(item);
    return Offered.QUEUED;
  }

  /**
   * Removes and returns the next batch: queued items in order, at most {@code maxEntries} of them,
   * whose push body stays within the body limit, skipping the authors in {@code busy} (an earlier
   * push of theirs is in flight). An item that is skipped holds back every later item of its
   * author, so each feed still arrives in order.
   */
  List<Item> take(Set<MemberId> busy, int maxEntries) {
    return take(busy, maxEntries, maxBodyBytes);
  }

  /**
   * As {@link #take(Set, int)}, with bodies of at most {@code maxBytes} (at most the body limit),
   * for a peer whose pushes time out; the first item goes even when it alone is larger.
   */
  List<Item> take(Set<MemberId> busy, int maxEntries, long maxBytes) {
    long limit = Math.min(maxBytes, maxBodyBytes);
    List<Item> batch = new ArrayList<>();
    Set<MemberId> held = new HashSet<>(busy);
    long itemBytes = 0;
    for (Iterator<Item> it = items.iterator(); it.hasNext() && batch.size() < maxEntries; ) {
      Item item = it.next();
      if (held.contains(item.author())) {
        continue;
      }
      if (!batch.isEmpty() && PeerMessages.pushBodyBytes(batch.size() + 1, itemBytes + item.bytes()) > limit) {
        held.add(item.author());
        continue;
      }
      it.remove();
      batch.add(item);
      itemBytes += item.bytes();
    }
    return batch;
  }

  /**
   * Puts a batch the peer refused for now (429) back at the head of the queue, in its order, ahead
   * of the later entries of its authors. Returns false, and keeps nothing, when the queue has no
   * room for it: anti-entropy delivers those entries.
   */
  boolean requeue(List<Item> batch) {
    if (items.size() + batch.size() > maxItems) {
      return false;
    }
    for (int i = batch.size() - 1; i >= 0; i--) {
      items.addFirst(batch.get(i));
    }
    return true;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  void clear() {
    items.clear();
  }
}
